package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.junit.QuarkusTest;

/** Prometheus metrics at /q/metrics: HTTP by route template, pool, JVM, domain meters, bounded cardinality. */
@QuarkusTest
class MetricsTest {

    private static String slug;
    private static UUID job;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("metrics-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), "failed", Instant.EPOCH);
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

    @Test
    void domainPoolAndJvmMetersArePublished() {
        given().header("Authorization", Tokens.bearer(Tokens.valid())).get("/v0/projects/" + slug + "/jobs/" + job)
                .then().statusCode(200);
        var expired = Tokens.claims();
        expired.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
        given().header("Authorization", Tokens.bearer(Tokens.sign(expired))).get("/v0/projects/" + slug + "/jobs")
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
                .contains("sql_pool_active{pool_name=\"count\"");
        assertThat(value(metrics, "bencher_jobs_outputs_served_total")).isGreaterThanOrEqualTo(1);
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

    private static int seriesCount(String metrics) {
        return (int) metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).count();
    }

    private static double value(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError(name + " missing in " + Map.of()));
    }
}
