package dev.bencher.jobs.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bencher.jobs.testsupport.OtlpReceiver;
import dev.bencher.jobs.testsupport.PackagedApp;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Tokens;

/**
 * {@link TracingContract} against the packaged artifact (the jar in {@code ./mvnw verify}, the native
 * executable in {@code .ci/native}), started with production's settings plus the exporter's endpoint
 * as environment variables, as docs/operations.md "Tracing" configures it; log lines are the
 * production JSON lines of its log. And the default: without an endpoint nothing is sampled, so
 * nothing is sent and nothing fails to send, while the log lines still carry the caller's trace id.
 */
class TracingIT extends TracingContract {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PackagedApp app;

    @BeforeAll
    static void startPackagedApplication() {
        TestDatabase.start();
        Map<String, String> settings = productionSettings();
        settings.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", OtlpReceiver.start());
        settings.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        app = PackagedApp.start("tracing-it", settings);
        app.awaitReady(START_TIMEOUT);
        writeRows(); // Flyway has migrated the schema by now
    }

    @AfterAll
    static void stopApplication() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void withoutAnEndpointNothingIsSampledSoNothingIsSentOrFailsToSend() throws Exception {
        Map<String, String> settings = productionSettings();
        settings.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"); // a queued span would be sent at once
        try (PackagedApp quiet = PackagedApp.start("tracing-off-it", settings)) {
            quiet.awaitReady(START_TIMEOUT);
            Caller caller = Caller.sampled();
            HttpResponse<String> response = quiet.get("/v0/projects/" + slug + "/jobs",
                    Map.of("traceparent", caller.traceparent(), "Authorization", Tokens.bearer(token)));
            assertThat(response.statusCode()).isEqualTo(200);
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            LogLine access = Awaitility.await("the access line").atMost(Duration.ofSeconds(10))
                    .until(() -> lines(quiet).stream().filter(line -> requestId.equals(line.mdc().get("request_id"))).toList(),
                            found -> found.size() == 1)
                    .get(0);
            assertThat(access.mdc()).as("the caller's trace, not sampled: no span is queued for export")
                    .containsEntry("traceId", caller.traceId()).containsEntry("sampled", "false").containsKey("spanId");

            quiet.process().destroy(); // SIGTERM: the exporter would flush what it has now
            assertThat(quiet.process().waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
            // A failed export logs "Failed to export ..." (io.quarkus.opentelemetry...VertxHttpSender, WARNING)
            assertThat(lines(quiet)).as("no export was tried or failed")
                    .noneMatch(line -> line.logger().contains("opentelemetry") || line.message().toLowerCase().contains("export"));
        }
    }

    @Override
    Answer get(String pathAndQuery, Map<String, String> headers) {
        try {
            HttpResponse<String> response = app.get(pathAndQuery, headers);
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> answerHeaders.put(name, values.get(0)));
            return new Answer(response.statusCode(), answerHeaders, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    List<LogLine> logLines() {
        return lines(app);
    }

    private static Map<String, String> productionSettings() {
        Map<String, String> settings = PackagedApp.productionSettings();
        settings.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        return settings;
    }

    /** The production log's JSON lines (a line still being written is skipped). */
    private static List<LogLine> lines(PackagedApp application) {
        List<LogLine> lines = new ArrayList<>();
        try {
            for (String text : Files.readAllLines(application.logFile())) {
                JsonNode line;
                try {
                    line = JSON.readTree(text);
                } catch (IOException partial) {
                    continue;
                }
                if (line == null || !line.isObject()) {
                    continue;
                }
                Map<String, String> mdc = new LinkedHashMap<>();
                line.path("mdc").fields().forEachRemaining(field -> mdc.put(field.getKey(), field.getValue().asText()));
                lines.add(new LogLine(line.path("loggerName").asText(), line.path("message").asText(), mdc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
