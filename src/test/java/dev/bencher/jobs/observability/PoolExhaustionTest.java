package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * R57: when every pooled connection is busy, a request waits at most the acquisition timeout, then
 * 503; and the pool is whole again once the load has passed (config/DeadlinePool).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(PoolExhaustionTest.OneConnection.class)
class PoolExhaustionTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1", "quarkus.datasource.count.reactive.max-size", "1",
                    "bencher.database.acquisition-timeout", "500ms");
        }
    }

    private static String slug;
    private static UUID job;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("pool-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), JobStatus.PENDING, Instant.EPOCH);
    }

    @Test
    void r57_aRequestThatGetsNoConnectionAnswers503AfterTheAcquisitionTimeout() throws Exception {
        given().get("/v0/projects/" + slug + "/jobs/" + job).then().statusCode(200);
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE job IN ACCESS EXCLUSIVE MODE");
            }
            // holds the only connection: its page query waits for the lock
            CompletableFuture<Response> holder = CompletableFuture.supplyAsync(
                    () -> given().get("/v0/projects/" + slug + "/jobs"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.queriesWaitingOnLock("job") >= 1);

            long start = System.nanoTime();
            Response starved = given().get("/v0/projects/" + slug + "/jobs/" + job);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(starved.statusCode()).isEqualTo(503);
            assertThat(starved.header("Retry-After")).isEqualTo("1");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(5));

            locker.rollback();
            assertThat(holder.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        given().get("/v0/projects/" + slug + "/jobs/" + job).then().statusCode(200);
    }

    /**
     * A burst far beyond the one connection: many waits time out while connections are handed back.
     * Afterwards every request is served again: no connection was lost on the way (config/DeadlinePool;
     * with the Vert.x pool's own timeout, Hibernate Reactive's sessions lost them all, for good).
     */
    @Test
    void r57_theConnectionsComeBackAfterABurstOfTimedOutWaits() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<Void>>> burst = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String path = i % 2 == 0 ? "/v0/projects/" + slug + "/jobs" : "/v0/projects/" + slug + "/jobs/" + job;
            burst.add(client.sendAsync(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        List<Integer> statuses = burst.stream().map(answer -> answer.join().statusCode()).toList();
        assertThat(statuses).containsOnly(200, 503).contains(503);

        for (int i = 0; i < 10; i++) {
            given().get("/v0/projects/" + slug + "/jobs").then().statusCode(200);
            given().get("/v0/projects/" + slug + "/jobs/" + job).then().statusCode(200);
        }
    }
}
