package dev.bencher.jobs.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the {@link TestDatabase}; Flyway migrates it at start. Each test
 * class that needs it declares {@code @WithTestResource(PostgresResource.class)}; with the same set
 * on every class (the default scope, matching resources) they share one application start.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestDatabase.start();
        return Map.of(
                "quarkus.datasource.reactive.url", TestDatabase.reactiveUrl(),
                "quarkus.datasource.username", TestDatabase.USER,
                "quarkus.datasource.password", "unused");
    }

    @Override
    public void stop() {
        // The server lives for the whole JVM: several Quarkus applications share it.
    }
}
