package dev.bencher.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.PackagedApp;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Tokens;

/**
 * Adopting an existing Bencher database, the documented way (docs/operations.md "Adopting an
 * existing database"): the packaged artifact with {@code QUARKUS_FLYWAY_MIGRATE_AT_START=true} and
 * {@code QUARKUS_INIT_AND_EXIT=true}, as the migration Job runs it. The database is built as the
 * writers would have built it: the contract DDL (database.md §2) run by hand, then tens of thousands
 * of jobs over several projects, in every status, one project soft-deleted (D8), and no Flyway
 * history. Each test has a database of its own on the test server.
 */
class SchemaAdoptionIT {

    private static final Duration MIGRATION_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> STATUSES = List.of("pending", "claimed", "running", "completed", "processed",
            "failed", "canceled");

    @BeforeAll
    static void server() {
        TestDatabase.start();
    }

    /** R3, R24, D13: V1 is recorded as the baseline, V2 applied, and every total counted. */
    @Test
    void r3_d13_anExistingDatabaseIsAdoptedAndEveryJobCounted() throws Exception {
        String database = TestDatabase.createDatabase("adopt_existing_");
        try (Connection connection = TestDatabase.connect(database)) {
            TestDatabase.execute(connection, TestDatabase.contractDdl());
            TestDatabase.execute(connection, WRITERS_DATA);
            assertThat(TestDatabase.count(connection, "SELECT count(*) FROM job")).isEqualTo(42_500);

            Migration migration = migrate(database);

            assertThat(migration.exitCode()).as(migration.log()).isZero();
            assertThat(TestDatabase.rows(connection, "SELECT version || ' ' || type || ' ' || description || ' ' || success"
                    + " FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1 BASELINE contract schema adopted true", "2 SQL job counts true");
            assertThat(TestDatabase.count(connection, "SELECT count(*) FROM job_count_check()")).isZero();
            assertThat(TestDatabase.count(connection, "SELECT sum(n) FROM job_count")).isEqualTo(42_500);
            assertEveryListTotalIsTheJobCount(database, connection);
        }
    }

    /** R3: on an empty database the same command applies V1 and V2. */
    @Test
    void r3_anEmptyDatabaseGetsBothMigrations() throws Exception {
        String database = TestDatabase.createDatabase("adopt_empty_");
        Migration migration = migrate(database);

        assertThat(migration.exitCode()).as(migration.log()).isZero();
        try (Connection connection = TestDatabase.connect(database)) {
            assertThat(TestDatabase.rows(connection, "SELECT version || ' ' || type || ' ' || success"
                    + " FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"))
                    .containsExactly("1 SQL true", "2 SQL true");
            TestDatabase.execute(connection, WRITERS_DATA);
            assertThat(TestDatabase.count(connection, "SELECT count(*) FROM job_count_check()")).isZero();
            assertEveryListTotalIsTheJobCount(database, connection);
        }
    }

    /** D1: a schema that differs from the contract is not adopted; the message names each difference. */
    @Test
    void d1_aSchemaThatDiffersIsNotAdoptedAndTheDifferencesAreNamed() throws Exception {
        String database = TestDatabase.createDatabase("adopt_differs_");
        try (Connection connection = TestDatabase.connect(database)) {
            TestDatabase.execute(connection, TestDatabase.contractDdl());
            TestDatabase.execute(connection, "DROP INDEX job_project_status_created_idx");
            TestDatabase.execute(connection, "ALTER TABLE job ADD COLUMN priority integer");

            Migration migration = migrate(database);

            assertThat(migration.exitCode()).isNotZero();
            assertThat(migration.log())
                    .contains("The existing schema differs from db/migration/V1__contract_schema.sql")
                    .contains("index job.job_project_status_created_idx is missing")
                    .contains("column job.priority is not in the contract (integer)");
            assertThat(TestDatabase.rows(connection, "SELECT relname FROM pg_class"
                    + " WHERE relname IN ('flyway_schema_history', 'job_count')")).isEmpty();
        }
    }

    /**
     * The migration as docs/operations.md "Adopting an existing database" gives it, word for word
     * (the migration Job sets the same variables): these settings and nothing else.
     */
    private static Migration migrate(String database) throws Exception {
        Map<String, String> settings = Map.of(
                "QUARKUS_FLYWAY_MIGRATE_AT_START", "true",
                "QUARKUS_INIT_AND_EXIT", "true",
                "QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.reactiveUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER,
                "QUARKUS_DATASOURCE_PASSWORD", "unused",
                "MP_JWT_VERIFY_ISSUER", "unused",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "unused");
        try (PackagedApp app = PackagedApp.start("adopt-" + database, settings)) {
            assertThat(app.process().waitFor(MIGRATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the migration ended").isTrue();
            return new Migration(app.process().exitValue(), app.log());
        }
    }

    /**
     * R24, R58: the service, started on the migrated database, answers every live project's list,
     * with each status filter and without, with X-Total-Count equal to the jobs' own count; the
     * deleted project is not found.
     */
    private static void assertEveryListTotalIsTheJobCount(String database, Connection connection) throws Exception {
        Map<String, String> settings = PackagedApp.productionSettings();
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.reactiveUrl(database));
        String token = Tokens.bearer(Tokens.valid(TestDatabase.rows(connection,
                "SELECT 'project:' || uuid || ':viewer' FROM project WHERE visibility = 'private'").toArray(String[]::new)));
        try (PackagedApp app = PackagedApp.start("adopted-" + database, settings)) {
            app.awaitReady(Duration.ofSeconds(90));
            List<String> checked = new ArrayList<>();
            for (String slug : TestDatabase.rows(connection, "SELECT slug FROM project WHERE deleted IS NULL")) {
                for (String status : withNone(STATUSES)) {
                    String path = "/v0/projects/" + slug + "/jobs?per_page=1" + (status.isEmpty() ? "" : "&status=" + status);
                    HttpResponse<String> response = app.get(path, token);
                    assertThat(response.statusCode()).as(path).isEqualTo(200);
                    long expected = TestDatabase.count(connection, "SELECT count(*) FROM job j JOIN project p"
                            + " ON p.uuid = j.project_uuid WHERE p.slug = ? AND p.deleted IS NULL AND (? = '' OR j.status = ?)",
                            slug, status, status);
                    assertThat(response.headers().firstValue("X-Total-Count")).as(path).hasValue(String.valueOf(expected));
                    checked.add(path);
                }
            }
            assertThat(checked).hasSize(4 * 8);
            assertThat(app.get("/v0/projects/gone/jobs", token).statusCode()).isEqualTo(404);
        }
    }

    private static List<String> withNone(List<String> statuses) {
        List<String> all = new ArrayList<>(statuses);
        all.add("");
        return all;
    }

    private record Migration(int exitCode, String log) {
    }

    /**
     * What the writers left: one organization and spec, four live projects (two public, two
     * private) and one soft-deleted, with 20,000, 12,000, 6,000, 1,500 and 3,000 jobs; statuses
     * in turn, created 37 minutes apart from 2023 on (so over many of job_count's 12-day buckets).
     */
    private static final String WRITERS_DATA = """
            INSERT INTO organization (uuid, name, slug, created, modified)
            VALUES ('00000000-0000-4000-8000-000000000001', 'Writers', 'writers', now(), now());
            INSERT INTO spec (uuid, name, slug, os, architecture, cpu, memory, disk, created, modified)
            VALUES ('00000000-0000-4000-8000-000000000002', 'Linux', 'linux', 'linux', 'x86_64', 2, 4096, 65536, now(), now());
            INSERT INTO project (uuid, organization_uuid, name, slug, visibility, created, modified, deleted)
            SELECT p.uuid, '00000000-0000-4000-8000-000000000001', p.slug, p.slug, p.visibility, now(), now(), p.deleted
            FROM (VALUES ('00000000-0000-4000-8000-0000000000a1'::uuid, 'big-public', 'public', NULL::timestamptz),
                         ('00000000-0000-4000-8000-0000000000a2'::uuid, 'mid-private', 'private', NULL),
                         ('00000000-0000-4000-8000-0000000000a3'::uuid, 'small-public', 'public', NULL),
                         ('00000000-0000-4000-8000-0000000000a4'::uuid, 'tiny-private', 'private', NULL),
                         ('00000000-0000-4000-8000-0000000000a5'::uuid, 'gone', 'public', now()))
                 AS p (uuid, slug, visibility, deleted);
            INSERT INTO job (uuid, project_uuid, spec_uuid, status, created, modified)
            SELECT gen_random_uuid(), p.uuid, '00000000-0000-4000-8000-000000000002',
                   (ARRAY['pending', 'claimed', 'running', 'completed', 'processed', 'failed', 'canceled'])[1 + (i * 3 + i / 11) % 7],
                   timestamptz '2023-01-01 00:00:00Z' + i * interval '37 minutes', now()
            FROM (VALUES ('00000000-0000-4000-8000-0000000000a1'::uuid, 20000), ('00000000-0000-4000-8000-0000000000a2', 12000),
                         ('00000000-0000-4000-8000-0000000000a3', 6000), ('00000000-0000-4000-8000-0000000000a4', 1500),
                         ('00000000-0000-4000-8000-0000000000a5', 3000)) AS p (uuid, jobs),
                 generate_series(1, p.jobs) AS i;
            """;
}
