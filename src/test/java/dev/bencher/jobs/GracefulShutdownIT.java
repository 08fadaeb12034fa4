package dev.bencher.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PackagedApp;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Writer;

/**
 * Graceful shutdown of the packaged application (issue "Operability" item 5;
 * {@code quarkus.shutdown.timeout=20s}, matched by k8s/base/deployment.yaml). A plain JUnit test run by
 * failsafe after {@code package}: it starts {@code target/quarkus-app/quarkus-run.jar} itself so
 * that it can send SIGTERM to it.
 *
 * <p>What Quarkus 3.33.2 does on SIGTERM (quarkusio/quarkus#50975): the HTTP server keeps
 * accepting while in-flight requests drain, and a request arriving during the drain is
 * <em>served normally</em> with {@code Connection: close} (HTTP/1.1; HTTP/2 gets GOAWAY), not
 * rejected with a bare 503 as older Quarkus versions did. Once no request is in flight (or the
 * timeout expires) the server closes and new connections are refused. The JVM then exits with 143
 * (128 + SIGTERM).
 */
class GracefulShutdownIT {

    private static final Duration GRACE_PERIOD = Duration.ofSeconds(20);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int JOBS = 3;

    private static PackagedApp app;
    private static String slug;

    @BeforeAll
    static void startPackagedApplication() {
        TestDatabase.start();
        Map<String, String> settings = PackagedApp.productionSettings();
        settings.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        app = PackagedApp.start("graceful-shutdown-it", settings);
        app.awaitReady(START_TIMEOUT);

        // Flyway has migrated the schema by now.
        slug = Writer.uniqueSlug("shutdown-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        UUID spec = Writer.spec(null, null);
        for (int i = 0; i < JOBS; i++) {
            Writer.job(project, spec, JobStatus.PENDING, Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i));
        }
    }

    @AfterAll
    static void killApplication() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void sigtermLetsInFlightRequestsFinishThenClosesWithinTheGracePeriod() throws Exception {
        String listPath = "/v0/projects/" + slug + "/jobs";
        try (Connection locker = TestDatabase.connect()) {
            // Makes the list request slow on purpose: its page and count queries wait for this lock.
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE job IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<HttpResponse<String>> inFlight = app.getAsync(listPath);
            await("the list request waiting for the lock", Duration.ofSeconds(20),
                    () -> TestDatabase.queriesWaitingOnLock("job") > 0);
            long waitingBeforeSigterm = TestDatabase.queriesWaitingOnLock("job");

            long sigterm = System.nanoTime();
            app.process().destroy(); // SIGTERM on Linux

            // Shutdown has begun once responses carry Connection: close (the drain of 3.33.2); an
            // unserved path touches no table, so it is answered while the list request is blocked.
            await("Connection: close on new requests", Duration.ofSeconds(10), () -> {
                HttpResponse<String> notFound = app.get("/v0/not-served");
                assertThat(notFound.statusCode()).isEqualTo(404);
                return notFound.headers().firstValue("Connection").filter("close"::equalsIgnoreCase).isPresent();
            });

            // A NEW request during the drain is not refused: Quarkus serves it (then closes the
            // connection). It reaches the database and waits for the lock like the first one.
            CompletableFuture<HttpResponse<String>> arrivedDuringDrain = app.getAsync(listPath);
            await("the second list request waiting for the lock", Duration.ofSeconds(10),
                    () -> TestDatabase.queriesWaitingOnLock("job") > waitingBeforeSigterm);
            assertThat(app.process().isAlive()).as("waits for the in-flight requests").isTrue();
            assertThat(inFlight).isNotDone();

            locker.rollback();

            HttpResponse<String> first = inFlight.get(GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("X-Total-Count")).hasValue(String.valueOf(JOBS));
            HttpResponse<String> second = arrivedDuringDrain.get(GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.headers().firstValue("X-Total-Count")).hasValue(String.valueOf(JOBS));
            assertThat(second.headers().firstValue("Connection")).hasValue("close");

            boolean exited = app.process().waitFor(GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            System.out.printf("GracefulShutdownIT: SIGTERM to exit %d ms, exit code %s%n",
                    millis, exited ? app.process().exitValue() : "none (still running)");
            assertThat(exited).as("exits within the %s grace period", GRACE_PERIOD).isTrue();
            assertThat(millis).isLessThan(GRACE_PERIOD.toMillis());
            // The JVM ends with 128 + 15 when SIGTERM terminated it, after the shutdown hooks (in
            // which Quarkus drains and stops) have completed; a crash or a forced halt differs.
            assertThat(app.process().exitValue()).isEqualTo(143);
            assertThat(app.log()).contains("Waiting for HTTP requests to complete")
                    .doesNotContain("Timed out waiting for graceful shutdown");
        }
        // After the drain the server is closed: new connections are refused.
        assertThatThrownBy(() -> app.get("/v0/not-served")).isInstanceOf(ConnectException.class);
        assertProductionLogIsJsonLines();
    }

    /** Operability item 3: in production every log line is a JSON object; access lines carry their fields. */
    private static void assertProductionLogIsJsonLines() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(app.logFile())) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).isNotEmpty().allMatch(JsonNode::isObject);
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("loggerName").asText()).isEqualTo("dev.bencher.jobs.access");
            assertThat(line.path("mdc").path("route").asText()).isEqualTo("/v0/projects/{project}/jobs");
            assertThat(line.path("mdc").path("status").asText()).isEqualTo("200");
            assertThat(line.path("mdc").path("request_id").asText()).hasSize(36);
        });
    }






    /** Polls {@code condition} every 100 ms until it holds; fails after {@code timeout}. */
    private static void await(String what, Duration timeout, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition);
    }

}
