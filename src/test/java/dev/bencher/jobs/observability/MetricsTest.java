package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Prometheus metrics at /q/metrics (README "Metrics"; /q/* as R5 allows): HTTP requests by method,
 * route template and status, the pool, JVM and domain meters (token rejections by reason, A2-A4),
 * and a number of series that does not grow with projects or jobs.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class MetricsTest {

    private static String slug;
    private static UUID job;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("metrics-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), JobStatus.FAILED, Instant.EPOCH);
        Writer.output(job, "{\"results\": []}");
    }

    @Test
    void httpRequestsAreCountedByMethodRouteTemplateAndStatus() {
        given().get("/v0/projects/" + slug + "/jobs").then().statusCode(200);
        given().get("/v0/projects/" + slug + "/jobs/" + job).then().statusCode(200);
        given().delete("/v0/projects/" + slug + "/jobs").then().statusCode(405);
        given().get("/nowhere/" + UUID.randomUUID()).then().statusCode(404);
        String metrics = scrape();
        assertThat(series(metrics, "http_server_requests_seconds_count"))
                .anyMatch(line -> line.contains("method=\"GET\"") && line.contains("uri=\"/v0/projects/{project}/jobs\"")
                        && line.contains("status=\"200\""))
                .anyMatch(line -> line.contains("uri=\"/v0/projects/{project}/jobs/{job}\"") && line.contains("status=\"200\""))
                .anyMatch(line -> line.contains("method=\"DELETE\"") && line.contains("status=\"405\""))
                .anyMatch(line -> line.contains("uri=\"/NOT_FOUND\"") && line.contains("status=\"404\""))
                .noneMatch(line -> line.contains(slug) || line.contains(job.toString()) || line.contains("/q/"));
    }

    /** The counters are read before and after, so what other tests of the same application did cannot satisfy them. */
    @Test
    void domainPoolAndJvmMetersArePublished() {
        String before = scrape();
        given().header("Authorization", Tokens.bearer(Tokens.valid())).get("/v0/projects/" + slug + "/jobs/" + job)
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer(Tokens.expired())).get("/v0/projects/" + slug + "/jobs")
                .then().statusCode(400);
        given().header("Authorization", "Bearer abc").get("/v0/projects/" + slug + "/jobs").then().statusCode(401);
        String metrics = scrape();
        assertThat(metrics)
                .contains("bencher_jobs_db_query_seconds_count{query=\"count\"}")
                .contains("bencher_jobs_db_query_seconds_count{query=\"page\"}")
                .contains("bencher_jobs_token_rejections_total{reason=\"expired\"}")
                .contains("bencher_jobs_token_rejections_total{reason=\"malformed\"}")
                .contains("jvm_memory_used_bytes")
                .contains("sql_pool_active{pool_name=\"default\"")
                .contains("sql_pool_active{pool_name=\"count\"")
                .contains("sql_pool_queue_size{pool_name=\"count\"")
                .contains("postgresql_processing_seconds_count{clientName=\"count\"")
                .doesNotContain("postgresql_queue_size") // one per connection, see JobsMeters.noPerConnectionGauges
                .doesNotContain("postgresql_current");
        for (String counter : new String[] { "bencher_jobs_outputs_served_total",
                "bencher_jobs_token_rejections_total{reason=\"expired\"}",
                "bencher_jobs_token_rejections_total{reason=\"malformed\"}" }) {
            assertThat(value(metrics, counter) - value(before, counter)).as(counter).isEqualTo(1);
        }
    }

    @Test
    void seriesDoNotGrowWithProjectsOrJobs() {
        hitDistinctResources(2);
        int before = seriesCount(scrape());
        hitDistinctResources(100);
        assertThat(seriesCount(scrape())).isEqualTo(before);
    }

    /** Valid and invalid projects and jobs, each request naming a different one. */
    private static void hitDistinctResources(int count) {
        for (int i = 0; i < count; i++) {
            String unique = UUID.randomUUID().toString();
            given().get("/v0/projects/p-" + unique + "/jobs").then().statusCode(404);
            given().get("/v0/projects/" + slug + "/jobs/" + unique).then().statusCode(404);
            given().get("/v0/projects/Bad_" + unique.replace("-", "") + "/jobs").then().statusCode(400);
            given().get("/v0/projects/" + slug + "/jobs?page=" + i).then().statusCode(200);
        }
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static List<String> series(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{")).toList();
    }

    /**
     * Every series but the GC pauses', whose labels name the JVM's collections so far: the first
     * young collection during the test adds three series (with the tracing SDK's allocations at
     * start it often falls there).
     */
    private static int seriesCount(String metrics) {
        return (int) metrics.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank() && !line.startsWith("jvm_gc_pause_seconds"))
                .count();
    }

    /** The value of a series; 0 while a counter has not been created yet (Prometheus reads it the same way). */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElse(0.0);
    }
}
