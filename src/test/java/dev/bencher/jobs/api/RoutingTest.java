package dev.bencher.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Routing, methods and the error envelope, sent byte for byte (jobs-api.md R4-R6, R45, R52-R54). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class RoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String slug;
    private static UUID job;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("routing-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), JobStatus.PENDING, Instant.parse("2026-03-02T14:05:09Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v0/projects/%s/jobs/", "//v0//projects/%s/jobs", "/v0/projects/%s/jobs//",
            "/v0/%%70rojects/%s/jobs" })
    void r4_emptySegmentsAndEscapesStillMatchTheList(String path) {
        RawHttp.Response response = RawHttp.send("GET", path.formatted(slug));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
        assertThat(response.header("X-Request-Id")).isNotNull();
    }

    @Test
    void r4_r8_rawBracesAndBadEscapesAreNoFrameworkError() {
        RawHttp.Response braced = RawHttp.send("GET", "/v0/projects/{0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b}/jobs");
        assertError(braced, 404, "Project ({0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b}) not found");
        assertThat(RawHttp.send("GET", "/v0/projects/" + slug + "/jobs?x=%ZZ&y=|").status()).isEqualTo(200);
        assertError(RawHttp.send("GET", "/v0/projects/a%ZZb/jobs"), 400, "bad parameter in URL path: ");
        assertError(RawHttp.send("GET", "/v0/projects/a|b/jobs/%"), 400, "bad parameter in URL path: ");
    }

    @Test
    void r4_percentEncodedProjectAndJobAreDecoded() {
        String encoded = slug.replace("-", "%2D");
        RawHttp.Response response = RawHttp.send("GET", "/v0/projects/" + encoded + "/jobs/" + job + "?x=1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"uuid\":\"" + job + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v0/projects/../jobs", "/v0/projects/./jobs", "/v0/projects/p/jobs/%2E%2E",
            "/v0/projects/%FF/jobs", "/v0/projects/%C3%28/jobs", "/v0/x/%2e" })
    void r4_dotSegmentsAndInvalidUtf8AreInvalidPathEncoding(String path) {
        assertError(RawHttp.send("GET", path), 400, "invalid path encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/v0", "/v0/projects", "/v0/projects/p", "/v0/projects/p/Jobs", "/V0/projects/p/jobs",
            "/v0/projects/p/jobs/" + "0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b/output", "/v1/projects/p/jobs",
            "/index.html", "/openapi", "/q/nothing-here", "/q/health/nope" })
    void r5_unknownPathsAreNotFound(String path) {
        assertError(RawHttp.send("GET", path), 404, "Not Found");
    }

    @ParameterizedTest
    @ValueSource(strings = { "HEAD", "POST", "PUT", "PATCH", "DELETE", "TRACE" })
    void r5_otherMethodsAreNotAllowedOnBothPaths(String method) {
        for (String path : new String[] { "/v0/projects/p/jobs", "/v0/projects/p/jobs/" + job }) {
            RawHttp.Response response = RawHttp.send(method, path, "Content-Length: 0");
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET, OPTIONS");
            if (!method.equals("HEAD")) {
                assertError(response, 405, "Method Not Allowed");
            }
        }
    }

    @Test
    void r6_acceptIsIgnoredAndEveryBodyIsPlainApplicationJson() {
        for (String accept : new String[] { "text/html", "application/xml", "image/png;q=1, */*;q=0" }) {
            RawHttp.Response ok = RawHttp.send("GET", "/v0/projects/" + slug + "/jobs", "Accept: " + accept);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Content-Type")).isEqualTo("application/json");
            RawHttp.Response error = RawHttp.send("GET", "/v0/projects/no-such-" + slug + "/jobs", "Accept: " + accept);
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.header("Content-Type")).isEqualTo("application/json");
        }
    }

    @Test
    void r6_aRequestBodyIsIgnored() {
        RawHttp.Response response = RawHttp.sendWithBody("GET", "/v0/projects/" + slug + "/jobs", "<a/>",
                "Content-Type: application/xml", "Content-Length: 4");
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void r45_everyResponseHasAFreshRequestIdAndErrorsRepeatItInTheBody() {
        RawHttp.Response first = RawHttp.send("GET", "/nowhere", "X-Request-Id: 11111111-1111-4111-8111-111111111111");
        RawHttp.Response second = RawHttp.send("GET", "/nowhere");
        String id = first.header("X-Request-Id");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isNotEqualTo("11111111-1111-4111-8111-111111111111")
                .isNotEqualTo(second.header("X-Request-Id"));
        assertThat(body(first).get("request_id").asText()).isEqualTo(id);
        assertThat(RawHttp.send("GET", "/q/health/live").header("X-Request-Id")).isNotNull();
        assertThat(RawHttp.send("OPTIONS", "/v0/projects/p/jobs").header("X-Request-Id")).isNotNull();
    }

    @Test
    void r52_errorBodyHasRequestIdAndMessageOnlyInOrderPrettyPrinted() {
        RawHttp.Response response = RawHttp.send("GET", "/v0/projects/no-such-" + slug + "/jobs");
        assertThat(response.body()).startsWith("{\n  \"request_id\": \"").contains("\",\n  \"message\": \"Project (");
        assertThat(response.body().indexOf("request_id")).isLessThan(response.body().indexOf("message"));
        assertThat(body(response).has("error_code")).isFalse();
    }

    @Test
    void r53_r54_routingAndParsingErrorsCarryTheCorsHeadersAndNoTotal() {
        for (RawHttp.Response response : new RawHttp.Response[] {
                RawHttp.send("GET", "/nowhere"), RawHttp.send("DELETE", "/v0/projects/p/jobs"),
                RawHttp.send("GET", "/v0/projects/%FF/jobs"), RawHttp.send("GET", "/v0/projects/Bad_Slug/jobs"),
                RawHttp.send("GET", "/v0/projects/p/jobs?per_page=256"),
                RawHttp.send("GET", "/v0/projects/no-such-" + slug + "/jobs") }) {
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT, PATCH, DELETE, OPTIONS");
            assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type, Authorization");
            assertThat(response.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
            assertThat(response.header("X-Total-Count")).isNull();
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
        }
    }

    private static void assertError(RawHttp.Response response, int status, String messagePrefix) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = body(response);
        assertThat(body.get("request_id").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(body.get("message").asText()).startsWith(messagePrefix);
    }

    private static JsonNode body(RawHttp.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
