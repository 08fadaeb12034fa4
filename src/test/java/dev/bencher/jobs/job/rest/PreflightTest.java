package dev.bencher.jobs.job.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** CORS preflights (jobs-api.md R47-R51, auth.md A13): no database, no token, same validation as GET. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class PreflightTest {

    private static final String JOB = "0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b";

    @ParameterizedTest
    @ValueSource(strings = { "/v0/projects/no-such-project/jobs", "/v0/projects/no-such-project/jobs/" + JOB,
            "/v0/projects/" + JOB + "/jobs?per_page=255&page=4294967295&direction=asc&status=failed&sort=created",
            "/v0/projects/p/jobs/" + JOB + "?per_page=abc&page=1&page=2" })
    void r47_r48_r50_r51_preflightsAreAlwaysEnabledAndAnswer200WithNull(String path) {
        Response response = given().urlEncodingEnabled(false)
                .header("Origin", "https://console.example.test")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "x-custom")
                .options(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).isEqualTo("null");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET");
        assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type, Authorization");
        assertThat(response.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
        assertThat(response.header("X-Request-Id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer abc", "Bearer bencher_run_x", "Basic dXNlcjpwYXNz", "Bearer expired" })
    void r48_a13_preflightsIgnoreAuthorizationAndVisibility(String authorization) {
        String slug = Writer.uniqueSlug("preflight-");
        Writer.project(Writer.organization(), slug, "private");
        String header = authorization.equals("Bearer expired") ? expiredToken() : authorization;
        for (String path : new String[] { "/v0/projects/" + slug + "/jobs", "/v0/projects/" + slug + "/jobs/" + JOB }) {
            Response response = given().header("Authorization", header).options(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type, Authorization");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v0/projects/p/jobs?per_page=256", "/v0/projects/p/jobs?status=done",
            "/v0/projects/P/jobs", "/v0/projects/p/jobs/123" })
    void r49_r50_preflightsValidateLikeTheGet(String path) {
        Response response = given().urlEncodingEnabled(false).options(path);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT, PATCH, DELETE, OPTIONS");
    }

    private static String expiredToken() {
        return Tokens.bearer(Tokens.expired());
    }
}
