package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * jobs-api.md R57: every way PostgreSQL refuses the service that can be simulated here answers 503
 * with Retry-After (never 500), and the service recovers by itself once the database is back. The
 * service runs as a role with nothing but SELECT (database.md D6, plus job_count), so the database
 * can refuse that role without locking out the test. Whatever the database does, path, query and
 * token errors are answered without it (R17 steps 1-5).
 */
@QuarkusTest
@TestProfile(DatabaseUnavailableTest.ReadOnlyRole.class)
class DatabaseUnavailableTest {

    static final String ROLE = "jobs_reader_outage";

    /** The service connects as {@link #ROLE}; the schema is migrated beforehand by the superuser. */
    public static class ReadOnlyRole implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ReaderDatabase.class));
        }
    }

    public static class ReaderDatabase implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TestDatabase.start();
            Flyway.configure().dataSource(TestDatabase.jdbcUrl(), TestDatabase.USER, "")
                    .locations("classpath:db/migration").load().migrate();
            run("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') THEN"
                    + " CREATE ROLE " + ROLE + " LOGIN; END IF; END $$",
                    "GRANT SELECT ON organization, project, spec, runner, job, job_output, job_count TO " + ROLE);
            return Map.of(
                    "quarkus.datasource.reactive.url", TestDatabase.reactiveUrl(),
                    "quarkus.datasource.username", ROLE,
                    "quarkus.datasource.password", "unused",
                    "quarkus.flyway.migrate-at-start", "false");
        }

        @Override
        public void stop() {
            // the role stays: the server lives for the whole test JVM
        }
    }

    private static String slug;
    private static UUID job;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("unavailable-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), JobStatus.FAILED, Instant.EPOCH);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "database not accepting connections (55000)|ALTER DATABASE postgres ALLOW_CONNECTIONS false|ALTER DATABASE postgres ALLOW_CONNECTIONS true",
            "too many connections for the role (53300)|ALTER ROLE " + ROLE + " CONNECTION LIMIT 0|ALTER ROLE " + ROLE + " CONNECTION LIMIT -1",
            "the role may no longer log in (28000)|ALTER ROLE " + ROLE + " NOLOGIN|ALTER ROLE " + ROLE + " LOGIN" })
    void r57_aDatabaseThatRefusesTheServiceAnswers503AndRecovers(String failure, String breakIt, String repairIt) {
        given().get(list()).then().statusCode(200); // pooled connections exist
        assertThat(serviceBackends()).as("the service connects as " + ROLE).isPositive();
        try {
            sql(breakIt, terminateTheServicesBackends());
            for (String path : new String[] { list(), view() }) {
                Response response = given().get(path);
                assertThat(response.statusCode()).as(failure + ": " + path).isEqualTo(503);
                assertThat(response.header("Retry-After")).isEqualTo("1");
                assertThat(response.jsonPath().getString("message"))
                        .isEqualTo("Service temporarily unavailable, please retry.");
                assertThat(response.body().asString()).doesNotContain("error_code");
            }
            r17_requestErrorsAreAnsweredWithoutTheDatabase();
        } finally {
            sql(repairIt);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get(list()).statusCode() == 200);
        given().get(view()).then().statusCode(200);
    }

    @Test
    void r57_terminatedBackendsNeverAnswer500() {
        for (int round = 0; round < 3; round++) {
            given().get(list()).then().statusCode(200);
            sql(terminateTheServicesBackends());
            for (int i = 0; i < 5; i++) {
                assertThat(given().get(i % 2 == 0 ? list() : view()).statusCode()).isIn(200, 503);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get(list()).statusCode() == 200);
    }

    /** R17: these fail at steps 1-5, before any query, so the outage does not change their answer. */
    private static void r17_requestErrorsAreAnsweredWithoutTheDatabase() {
        Response badToken = given().header("Authorization", Tokens.bearer(Tokens.expired())).get(list());
        assertThat(badToken.statusCode()).isEqualTo(400);
        assertThat(badToken.jsonPath().getString("message")).startsWith("Failed to validate JSON Web Token");
        given().header("Authorization", "Bearer abc").get(view()).then().statusCode(401);
        given().get("/v0/projects/Not_A_Slug/jobs").then().statusCode(400);
        given().get(list() + "?per_page=256").then().statusCode(400);
        given().options(list()).then().statusCode(200);
    }

    private static long serviceBackends() {
        try (Connection connection = TestDatabase.connect()) {
            return TestDatabase.count(connection, "SELECT count(*) FROM pg_stat_activity WHERE usename = ?", ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String terminateTheServicesBackends() {
        return "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'";
    }

    private static String list() {
        return "/v0/projects/" + slug + "/jobs";
    }

    private static String view() {
        return list() + "/" + job;
    }

    /** Runs statements as the superuser from another database, so that postgres itself can be closed. */
    private static void sql(String... statements) {
        run("template1", statements);
    }

    private static void run(String database, String... statements) {
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
