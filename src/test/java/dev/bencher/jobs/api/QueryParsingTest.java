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

import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Strict parsing of the list query string (jobs-api.md R13-R15), for GET and OPTIONS (R49). */
@QuarkusTest
class QueryParsingTest {

    private static String slug;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("query-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        UUID spec = Writer.spec(null, null);
        for (int i = 0; i < 10; i++) {
            Writer.job(project, spec, i < 3 ? "canceled" : "running", Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "per_page=008|8", "per_page=%2B3|3", "per_page=255|10", "per_page=0|0", "per_page=00000000000000000000000003|3",
            "page=%2B2&per_page=4|4", "page=4294967295|0", "Per_Page=1&limit=1&offset=5|8", "per_page=2&&&x|2",
            "sort=created&direction=desc&per_page=1|1", "status=canceled|3", "x=%ZZ&per_page=1|1" })
    void r13_r14_acceptedForms(String query, int expectedItems) throws Exception {
        RawHttp.Response response = RawHttp.send("GET", "/v0/projects/" + slug + "/jobs?" + query);
        assertThat(response.status()).as(response.body() + response.headers()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).size()).isEqualTo(expectedItems);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "per_page=256|number too large to fit in target type",
            "page=4294967296|number too large to fit in target type",
            "per_page=99999999999999999999999|number too large to fit in target type",
            "page=9223372036854775807|number too large to fit in target type",
            "page=9223372036854775808|number too large to fit in target type",
            "per_page=9999999999999999999|number too large to fit in target type",
            "per_page=%2B9999999999999999999|number too large to fit in target type",
            "page=0009999999999999999999|number too large to fit in target type",
            "per_page=-1|invalid digit found in string",
            "per_page=+1|invalid digit found in string",
            "per_page=1.0|invalid digit found in string",
            "per_page=1e2|invalid digit found in string",
            "per_page=%201|invalid digit found in string",
            "per_page=%D9%A1|invalid digit found in string",
            "per_page=%2B|invalid digit found in string",
            "per_page=%2B%2B1|invalid digit found in string",
            "per_page=|cannot parse integer from empty string",
            "per_page|cannot parse integer from empty string",
            "page=|cannot parse integer from empty string",
            "page=1&page=2|duplicate field `page`",
            "status=pending&status=pending|duplicate field `status`",
            "direction=up|unknown variant `up`, expected `asc` or `desc`",
            "direction=ASC|unknown variant `ASC`, expected `asc` or `desc`",
            "direction=|unknown variant ``, expected `asc` or `desc`",
            "sort=name|unknown variant `name`, expected `created`",
            "status=Pending|unknown variant `Pending`, expected one of `pending`, `claimed`, `running`, `completed`, `processed`, `failed`, `canceled`",
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
