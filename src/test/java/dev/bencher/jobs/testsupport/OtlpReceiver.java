package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import org.awaitility.Awaitility;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * An OpenTelemetry collector for the tests: OTLP over HTTP ({@code http/protobuf}, what the service
 * exports, docs/operations.md "Tracing") on a free local port, one per test JVM. It keeps every
 * span it receives; {@link #endpoint()} is the value of
 * {@code quarkus.otel.exporter.otlp.traces.endpoint} (the exporter appends {@code /v1/traces}).
 */
public final class OtlpReceiver {

    private static final List<ReceivedSpan> SPANS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    private OtlpReceiver() {
    }

    /** Starts the receiver once per JVM; returns its endpoint. */
    public static synchronized String start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the OTLP receiver", e);
            }
            server.createContext("/v1/traces", OtlpReceiver::receive);
            server.start();
        }
        return endpoint();
    }

    public static String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Every span received so far. */
    public static List<ReceivedSpan> spans() {
        return List.copyOf(SPANS);
    }

    /** Waits (generously: the exporter sends in batches) until the received spans of {@code traceId} satisfy {@code complete}. */
    public static List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> complete) {
        return Awaitility.await("spans of trace " + traceId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> SPANS.stream().filter(span -> span.traceId().equals(traceId)).toList(), complete);
    }

    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    for (Span span : scopeSpans.getSpansList()) {
                        SPANS.add(ReceivedSpan.of(resourceSpans.getResource(), scopeSpans.getScope().getName(), span));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /**
     * A span as received, ids in lower-case hex ({@code parentSpanId} empty for a root span).
     * {@code texts} is every text sent with it: name, attribute keys and values, event names and
     * attributes, link attributes, status message, resource attributes and scope name.
     */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, Span.SpanKind kind,
            long startNanos, long endNanos, Map<String, String> attributes, Status.StatusCode status,
            List<String> texts) {

        static ReceivedSpan of(Resource resource, String scope, Span span) {
            List<String> texts = new ArrayList<>(List.of(span.getName(), scope, span.getStatus().getMessage(), span.getTraceState()));
            addAll(texts, resource.getAttributesList());
            addAll(texts, span.getAttributesList());
            for (Span.Event event : span.getEventsList()) {
                texts.add(event.getName());
                addAll(texts, event.getAttributesList());
            }
            for (Span.Link link : span.getLinksList()) {
                addAll(texts, link.getAttributesList());
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            span.getAttributesList().forEach(attribute -> attributes.put(attribute.getKey(), text(attribute.getValue())));
            return new ReceivedSpan(hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()), span.getName(),
                    span.getKind(), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), attributes,
                    span.getStatus().getCode(), List.copyOf(texts));
        }

        public String attribute(String key) {
            return attributes.get(key);
        }

        private static void addAll(List<String> texts, List<KeyValue> attributes) {
            for (KeyValue attribute : attributes) {
                texts.add(attribute.getKey());
                texts.add(text(attribute.getValue()));
            }
        }

        /** Any OTLP value as text; arrays and maps in full, so nothing inside them escapes a check. */
        private static String text(AnyValue value) {
            return switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case BOOL_VALUE -> String.valueOf(value.getBoolValue());
                case INT_VALUE -> String.valueOf(value.getIntValue());
                case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
                case BYTES_VALUE -> value.getBytesValue().toStringUtf8();
                case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(ReceivedSpan::text).toList().toString();
                case KVLIST_VALUE -> value.getKvlistValue().getValuesList().stream()
                        .map(entry -> entry.getKey() + "=" + text(entry.getValue())).toList().toString();
                case VALUE_NOT_SET -> "";
            };
        }

        private static String hex(ByteString id) {
            return HexFormat.of().formatHex(id.toByteArray());
        }
    }
}
