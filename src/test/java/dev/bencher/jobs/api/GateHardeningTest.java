package dev.bencher.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Requests that attack the request gate itself: no way around it (R4 on every path), no 500 from the
 * router (R52), no ambiguous message framing (RFC 9112), the request line limits of docs/decisions.md
 * "Limits" (R10 for a long slug), HTTP/1.1 only (R6) and the request line's version (RFC 9112 §2.3).
 * GateHardeningIT runs them against the packaged artifact, the jar and the native executable. No
 * raw path as a metric label: observability/HttpSeriesTest.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class GateHardeningTest {

    private static String slug;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("gate-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        Writer.job(project, Writer.spec(null, null), JobStatus.PENDING, Instant.EPOCH);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/../v0/projects/%s/jobs", "/q/%%2e%%2e/v0/projects/%s/jobs",
            "/q/health/../../v0/projects/%s/jobs", "/q/./../v0/projects/%s/jobs", "/q/%%2E./v0/projects/%s/jobs/",
            "http://localhost/q/../v0/projects/%s/jobs" })
    void r4_dotSegmentsUnderTheOperationalPrefixCannotReachTheApi(String target) {
        RawHttp.Response response = request("GET " + target.formatted(slug) + " HTTP/1.1\r\nHost: localhost\r\n");
        assertError(response, 400, "invalid path encoding");
    }

    @Test
    void r4_anAbsoluteFormTargetIsServedLikeItsPath() {
        RawHttp.Response response = request("GET http://localhost/v0/projects/" + slug + "/jobs HTTP/1.1\r\nHost: localhost\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void r52_aBadEscapeUnderTheOperationalPrefixIsA400NotAFrameworkError() {
        assertError(request("GET /q/%zz HTTP/1.1\r\nHost: localhost\r\n"), 400, "invalid path encoding");
        assertError(request("GET /q/health/%G1 HTTP/1.1\r\nHost: localhost\r\n"), 400, "invalid path encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Host: a b\r\n", "Host: a/b\r\n", "Host: a:99999\r\n", "Host: a\r\nHost: b\r\n" })
    void r52_aMissingOrInvalidHostIsA400(String hostLine) {
        RawHttp.Response response = request("GET /v0/projects/" + slug + "/jobs HTTP/1.1\r\n" + hostLine);
        assertError(response, 400, "Bad Request");
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET v0/projects/%s/jobs", "GET *", "OPTIONS *", "GET projects", "GET ?x=1" })
    void r52_aTargetThatIsNeitherOriginNorAbsoluteFormIsA400(String requestLine) {
        RawHttp.Response response = request(requestLine.formatted(slug) + " HTTP/1.1\r\nHost: localhost\r\n");
        assertError(response, 400, "Bad Request");
    }

    @ParameterizedTest
    @ValueSource(strings = { "xchunked", "identity", "\"chunked\"", "gzip" })
    void r52_anObfuscatedTransferEncodingIsRefusedAndTheConnectionClosed(String encoding) {
        RawHttp.Response response = RawHttp.exchange(smuggling("Transfer-Encoding: " + encoding));
        assertError(response, 400, "Bad Request");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.body()).as("the hidden request is never answered").doesNotContain("HTTP/1.1");
    }

    /** Framings the HTTP decoder itself refuses: 400, connection closed, the hidden request never answered. */
    @ParameterizedTest
    @ValueSource(strings = { "Transfer-Encoding: chunked", "Transfer-Encoding: chunked, identity",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity" })
    void r52_chunkedTogetherWithContentLengthIsRefusedAndTheConnectionClosed(String encoding) {
        RawHttp.Response response = RawHttp.exchange(smuggling(encoding));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("HTTP/1.1");
    }

    @Test
    void r6_aPlainChunkedBodyIsStillIgnored() {
        RawHttp.Response response = RawHttp.exchange("GET /v0/projects/" + slug + "/jobs HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
    }

    /** A list request whose body, framed by Content-Length, is a second request (a desync attempt). */
    private static String smuggling(String framing) {
        String hidden = "GET /v0/projects/" + slug + "/jobs/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\nHost: x\r\n\r\n";
        return "GET /v0/projects/" + slug + "/jobs HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n"
                + "Content-Length: " + hidden.length() + "\r\n\r\n" + hidden;
    }

    /**
     * RFC 9112 §2.3, RFC 9110 §2.5 (docs/decisions.md "Protocol version"): a version that is not
     * {@code HTTP/DIGIT.DIGIT} as the RFC writes it gets the spec's 400 in HTTP/1.1, never its own
     * version back, and the connection is closed; with or without Host, whatever the path.
     */
    @ParameterizedTest
    @ValueSource(strings = { "http/1.1", "Http/1.0", "HTTP/01.1", "HTTP/1.01", "HTTP/1.10", "HTTP/10.1", "FOO/1.1",
            "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/1.1" })
    void aMalformedVersionIsA400InHttp11(String version) {
        assertRefusedInHttp11(version, 400, "Bad Request");
    }

    /** RFC 9112 §2.3, RFC 9110 §15.6.6: another major version is a 505 with the spec's body, in HTTP/1.1. */
    @ParameterizedTest
    @ValueSource(strings = { "HTTP/2.0", "HTTP/3.0", "HTTP/9.9", "HTTP/0.9" })
    void anotherMajorVersionIsA505InHttp11(String version) {
        assertRefusedInHttp11(version, 505, "HTTP Version Not Supported");
    }

    /** RFC 9110 §2.5: a later 1.x minor version is served as HTTP/1.1, the highest 1.x the service speaks. */
    @ParameterizedTest
    @ValueSource(strings = { "HTTP/1.2", "HTTP/1.9" })
    void aLaterMinorVersionIsServedAsHttp11(String version) {
        RawHttp.Response response = request("GET /v0/projects/" + slug + "/jobs " + version + "\r\nHost: localhost\r\n");
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
        assertThat(response.header("Connection")).isEqualTo("close");
        RawHttp.Response missing = request("GET /v0/projects/" + slug + "/jobs/" + UUID.randomUUID() + " " + version + "\r\nHost: localhost\r\n");
        assertThat(missing.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(missing.body()).contains("\"message\": \"Job (");
        RawHttp.Response preflight = request("OPTIONS /v0/projects/" + slug + "/jobs " + version + "\r\nHost: localhost\r\n");
        assertThat(preflight.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(preflight.body()).isEqualTo("null");
    }

    /** With or without Host, whatever the path: the refusal in HTTP/1.1, and the connection closed. */
    private static void assertRefusedInHttp11(String version, int status, String reason) {
        for (String request : new String[] { "GET /v0/projects/" + slug + "/jobs " + version + "\r\nHost: localhost\r\n",
                "GET /v0/projects/" + slug + "/jobs " + version + "\r\n", "OPTIONS /nowhere " + version + "\r\nHost: localhost\r\n" }) {
            RawHttp.Response response = request(request);
            assertThat(response.statusLine()).as(request).isEqualTo("HTTP/1.1 " + status + " " + reason);
            assertError(response, status, reason);
            assertThat(response.header("Connection")).isEqualTo("close");
        }
    }

    /** A version that Netty cannot read at all: the transport's empty 400, never the request's text in the status line. */
    @ParameterizedTest
    @ValueSource(strings = { "HTTP/x", "HTTP/1.1x", "HTTP/1.1 x", "HTTP", "" })
    void anUnreadableVersionIsTheTransports400(String version) {
        RawHttp.Response response = request("GET /v0/projects/" + slug + "/jobs " + version + "\r\nHost: localhost\r\n");
        assertThat(response.statusLine()).isIn("HTTP/1.0 400 Bad Request", "HTTP/1.1 400 Bad Request");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void r10_aProjectSlugOfThousandsOfCharactersGetsTheSpecs400LikeBencher() {
        RawHttp.Response response = request("GET /v0/projects/" + "a".repeat(4100) + "/jobs HTTP/1.1\r\nHost: localhost\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"message\": \"bad parameter in URL path: ");
    }

    /** docs/decisions.md "Limits": beyond 64 KB the transport answers 414 and closes. */
    @Test
    void aRequestLineBeyondTheLimitIs414() {
        RawHttp.Response response = request("GET /v0/projects/" + "a".repeat(70_000) + "/jobs HTTP/1.1\r\nHost: localhost\r\n");
        assertThat(response.status()).isEqualTo(414);
    }

    @Test
    void anH2cUpgradeIsIgnoredAndTheRequestServedOverHttp11() {
        RawHttp.Response response = request("GET /v0/projects/" + slug + "/jobs HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Upgrade")).isNull();
    }

    /** RFC 9113 §3.3 without HTTP/2 support: its preface reads as an HTTP/1 request line of version 2.0. */
    @Test
    void http2PriorKnowledgeIsRefused() {
        RawHttp.Response response = RawHttp.exchange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 505 HTTP Version Not Supported");
        assertError(response, 505, "HTTP Version Not Supported");
    }

    /** The request with {@code Connection: close}, so that the response ends the exchange. */
    private static RawHttp.Response request(String requestLineAndHeaders) {
        return RawHttp.exchange(requestLineAndHeaders + "Connection: close\r\n\r\n");
    }

    private static void assertError(RawHttp.Response response, int status, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.body()).contains("\"request_id\": \"" + response.header("X-Request-Id") + "\"")
                .contains("\"message\": \"" + message + "\"").doesNotContain("error_code");
    }
}
