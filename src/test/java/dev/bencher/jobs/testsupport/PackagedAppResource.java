package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The configuration the {@code *IT} classes give the packaged artifact that
 * {@code @QuarkusIntegrationTest} launches (with the production profile): production's required
 * settings against the test database ({@link PackagedApp#productionProperties()}), the schema
 * migrated at start as {@code @QuarkusTest} has it, and the management interface ({@code /q/*},
 * port 9000 in production) on a free port, so that several test runs can share the machine.
 */
public class PackagedAppResource implements QuarkusTestResourceLifecycleManager {

    private static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        TestDatabase.start();
        Map<String, String> properties = PackagedApp.productionProperties();
        properties.put("quarkus.flyway.migrate-at-start", "true");
        try {
            managementPort = PackagedApp.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("quarkus.management.port", String.valueOf(managementPort));
        return properties;
    }

    /** The port of the running artifact's management interface ({@code /q/*}). */
    public static int managementPort() {
        return managementPort;
    }

    @Override
    public void stop() {
        // The database lives for the whole JVM (TestDatabase); the artifact is stopped by Quarkus.
    }
}
