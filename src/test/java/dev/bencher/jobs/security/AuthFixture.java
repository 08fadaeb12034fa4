package dev.bencher.jobs.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Rows, requests and assertions shared by the security tests: a project with one terminal job
 * that has a stored output (so that "+output" of auth.md's case table is observable), requests
 * with an arbitrary {@code Authorization} header, and the checks of jobs-api.md R44/R52/R56.
 */
final class AuthFixture {

    static final String ANON_ALLOW_HEADERS = "Content-Type";
    static final String AUTH_ALLOW_HEADERS = "Content-Type, Authorization";
    static final String TOKEN_REJECTED = "Failed to validate JSON Web Token: ";
    static final String MALFORMED = "Invalid authorization token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-03-02T14:05:09Z");
    private static final String STORED_OUTPUT = "{\"results\": [{\"exit_code\": 0, \"stdout\": \"all good\"}]}";

    private AuthFixture() {
    }

    /** A project as the tests address it, with its one job (a completed job with a stored output). */
    record Project(String slug, UUID uuid, UUID organization, UUID job) {

        String listPath() {
            return "/v0/projects/" + slug + "/jobs";
        }

        String viewPath() {
            return listPath() + "/" + job;
        }

        String viewPath(UUID otherJob) {
            return listPath() + "/" + otherJob;
        }
    }

    /** A live project with one completed job whose output is stored and well-formed (R30). */
    static Project project(String prefix, UUID organization, String visibility) {
        String slug = Writer.uniqueSlug(prefix + "-" + visibility + "-");
        UUID project = Writer.project(organization, slug, visibility);
        UUID job = Writer.job(project, Writer.spec(null, null), JobStatus.COMPLETED, CREATED);
        Writer.progress(job, Writer.runner(), CREATED.plusSeconds(2), CREATED.plusSeconds(4), CREATED.plusSeconds(60));
        Writer.output(job, STORED_OUTPUT);
        return new Project(slug, project, organization, job);
    }

    /** Like {@link #project} but soft-deleted (database.md D8): it must behave as if it did not exist. */
    static Project deletedProject(String prefix, UUID organization, String visibility) {
        Project project = project(prefix + "-deleted", organization, visibility);
        Writer.deleteProject(project.uuid());
        return project;
    }

    /** A project that was never written; tokens may still name its (random) UUID. */
    static Project missingProject(String prefix, UUID organization) {
        return new Project(Writer.uniqueSlug("no-such-" + prefix + "-"), UUID.randomUUID(),
                organization, UUID.randomUUID());
    }

    // ---------------------------------------------------------------- tokens

    /** The Authorization header of a token minted from these claims (a complete claim set, {@link Tokens#sign}). */
    static String bearer(Map<String, Object> claims) {
        return Tokens.bearer(Tokens.sign(claims));
    }

    /** The Authorization header of a token minted from exactly these claims (a broken claim set, {@link Tokens#signAsIs}). */
    static String bearerAsIs(Map<String, Object> claims) {
        return Tokens.bearer(Tokens.signAsIs(claims));
    }

    static String bearerWithGroups(String... groups) {
        return Tokens.bearer(Tokens.valid(groups));
    }

    static String admin() {
        return bearerWithGroups("admin");
    }

    // ---------------------------------------------------------------- requests

    /** One response, whichever client sent it; header names lower-case, the first value of each. */
    record Reply(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    static Reply get(String path, String authorization) {
        return reply(request(authorization).get(path));
    }

    static Reply options(String path, String authorization) {
        return reply(request(authorization).options(path));
    }

    /** Byte for byte, for headers an HTTP client would normalise (several Authorization lines, non-ASCII). */
    static Reply raw(String method, String path, String... headerLines) {
        RawHttp.Response response = RawHttp.send(method, path, headerLines);
        return new Reply(response.status(), response.headers(), response.body());
    }

    private static RequestSpecification request(String authorization) {
        RequestSpecification request = given().redirects().follow(false);
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static Reply reply(Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders().asList()) {
            headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
        }
        return new Reply(response.getStatusCode(), headers, response.getBody().asString());
    }

    // ---------------------------------------------------------------- assertions

    /**
     * A successful GET (R29, R44, A10): 200, the allow-headers variant, X-Total-Count 1, the one job;
     * for a view, {@code output} present iff authenticated (R30, "+output").
     */
    static void assertOk(Reply reply, boolean view, boolean authenticated, UUID job) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Headers")).as("allow-headers of %s", reply)
                .isEqualTo(authenticated ? AUTH_ALLOW_HEADERS : ANON_ALLOW_HEADERS);
        assertThat(reply.header("X-Total-Count")).isEqualTo("1");
        assertThat(reply.header("WWW-Authenticate")).isNull();
        JsonNode body = reply.json();
        if (view) {
            assertThat(body.get("uuid").asText()).isEqualTo(job.toString());
            assertThat(body.has("output")).as("output member in %s", reply).isEqualTo(authenticated);
            if (authenticated) {
                assertThat(body.at("/output/results/0/exit_code").asInt(-1)).isZero();
                assertThat(body.at("/output/results/0/stdout").asText()).isEqualTo("all good");
            }
        } else {
            assertThat(body.isArray()).isTrue();
            assertThat(body).hasSize(1);
            assertThat(body.get(0).get("uuid").asText()).isEqualTo(job.toString());
        }
    }

    /** An error (R52, R55, R56): status, JSON body whose message starts so, and no Bearer challenge (auth.md §5). */
    static void assertError(Reply reply, int status, String messagePrefix) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.header("WWW-Authenticate")).as("WWW-Authenticate of %s", reply).isNull();
        JsonNode body = reply.json();
        assertThat(body.get("request_id").asText()).isEqualTo(reply.header("X-Request-Id"));
        assertThat(body.get("message").asText()).as("message of %s", reply).startsWith(messagePrefix);
    }

    /** R56: the 404 of a missing, deleted or invisible project. */
    static void assertProjectNotFound(Reply reply, Project project) {
        assertError(reply, 404, "Project (" + project.slug() + ") not found");
    }

    /** R28, R56: the 404 of a job that is not in the (visible) project. */
    static void assertJobNotFound(Reply reply, UUID job) {
        assertError(reply, 404, "Job (" + job + ") not found");
    }

    /** R47, R48: a successful preflight, whatever the Authorization header. */
    static void assertPreflight(Reply reply) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("null");
        assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo(AUTH_ALLOW_HEADERS);
        assertThat(reply.header("X-Total-Count")).isEqualTo("1");
        assertThat(reply.header("WWW-Authenticate")).isNull();
    }
}
