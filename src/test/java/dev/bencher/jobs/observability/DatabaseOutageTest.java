package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * jobs-api.md R57: with PostgreSQL really stopped, requests answer 503 with Retry-After quickly;
 * the pod stays ready (it answers the 503 itself instead of leaving the Service, docs/decisions.md
 * "Readiness follows the schema") and live, and bencher_jobs_database_reachable drops to 0; when
 * PostgreSQL is back the service recovers without a restart.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class DatabaseOutageTest {

    private static String slug;
    private static UUID job;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("outage-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), JobStatus.PENDING, Instant.EPOCH);
    }

    @AfterEach
    void databaseIsBack() {
        TestDatabase.start();
    }

    @Test
    void r57_outageAnswers503ThenRecoversByItself() {
        given().get("/v0/projects/" + slug + "/jobs").then().statusCode(200); // pooled connections exist

        TestDatabase.stop();

        for (String path : new String[] { "/v0/projects/" + slug + "/jobs", "/v0/projects/" + slug + "/jobs/" + job }) {
            long start = System.nanoTime();
            Response response = given().get(path);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(took).as("bounded by the connect and acquisition timeouts").isLessThan(Duration.ofSeconds(10));
            assertThat(response.header("Retry-After")).isEqualTo("1");
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(response.jsonPath().getString("message")).isEqualTo("Service temporarily unavailable, please retry.");
            assertThat(response.jsonPath().getString("request_id")).isEqualTo(response.header("X-Request-Id"));
            assertThat(response.body().asString()).doesNotContain("Exception").doesNotContain("postgres");
        }
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> reachableGauge() == 0);
        // an OPTIONS never needs the database (R48)
        given().options("/v0/projects/" + slug + "/jobs").then().statusCode(200);

        TestDatabase.start();

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/v0/projects/" + slug + "/jobs").statusCode() == 200);
        given().get("/v0/projects/" + slug + "/jobs/" + job).then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> reachableGauge() == 1);
    }

    private static double reachableGauge() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("bencher_jobs_database_reachable "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
    }
}
