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

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The access log (README "Logs"; jobs-api.md R16, R45): one line per API request with method, route
 * template, status, duration and request id, also for rerouted and rejected requests; the path's
 * project and job, the query string, tokens and job outputs never reach any log line, including the
 * warning of a malformed output (R31).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class AccessLogTest {

    private static final String SECRET_OUTPUT = "stdout-that-must-not-be-logged";
    /** A query value no log line may contain. */
    private static final String QUERY_VALUE = "query-value-that-must-not-be-logged";

    private static String slug;
    private static UUID job;
    private static UUID malformedJob;

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
        UUID spec = Writer.spec(null, null);
        job = Writer.job(project, spec, JobStatus.COMPLETED, Instant.EPOCH);
        Writer.output(job, "{\"results\": [{\"exit_code\": 0, \"stdout\": \"" + SECRET_OUTPUT + "\"}]}");
        malformedJob = Writer.job(project, spec, JobStatus.FAILED, Instant.EPOCH);
        Writer.output(malformedJob, "{\"results\": [{\"exit_code\": \"" + SECRET_OUTPUT + "\"}]}");
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

    /** The view of a job with its output (R30), with a query string the view ignores (R16). */
    @Test
    void r16_r30_r45_aViewWithOutputIsLoggedOnceByItsTemplateStatusDurationAndRequestId() {
        Response response = given().header("Authorization", Tokens.bearer(Tokens.valid()))
                .get("/v0/projects/" + slug + "/jobs/" + job + "?per_page=abc&q=" + QUERY_VALUE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).as("the output path was taken").contains(SECRET_OUTPUT);
        List<ExtLogRecord> access = accessRecords(response.header("X-Request-Id"));
        assertThat(access).hasSize(1);
        ExtLogRecord line = access.get(0);
        assertThat(line.getFormattedMessage()).matches("GET /v0/projects/\\{project}/jobs/\\{job} 200 \\d+ ms");
        assertThat(line.getMdc("route")).isEqualTo("/v0/projects/{project}/jobs/{job}");
        assertThat(line.getMdc("status")).isEqualTo("200");
        assertThat(line.getMdc("method")).isEqualTo("GET");
        assertThat(Long.parseLong(line.getMdc("duration_ms"))).isNotNegative();
    }

    @Test
    void r14_aListWithQueryParametersIsLoggedWithoutThem() {
        Response response = given().urlEncodingEnabled(false)
                .get("/v0/projects/" + slug + "/jobs?per_page=1&direction=asc&status=completed&q=" + QUERY_VALUE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Total-Count")).as("the query was applied").isEqualTo("1");
        ExtLogRecord line = accessRecords(response.header("X-Request-Id")).get(0);
        assertThat(line.getFormattedMessage()).matches("GET /v0/projects/\\{project}/jobs 200 \\d+ ms");
        assertThat(line.getMdc("route")).isEqualTo("/v0/projects/{project}/jobs");
    }

    @Test
    void reroutedAndRejectedRequestsAreLoggedOnceToo() {
        Response rerouted = given().urlEncodingEnabled(false).get("//v0/projects/" + slug + "/jobs/");
        Response rejected = given().delete("/v0/projects/" + slug + "/jobs");
        Response badQuery = given().urlEncodingEnabled(false).get("/v0/projects/" + slug + "/jobs?per_page=" + QUERY_VALUE);
        assertThat(accessRecords(rerouted.header("X-Request-Id"))).singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).startsWith("GET /v0/projects/{project}/jobs 200 "));
        assertThat(accessRecords(rejected.header("X-Request-Id"))).singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).startsWith("DELETE /v0/projects/{project}/jobs 405 "));
        assertThat(accessRecords(badQuery.header("X-Request-Id"))).singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).startsWith("GET /v0/projects/{project}/jobs 400 "));
    }

    @Test
    void r31_tokensOutputsAndQueryValuesNeverReachAnyLogLine() {
        String token = Tokens.valid("admin");
        String shown = given().header("Authorization", Tokens.bearer(token)).get("/v0/projects/" + slug + "/jobs/" + job)
                .then().statusCode(200).extract().asString();
        assertThat(shown).as("the output was read and shown").contains(SECRET_OUTPUT);
        Response malformed = given().header("Authorization", Tokens.bearer(token))
                .get("/v0/projects/" + slug + "/jobs/" + malformedJob + "?q=" + QUERY_VALUE);
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(malformed.body().asString()).doesNotContain("\"output\"");
        given().header("Authorization", Tokens.bearer(token + "x")).get("/v0/projects/" + slug + "/jobs?q=" + QUERY_VALUE)
                .then().statusCode(400);
        given().header("Authorization", Tokens.bearer(token)).urlEncodingEnabled(false)
                .get("/v0/projects/" + slug + "/jobs?status=failed&per_page=" + QUERY_VALUE).then().statusCode(400);
        accessRecords(malformed.header("X-Request-Id"));
        assertThat(records).as("R31: the malformed output was read and warned about")
                .anyMatch(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                        && record.getFormattedMessage().contains(malformedJob.toString()));
        for (ExtLogRecord record : records) {
            String text = record.getFormattedMessage() + record.getMdcCopy() + String.valueOf(record.getThrown());
            assertThat(text).doesNotContain(token.substring(token.lastIndexOf('.'))).doesNotContain(SECRET_OUTPUT)
                    .doesNotContain(QUERY_VALUE);
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
