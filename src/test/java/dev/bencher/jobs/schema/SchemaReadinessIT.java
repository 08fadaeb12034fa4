package dev.bencher.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.PackagedApp;
import dev.bencher.jobs.testsupport.TestDatabase;

/**
 * Readiness follows the schema ({@link SchemaReadiness}), on the packaged artifact: started on a
 * database that holds the contract schema but not V2 (the state an existing Bencher database is in
 * before the migration Job), the service is not ready, says why in one ERROR line and in readiness,
 * and answers API requests 503 with Retry-After (R57); once the migration is applied it becomes
 * ready by itself, without a restart. Then the other direction: a revoked grant (42501) takes it out
 * again, the grant brings it back. It reads as a role of its own with SELECT only (database.md D6).
 */
class SchemaReadinessIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static String database;
    private static String role;
    private static Connection connection;
    private static PackagedApp app;

    @BeforeAll
    static void startOnADatabaseWithoutV2() throws Exception {
        TestDatabase.start();
        database = TestDatabase.createDatabase("readiness_");
        role = "reader_" + database.substring(database.length() - 8);
        connection = TestDatabase.connect(database);
        TestDatabase.execute(connection, TestDatabase.contractDdl());
        TestDatabase.execute(connection, "CREATE ROLE " + role + " LOGIN");
        TestDatabase.execute(connection, "GRANT SELECT ON organization, project, spec, runner, job, job_output TO " + role);
        UUID organization = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        UUID spec = UUID.randomUUID();
        TestDatabase.execute(connection, "INSERT INTO organization (uuid, name, slug, created, modified) VALUES (?, 'O', 'o', now(), now())",
                organization);
        TestDatabase.execute(connection, "INSERT INTO project (uuid, organization_uuid, name, slug, created, modified)"
                + " VALUES (?, ?, 'Ready', 'ready', now(), now())", project, organization);
        TestDatabase.execute(connection, "INSERT INTO spec (uuid, name, slug, os, architecture, cpu, memory, disk, created, modified)"
                + " VALUES (?, 'S', 's', 'linux', 'x86_64', 1, 1, 1, now(), now())", spec);
        for (int i = 0; i < 3; i++) {
            TestDatabase.execute(connection, "INSERT INTO job (uuid, project_uuid, spec_uuid, created, modified) VALUES (?, ?, ?, ?, now())",
                    UUID.randomUUID(), project, spec, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
        }

        Map<String, String> settings = PackagedApp.productionSettings();
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.reactiveUrl(database));
        settings.put("QUARKUS_DATASOURCE_USERNAME", role);
        settings.put("BENCHER_SCHEMA_CHECK_INTERVAL", "1s");
        app = PackagedApp.start("schema-readiness-it", settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void r57_notReadyWithoutV2_thenReadyByItselfOnceMigrated_thenOutAndBackWithTheGrant() throws Exception {
        awaitReadiness(503, "relation \\\"job_count\\\" does not exist", "QUARKUS_FLYWAY_MIGRATE_AT_START=true");
        assertUnavailable(app.get("/v0/projects/ready/jobs"));

        // The documented migration (docs/operations.md "Adopting an existing database"), as the schema's owner.
        Map<String, String> migration = PackagedApp.productionSettings();
        migration.put("QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.reactiveUrl(database));
        migration.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        migration.put("QUARKUS_INIT_AND_EXIT", "true");
        try (PackagedApp migrate = PackagedApp.start("schema-readiness-migration", migration)) {
            assertThat(migrate.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(migrate.process().exitValue()).as(migrate.log()).isZero();
        }

        awaitReadiness(200, "\"status\": \"UP\"");
        HttpResponse<String> list = app.get("/v0/projects/ready/jobs");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(app.log().lines().filter(line -> line.contains("Database schema not ready"))).singleElement()
                .satisfies(line -> assertThat(line).contains("ERROR").contains("job_count")
                        .contains("QUARKUS_INIT_AND_EXIT=true"));
        assertThat(app.log()).contains("Database schema ready");
        assertThat(app.log().indexOf("Warm-up: the service's queries ran for"))
                .as("the warm-up runs before the first ready").isPositive()
                .isLessThan(app.log().indexOf("Database schema ready"));

        TestDatabase.execute(connection, "REVOKE SELECT ON job_count FROM " + role);
        awaitReadiness(503, "permission denied for table job_count", "GRANT SELECT ON");
        assertUnavailable(app.get("/v0/projects/ready/jobs"));

        TestDatabase.execute(connection, "GRANT SELECT ON job_count TO " + role);
        awaitReadiness(200, "\"status\": \"UP\"");
        assertThat(app.get("/v0/projects/ready/jobs").statusCode()).isEqualTo(200);
        assertThat(app.log().lines().filter(line -> line.contains("Warm-up:"))).as("only before the first ready").hasSize(1);
    }

    private static void awaitReadiness(int status, String... reason) {
        Awaitility.await("readiness " + status).atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                .ignoreException(ConnectException.class).untilAsserted(() -> {
            HttpResponse<String> ready = app.management("/q/health/ready");
            assertThat(ready.statusCode()).isEqualTo(status);
            assertThat(ready.body()).contains(reason);
        });
    }

    /** R57: the spec's JSON 503 with Retry-After, never a 500. */
    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }
}
