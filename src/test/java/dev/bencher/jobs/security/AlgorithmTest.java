package dev.bencher.jobs.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** auth.md A14, A16: an operator may configure ES256 and its key instead of RS256. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(AlgorithmTest.Es256.class)
class AlgorithmTest {

    public static class Es256 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.algorithm", "ES256",
                    "mp.jwt.verify.publickey.location", "jwt/ec-public-key.pem");
        }
    }

    private static String slug;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("es256-");
        UUID project = Writer.project(Writer.organization(), slug, "private");
        Writer.job(project, Writer.spec(null, null), JobStatus.PENDING, Instant.EPOCH);
    }

    @Test
    void a14_a16_es256TokensVerifyWithTheConfiguredKey() {
        Response response = given().header("Authorization", Tokens.bearer(Tokens.es256(Tokens.claimsWithGroups("admin"))))
                .get("/v0/projects/" + slug + "/jobs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void a16_rs256TokensFailOnceEs256IsConfigured() {
        Response response = given().header("Authorization", Tokens.bearer(Tokens.valid("admin")))
                .get("/v0/projects/" + slug + "/jobs");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("message")).startsWith("Failed to validate JSON Web Token: ");
    }
}
