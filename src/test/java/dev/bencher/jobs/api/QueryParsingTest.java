package dev.bencher.jobs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The list's query string over HTTP (jobs-api.md R13-R15): the raw query reaches the parser for GET
 * and OPTIONS alike (R49), a raw {@code +} is a space (R14), and query errors come before the project
 * lookup (R17). The parser's full table of accepted and refused spellings is {@link JobsQueryTest}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class QueryParsingTest {

    private static String slug;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("query-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        UUID spec = Writer.spec(null, null);
        for (int i = 0; i < 10; i++) {
            Writer.job(project, spec, i < 3 ? JobStatus.CANCELED : JobStatus.RUNNING, Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i));
        }
    }

    /** A few of {@link JobsQueryTest}'s rows, end to end: the raw query reaches the parser and the page its values. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "per_page=008|8", "per_page=%2B3|3", "per_page=0|0", "page=4294967295|0", "Per_Page=1&limit=1&offset=5|8",
            "status=canceled|3", "x=%ZZ&per_page=1|1" })
    void r13_r14_acceptedForms(String query, int expectedItems) throws Exception {
        RawHttp.Response response = RawHttp.send("GET", "/v0/projects/" + slug + "/jobs?" + query);
        assertThat(response.status()).as(response.body() + response.headers()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).size()).isEqualTo(expectedItems);
    }

    /** A few of {@link JobsQueryTest}'s rows, end to end, for GET and OPTIONS (R49): the parser's detail in the 400. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "per_page=256|number too large to fit in target type",
            "per_page=%D9%A1|invalid digit found in string",
            "per_page|cannot parse integer from empty string",
            "page=1&page=2|duplicate field `page`",
            "direction=up|unknown variant `up`, expected `asc` or `desc`",
            "status=cancelled|unknown variant `cancelled`, expected one of" })
    void r14_r15_rejectedFormsAre400WithTheParserMessage(String query, String detail) {
        for (String method : new String[] { "GET", "OPTIONS" }) {
            Response response = given().urlEncodingEnabled(false).request(method, "/v0/projects/" + slug + "/jobs?" + query);
            assertThat(response.statusCode()).as(method + " " + query).isEqualTo(400);
            assertThat(response.jsonPath().getString("message"))
                    .startsWith("unable to parse query string: " + detail);
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
}
