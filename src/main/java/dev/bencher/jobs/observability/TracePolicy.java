package dev.bencher.jobs.observability;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.UrlAttributes;
import io.quarkus.arc.Unremovable;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterConfig;

/**
 * When traces leave the service and what they may carry (docs/operations.md "Tracing"); the spans
 * themselves are Quarkus' server span per request (named by the route template, AccessLog) and the
 * query spans of {@link JobsMeters#timeQuery}.
 * <ul>
 * <li><b>Sent only to a configured endpoint.</b> Without
 * {@code quarkus.otel.exporter.otlp[.traces].endpoint} Quarkus would send every batch to its default,
 * {@code localhost:4317}, and log each failure; here no span is sampled then, so there is nothing to
 * send. Requests still get trace and span ids (the caller's trace id from {@code traceparent}), which
 * the log lines carry.</li>
 * <li><b>No request values.</b> The server span's {@code url.path} (it holds the project and job)
 * and {@code url.query} (the query's values) read {@value #REDACTED}, the word OpenTelemetry's
 * conventions use for scrubbed values; {@code http.route} and the span's name carry the template,
 * as the access log and the HTTP metrics do. Headers are not captured, and the REST layer's
 * exception events, whose messages hold request values, are off (application.properties).</li>
 * </ul>
 */
@Singleton
@Unremovable
public class TracePolicy implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer {

    static final String REDACTED = "REDACTED";

    /** The attributes of the server span that hold what the caller sent in the request target. */
    private static final List<AttributeKey<String>> REQUEST_TARGET = List.of(UrlAttributes.URL_PATH, UrlAttributes.URL_QUERY);

    private final boolean exporting;

    /**
     * {@code endpoint}: the traces' endpoint, else the signals' common one, else Quarkus' default
     * ({@code http://localhost:4317/}), which Quarkus itself takes for "not set".
     */
    public TracePolicy(@ConfigProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint") Optional<String> endpoint) {
        this.exporting = endpoint.filter(value -> !value.isBlank() && !value.equals(OtlpExporterConfig.DEFAULT_GRPC_BASE_URI))
                .isPresent();
    }

    @Override
    public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addSamplerCustomizer((configured, properties) -> exporting ? configured : Sampler.alwaysOff());
        builder.addTracerProviderCustomizer((tracerProvider, properties) -> tracerProvider.addSpanProcessor(new RequestTargetRedaction()));
    }

    /** Replaces the request target's attributes when a span starts, before anything can export it. */
    static final class RequestTargetRedaction implements SpanProcessor {

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            for (AttributeKey<String> key : REQUEST_TARGET) {
                if (span.getAttribute(key) != null) {
                    span.setAttribute(key, REDACTED);
                }
            }
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }
}
