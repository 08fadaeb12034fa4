package dev.bencher.jobs.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest}'s trace exporter at the {@link OtlpReceiver}, which sends nothing
 * unless an endpoint is set (docs/operations.md "Tracing"), with a short batch delay so spans
 * arrive soon after their request.
 */
public class OtlpReceiverResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.otel.exporter.otlp.traces.endpoint", OtlpReceiver.start(),
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public void stop() {
        // The receiver lives for the whole test JVM, like the database.
    }
}
