package dev.bencher.jobs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;

/** Exactly the headers of R44, nothing of R46, and no rate limiting (R59). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ResponseHeadersTest {

    private static final Set<String> ALLOWED = Set.of("content-type", "content-length", "date", "connection",
            "keep-alive", "transfer-encoding", "access-control-allow-origin", "access-control-allow-methods",
            "access-control-allow-headers", "access-control-expose-headers", "x-total-count", "x-request-id");

    private static String slug;
    private static UUID job;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("headers-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        job = Writer.job(project, Writer.spec(null, null), JobStatus.COMPLETED, Instant.EPOCH);
    }

    @Test
    void r44_r46_successfulGetsCarryOnlyTheSpecHeaders() {
        String token = Tokens.bearer(Tokens.valid());
        for (Response response : new Response[] {
                given().header("Accept-Encoding", "gzip, deflate, br").header("Origin", "https://x.test")
                        .get("/v0/projects/" + slug + "/jobs"),
                given().header("Authorization", token).header("Accept-Encoding", "gzip")
                        .get("/v0/projects/" + slug + "/jobs/" + job) }) {
            assertThat(response.statusCode()).isEqualTo(200);
            for (Header header : response.headers()) {
                assertThat(ALLOWED).as(header.getName()).contains(header.getName().toLowerCase());
            }
            assertThat(response.header("Content-Encoding")).isNull();
        }
    }

    @Test
    void r44_a10_onlyAllowHeadersDiffersBetweenAnonymousAndAuthenticated() {
        Response anonymous = given().get("/v0/projects/" + slug + "/jobs/" + job);
        Response authenticated = given().header("Authorization", Tokens.bearer(Tokens.valid()))
                .get("/v0/projects/" + slug + "/jobs/" + job);
        assertThat(anonymous.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type");
        assertThat(authenticated.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type, Authorization");
        for (String name : new String[] { "Content-Type", "Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
                "Access-Control-Expose-Headers", "X-Total-Count" }) {
            assertThat(authenticated.header(name)).as(name).isEqualTo(anonymous.header(name));
        }
    }

    @Test
    void r7_originAndPreflightRequestHeadersChangeNothing() {
        for (String method : new String[] { "GET", "OPTIONS" }) {
            Response plain = given().request(method, "/v0/projects/" + slug + "/jobs");
            Response withOrigin = given().header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "DELETE")
                    .header("Access-Control-Request-Headers", "x-forbidden")
                    .request(method, "/v0/projects/" + slug + "/jobs");
            assertThat(withOrigin.statusCode()).isEqualTo(plain.statusCode());
            assertThat(withOrigin.body().asString()).isEqualTo(plain.body().asString());
            for (Header header : plain.headers()) {
                if (!header.getName().equalsIgnoreCase("X-Request-Id") && !header.getName().equalsIgnoreCase("Date")) {
                    assertThat(withOrigin.header(header.getName())).as(header.getName()).isEqualTo(header.getValue());
                }
            }
            assertThat(withOrigin.headers().size()).isEqualTo(plain.headers().size());
        }
    }

    @Test
    void r59_noRateLimiting() {
        for (int i = 0; i < 200; i++) {
            assertThat(given().get("/v0/projects/" + slug + "/jobs?per_page=1").statusCode()).isEqualTo(200);
        }
    }
}
