package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** One access line per request with template, status, duration and request id; no secrets in any log line. */
@QuarkusTest
class AccessLogTest {

    private static final String SECRET_OUTPUT = "stdout-that-must-not-be-logged";

    private static String slug;
    private static UUID job;

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord extended = (ExtLogRecord) record;
            extended.copyMdc(); // the MDC is read lazily; the access log clears its keys right after logging
            records.add(extended);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("log-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), "completed", Instant.EPOCH);
        Writer.output(job, "{\"results\": [{\"exit_code\": 0, \"stdout\": \"" + SECRET_OUTPUT + "\"}]}");
    }

    @BeforeEach
    void captureAllLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void eachApiRequestIsLoggedOnceWithItsTemplateStatusDurationAndRequestId() {
        Response response = given().get("/v0/projects/" + slug + "/jobs/" + job);
        List<ExtLogRecord> access = accessRecords(response.header("X-Request-Id"));
        assertThat(access).hasSize(1);
        ExtLogRecord line = access.get(0);
        assertThat(line.getFormattedMessage()).startsWith("GET /v0/projects/{project}/jobs/{job} 200 ");
        assertThat(line.getMdc("route")).isEqualTo("/v0/projects/{project}/jobs/{job}");
        assertThat(line.getMdc("status")).isEqualTo("200");
        assertThat(line.getMdc("method")).isEqualTo("GET");
        assertThat(Long.parseLong(line.getMdc("duration_ms"))).isNotNegative();
        assertThat(line.getFormattedMessage()).doesNotContain(slug).doesNotContain(job.toString());
    }

    @Test
    void reroutedAndRejectedRequestsAreLoggedOnceToo() {
        Response rerouted = given().urlEncodingEnabled(false).get("//v0/projects/" + slug + "/jobs/");
        Response rejected = given().delete("/v0/projects/" + slug + "/jobs");
        assertThat(accessRecords(rerouted.header("X-Request-Id"))).singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).startsWith("GET /v0/projects/{project}/jobs 200 "));
        assertThat(accessRecords(rejected.header("X-Request-Id"))).singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).startsWith("DELETE /v0/projects/{project}/jobs 405 "));
    }

    @Test
    void tokensOutputsAndQueryParametersNeverReachTheLogs() {
        String token = Tokens.valid("admin");
        given().header("Authorization", Tokens.bearer(token)).get("/v0/projects/" + slug + "/jobs/" + job)
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer(token + "x")).get("/v0/projects/" + slug + "/jobs").then()
                .statusCode(400);
        Writer.output(Writer.job(Writer.project(Writer.organization(), slug + "-bad", "public"), Writer.spec(null, null),
                "failed", Instant.EPOCH), "{\"results\": [{\"exit_code\": \"" + SECRET_OUTPUT + "\"}]}");
        given().header("Authorization", Tokens.bearer(token)).get("/v0/projects/" + slug + "-bad/jobs?per_page=1")
                .then().statusCode(200);
        assertThat(records).isNotEmpty();
        for (ExtLogRecord record : records) {
            String text = record.getFormattedMessage() + record.getMdcCopy() + String.valueOf(record.getThrown());
            assertThat(text).doesNotContain(token.substring(token.lastIndexOf('.'))).doesNotContain(SECRET_OUTPUT);
        }
    }

    /** The access line is written when the response has ended, so it may trail the response a little. */
    private List<ExtLogRecord> accessRecords(String requestId) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !matching(requestId).isEmpty());
        return matching(requestId);
    }

    private List<ExtLogRecord> matching(String requestId) {
        return records.stream()
                .filter(record -> "dev.bencher.jobs.access".equals(record.getLoggerName()))
                .filter(record -> requestId.equals(record.getMdc("request_id")))
                .toList();
    }
}
