package dev.bencher.jobs.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Forged and hostile tokens (auth.md A3, A4, A16): none of them opens the private project. A token
 * in compact form that does not verify is 400 with the validation message; one that is not in
 * compact form is 401; none is a 5xx or treated as anonymous (A11).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class TokenAttackTest {

    private static String privateList;

    @BeforeAll
    static void writeRows() {
        String slug = Writer.uniqueSlug("attack-");
        UUID project = Writer.project(Writer.organization(), slug, "private");
        Writer.job(project, Writer.spec(null, null), JobStatus.FAILED, Instant.EPOCH);
        privateList = "/v0/projects/" + slug + "/jobs";
    }

    @ParameterizedTest
    @ValueSource(strings = { "none", "None", "NONE", "nOnE", "none " })
    void a3_algNoneWithAnEmptySignatureIsMalformed(String alg) {
        String token = Tokens.segment(Map.of("alg", alg, "typ", "JWT")) + "." + Tokens.segment(admin()) + ".";
        assertRejected(token, 401, "Invalid authorization token");
    }

    @ParameterizedTest
    @ValueSource(strings = { "none", "None", "NONE", "nOnE" })
    void a4_algNoneWithAnySignatureFailsVerification(String alg) {
        String token = Tokens.segment(Map.of("alg", alg)) + "." + Tokens.segment(admin()) + "." + Tokens.segment(Map.of("x", 1));
        assertRejected(token, 400, "Failed to validate JSON Web Token: ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "HS256", "HS384", "HS512" })
    void a4_hmacKeyedWithThePublicKeyInEveryEncodingFails(String alg) {
        String pem = Tokens.publicKeyPem();
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        List<byte[]> keys = List.of(pem.getBytes(StandardCharsets.US_ASCII), pem.trim().getBytes(StandardCharsets.US_ASCII),
                (pem.trim() + "\n").getBytes(StandardCharsets.US_ASCII), base64.getBytes(StandardCharsets.US_ASCII),
                Base64.getDecoder().decode(base64));
        for (byte[] key : keys) {
            assertRejected(Tokens.hmac(alg, key, admin()), 400, "Failed to validate JSON Web Token: ");
        }
    }

    @Test
    void a16_es256AndPs256FailWhileRs256IsConfigured() {
        assertRejected(Tokens.es256(admin()), 400, "Failed to validate JSON Web Token: ");
        assertRejected(Tokens.jws(Map.of("alg", "PS256", "typ", "JWT"), admin(), false), 400,
                "Failed to validate JSON Web Token: ");
    }

    @Test
    void a4_keysNamedByTheTokenItselfAreNeverTrusted() {
        List<Map<String, Object>> headers = List.of(
                Map.of("alg", "RS256", "jwk", Tokens.attackerJwk()),
                Map.of("alg", "RS256", "jku", "http://127.0.0.1:1/keys.json"),
                Map.of("alg", "RS256", "x5u", "http://127.0.0.1:1/cert.pem"),
                Map.of("alg", "RS256", "x5c", List.of(Base64.getEncoder().encodeToString("not a certificate".getBytes()))),
                Map.of("alg", "RS256", "kid", "../../../../etc/passwd"),
                Map.of("alg", "RS256", "kid", "' OR 1=1 --"));
        for (Map<String, Object> header : headers) {
            assertRejected(Tokens.jws(header, admin(), true), 400, "Failed to validate JSON Web Token: ");
        }
    }

    @Test
    void a7_aKidOnATokenSignedWithTheRightKeyIsIgnored() {
        String token = Tokens.jws(Map.of("alg", "RS256", "typ", "JWT", "kid", "any-key-id"), admin(), false);
        assertThat(given().header("Authorization", Tokens.bearer(token)).get(privateList).statusCode()).isEqualTo(200);
    }

    @Test
    void a4_anUnknownCriticalHeaderFailsVerification() {
        String token = Tokens.jws(Map.of("alg", "RS256", "crit", List.of("x-unknown"), "x-unknown", true), admin(), false);
        assertRejected(token, 400, "Failed to validate JSON Web Token: ");
    }

    @Test
    void a4_aValidTokenOfAnotherIssuerFails() {
        Map<String, Object> claims = admin();
        claims.put("iss", "https://elsewhere.example.test");
        assertRejected(Tokens.sign(claims), 400, "Failed to validate JSON Web Token: ");
    }

    /**
     * docs/decisions.md "Limits": headers beyond 20 KB are refused by the transport with 431 and the
     * connection closed, possibly before the client has finished sending (then the client sees the
     * connection reset instead of the answer). Either way the token is never looked at.
     */
    @Test
    void aHundredKilobyteTokenOrTenThousandGroupsAreRefusedByTheTransport() {
        Map<String, Object> many = admin();
        many.put("groups", java.util.Collections.nCopies(10_000, "admin"));
        Map<String, Object> padded = admin();
        padded.put("padding", "x".repeat(100_000));
        for (String token : new String[] { Tokens.signAsIs(many), Tokens.signAsIs(padded) }) {
            byte[] answer = RawHttp.sendRaw(("GET " + privateList + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer.length == 0 ? "reset" : new String(answer, StandardCharsets.ISO_8859_1))
                    .as("431 or a reset connection").matches("(?s)(HTTP/1\\.[01] 431 .*|reset)");
        }
    }

    private static void assertRejected(String token, int status, String messagePrefix) {
        Response response = given().header("Authorization", Tokens.bearer(token)).get(privateList);
        assertThat(response.statusCode()).as(token).isEqualTo(status);
        assertThat(response.jsonPath().getString("message")).startsWith(messagePrefix);
    }

    private static Map<String, Object> admin() {
        return Tokens.claimsWithGroups("admin");
    }
}
