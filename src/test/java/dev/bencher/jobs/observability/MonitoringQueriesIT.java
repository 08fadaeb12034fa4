package dev.bencher.jobs.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PackagedApp;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;

/**
 * The packaged artifact, jar in {@code ./mvnw verify} and native executable in {@code .ci/native}:
 * its start-up and a round of traffic (the same as {@link MonitoringQueriesTest}'s) log no warning
 * and no error (no duplicate-gauge warning of the PostgreSQL client: JobsMeters), and its scrape on
 * the management port answers every query of the dashboard and the alerts in k8s/, JVM and native
 * meters alike.
 */
class MonitoringQueriesIT {

    @Test
    void cleanStartAndEveryDashboardAndAlertQueryAnswered() throws Exception {
        TestDatabase.start();
        Map<String, String> settings = PackagedApp.productionSettings();
        settings.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        try (PackagedApp app = PackagedApp.start("monitoring-it", settings)) {
            app.awaitReady(Duration.ofSeconds(90));
            String slug = Writer.uniqueSlug("monitoring-it-");
            UUID job = Writer.job(Writer.project(Writer.organization(), slug, "public"), Writer.spec(null, null),
                    JobStatus.FAILED, Instant.EPOCH);
            Writer.output(job, "{\"results\": []}");

            assertThat(app.get("/v0/projects/" + slug + "/jobs").statusCode()).isEqualTo(200);
            assertThat(app.get("/v0/projects/" + slug + "/jobs/" + job, Tokens.bearer(Tokens.valid())).statusCode()).isEqualTo(200);
            assertThat(app.get("/v0/projects/" + slug + "/jobs/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
            assertThat(app.get("/v0/projects/" + slug + "/jobs", "Bearer abc").statusCode()).isEqualTo(401);
            assertThat(app.get("/v0/projects/" + slug + "/jobs?per_page=x").statusCode()).isEqualTo(400);

            HttpResponse<String> scrape = app.management("/q/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(MonitoringQueriesTest.unanswerableQueries(scrape.body()))
                    .as("queries in k8s/ that the packaged service's metrics cannot answer").isEmpty();
            assertThat(app.log().lines().filter(line -> line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")))
                    .as("warnings and errors in the log of a clean start and normal traffic").isEmpty();
        }
    }
}
