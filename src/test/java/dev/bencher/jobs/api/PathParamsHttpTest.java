package dev.bencher.jobs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code {project}} and {@code {job}} over HTTP (jobs-api.md R8-R12): decoded segments reach the
 * parser for GET and OPTIONS alike (R10), before the token (R17); a UUID-shaped value is looked up
 * as a UUID only and a slug as a slug only, deleted projects are gone (R11); the 404 echoes the
 * decoded value (R56). The parser's full table of spellings is {@link PathParamsTest}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class PathParamsHttpTest {

    private static final String JOB = "0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b";

    private static UUID organization;
    private static UUID spec;

    @BeforeAll
    static void writeRows() {
        organization = Writer.organization();
        spec = Writer.spec(null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bad", "bad%20slug", "%C3%A9t%C3%A9", "%7B0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b", "a%2Fb",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void r9_r10_invalidProjectsAre400OnEveryOperation(String project) {
        for (String path : new String[] { "/v0/projects/" + project + "/jobs", "/v0/projects/" + project + "/jobs/" + JOB }) {
            for (String method : new String[] { "GET", "OPTIONS" }) {
                Response response = given().urlEncodingEnabled(false).request(method, path);
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(400);
                assertThat(response.jsonPath().getString("message")).startsWith("bad parameter in URL path: ");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "a", "1-2-3-4-5", "0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void r8_r9_validSlugsThatDoNotExistAre404EvenWhenTheyLookLikeShortUuids(String project) {
        Response response = given().get("/v0/projects/" + project + "/jobs");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.jsonPath().getString("message")).startsWith("Project (" + project + ") not found");
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1-2-3-4-5", "{0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b" })
    void r10_r12_invalidJobsAre400EvenWithABadToken(String job) {
        for (String method : new String[] { "GET", "OPTIONS" }) {
            Response response = given().urlEncodingEnabled(false).header("Authorization", "Bearer abc")
                    .request(method, "/v0/projects/p/jobs/" + job.replace("{", "%7B"));
            assertThat(response.statusCode()).as(method + " " + job).isEqualTo(400);
            assertThat(response.jsonPath().getString("message")).startsWith("bad parameter in URL path: ");
        }
    }

    @Test
    void r8_r11_aHexProjectIsAlwaysAUuidNeverASlug() {
        String hex = "0123456789abcdef0123456789abcdef";
        UUID byUuid = Writer.project(organization, Writer.uniqueSlug("hex-owner-"), "public");
        Writer.project(organization, hex, "public");
        Writer.job(byUuid, spec, JobStatus.PENDING, Instant.EPOCH);
        // the project whose slug is the hex string cannot be reached by it
        Response bySlug = given().get("/v0/projects/" + hex + "/jobs");
        assertThat(bySlug.statusCode()).isEqualTo(404);
        assertThat(given().get("/v0/projects/" + byUuid.toString().replace("-", "") + "/jobs").header("X-Total-Count"))
                .isEqualTo("1");
    }

    @Test
    void r11_aSlugNeverMatchesAUuidAndDeletedProjectsAreGone() {
        String slug = Writer.uniqueSlug("deleted-");
        UUID deleted = Writer.project(organization, slug, "public");
        Writer.deleteProject(deleted);
        String admin = Tokens.bearer(Tokens.valid("admin"));
        assertThat(given().header("Authorization", admin).get("/v0/projects/" + slug + "/jobs").statusCode()).isEqualTo(404);
        assertThat(given().header("Authorization", admin).get("/v0/projects/" + deleted + "/jobs").statusCode()).isEqualTo(404);
        // a new live project may reuse the slug of a deleted one (database.md D8)
        UUID reborn = Writer.project(organization, slug, "public");
        Writer.job(reborn, spec, JobStatus.PENDING, Instant.EPOCH);
        assertThat(given().get("/v0/projects/" + slug + "/jobs").header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void r56_projectMessagesEchoTheDecodedValue() {
        Response response = given().urlEncodingEnabled(false).get("/v0/projects/%7B" + JOB + "%7D/jobs");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.jsonPath().getString("message")).isEqualTo("Project ({" + JOB + "}) not found\n"
                + "Project may be private and require authentication or it may not exist.\n"
                + "Expected format is `Authorization: Bearer <token>`. Where `<token>` is your API token (JWT).");
    }
}
