package dev.bencher.jobs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The list's query string over HTTP (jobs-api.md R13-R15): every row of {@link JobsQueryTest}'s table
 * sent byte for byte, for GET and OPTIONS alike (R49). An accepted query answers the page its values
 * select (R19, R21-R24) and OPTIONS 200; a refused one the 400 with the parser's detail, for both. A raw
 * {@code +} is a space (R14), and query errors come before the project lookup (R17). QueryParsingIT
 * runs the same rows against the packaged artifact, the jar and the native executable.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class QueryParsingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String slug;
    /** The project's jobs, oldest first: one of every status, then more (R18, R19). */
    private static final List<Job> JOBS = new ArrayList<>();

    private record Job(String uuid, JobStatus status) {
    }

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("query-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        UUID spec = Writer.spec(null, null);
        for (int i = 0; i < 10; i++) {
            JobStatus status = JobStatus.values()[i % JobStatus.values().length];
            UUID job = Writer.job(project, spec, status, Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i));
            JOBS.add(new Job(job.toString(), status));
        }
    }

    @ParameterizedTest(name = "{0}: ?{1}")
    @CsvFileSource(resources = "/jobs-query/accepted.csv", delimiter = '|', quoteCharacter = '\'', nullValues = "NULL")
    void r13_r14_r49_acceptedQueriesAnswerThePageTheirValuesSelect(String rule, String rawQuery, Direction direction,
            int perPage, long page, JobStatus status) throws Exception {
        String target = "/v0/projects/" + slug + "/jobs" + (rawQuery == null ? "" : "?" + rawQuery);
        RawHttp.Response list = RawHttp.send("GET", target);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> selected = new ArrayList<>(JOBS.stream().filter(job -> status == null || job.status() == status)
                .map(Job::uuid).toList());
        if (direction == Direction.DESC) {
            Collections.reverse(selected);
        }
        long offset = page <= 1 ? 0 : (page - 1) * perPage;
        List<String> uuids = new ArrayList<>();
        JSON.readTree(list.body()).forEach(job -> uuids.add(job.get("uuid").asText()));
        assertThat(uuids).isEqualTo(selected.stream().skip(offset).limit(perPage).toList());
        assertThat(list.header("X-Total-Count")).isEqualTo(Integer.toString(selected.size()));

        RawHttp.Response preflight = RawHttp.send("OPTIONS", target);
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
        assertThat(preflight.body()).isEqualTo("null");
    }

    @ParameterizedTest(name = "{0}: ?{1}")
    @CsvFileSource(resources = "/jobs-query/refused.csv", delimiter = '|', quoteCharacter = '\'')
    void r14_r15_r49_refusedQueriesAre400WithTheParserDetail(String rule, String rawQuery, String detail) throws Exception {
        for (String method : new String[] { "GET", "OPTIONS" }) {
            RawHttp.Response response = RawHttp.send(method, "/v0/projects/" + slug + "/jobs?" + rawQuery);
            assertThat(response.status()).as(method + " " + response).isEqualTo(400);
            assertThat(message(response)).isEqualTo("unable to parse query string: " + detail);
        }
    }

    /** docs/decisions.md "Query errors": a duplicate first, then sort, direction, per_page, page, status. */
    @ParameterizedTest(name = "R15 order: ?{0}")
    @CsvFileSource(resources = "/jobs-query/order.csv", delimiter = '|', quoteCharacter = '\'')
    void r15_severalErrorsReportTheFirstInTheDocumentedOrder(String rawQuery, String detailPrefix) throws Exception {
        for (String method : new String[] { "GET", "OPTIONS" }) {
            RawHttp.Response response = RawHttp.send(method, "/v0/projects/" + slug + "/jobs?" + rawQuery);
            assertThat(response.status()).as(method + " " + response).isEqualTo(400);
            assertThat(message(response)).startsWith("unable to parse query string: " + detailPrefix);
        }
    }

    @Test
    void r14_plusDecodesToASpaceSoARawPlusIsNotASign() {
        assertThat(list("per_page=+5").statusCode()).isEqualTo(400);
        assertThat(list("per_page=%2B5").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "per_page=256", "page=x", "direction=up" })
    void r17_queryErrorsComeBeforeTheProjectLookup(String query) {
        Response response = given().urlEncodingEnabled(false).get("/v0/projects/no-such-project-at-all/jobs?" + query);
        assertThat(response.statusCode()).isEqualTo(400);
    }

    private static Response list(String query) {
        return given().urlEncodingEnabled(false).get("/v0/projects/" + slug + "/jobs?" + query);
    }

    private static String message(RawHttp.Response response) throws Exception {
        return JSON.readTree(response.body()).get("message").asText();
    }
}
