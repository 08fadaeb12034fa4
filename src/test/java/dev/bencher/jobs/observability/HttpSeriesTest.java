package dev.bencher.jobs.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every HTTP series is a route template or a fixed bucket, however malformed the request (README
 * "Metrics"): 200 distinct slugs sent through every way a request is refused (the transport's 400,
 * 414 and 431, the request gate's 400, the router's 404, 405, and a method named after the slug)
 * leave no slug in a label, and 200 more add no series.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class HttpSeriesTest {

    private static final int SLUGS = 200;
    private static final Pattern URI = Pattern.compile("uri=\"([^\"]*)\"");
    private static final Pattern METHOD = Pattern.compile("method=\"([^\"]*)\"");

    /** The labels a series may carry: the route templates and the fixed buckets (README "Metrics"). */
    private static final Set<String> URIS = Set.of("/v0/projects/{project}/jobs", "/v0/projects/{project}/jobs/{job}",
            "/NOT_FOUND", "/INVALID_PATH", "/INVALID_REQUEST", "/cors-preflight");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH", "UNKNOWN");

    @Test
    void everySeriesIsATemplateOrAFixedBucketAndSlugsAddNone() {
        List<String> slugs = refuseEverywhere();
        Set<String> before = httpSeries(scrape());
        slugs.addAll(refuseEverywhere());
        Set<String> after = httpSeries(scrape());

        assertThat(after).as("series after %d more slugs", SLUGS).isEqualTo(before);
        for (String series : after) {
            assertThat(label(URI, series)).as(series).isIn(URIS);
            assertThat(label(METHOD, series)).as(series).isIn(METHODS);
            assertThat(slugs).as(series).noneMatch(slug -> series.contains(slug) || series.contains(slug.toUpperCase()));
        }
        assertThat(after).as("the transport's own refusals are counted, under a fixed bucket")
                .anyMatch(series -> series.contains("status=\"431\"") && series.contains("uri=\"/INVALID_REQUEST\""))
                .anyMatch(series -> series.contains("status=\"414\"") && series.contains("uri=\"/INVALID_REQUEST\""))
                .anyMatch(series -> series.contains("status=\"400\"") && series.contains("uri=\"/INVALID_PATH\""))
                .anyMatch(series -> series.contains("status=\"405\"") && series.contains("method=\"UNKNOWN\""));
    }

    /** The Prometheus text of /q/metrics: on the API port in tests, on the management port when packaged. */
    String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** {@link #SLUGS} fresh slugs, each sent through every refusal; returns them. */
    private static List<String> refuseEverywhere() {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < SLUGS; i++) {
            String slug = Writer.uniqueSlug("series-");
            slugs.add(slug);
            String list = "/v0/projects/" + slug + "/jobs";
            // the transport: a message framed two ways (400), a request line over 64 KB (414), a header over 20 KB (431)
            send("GET " + list + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n");
            send("GET " + list + "/" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            send("GET " + list + " HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(30_000) + "\r\n\r\n");
            // the request gate: an invalid Host, a target in no valid form, a path that is not UTF-8 (400)
            send("GET " + list + " HTTP/1.1\r\nHost: " + slug + " x\r\n\r\n");
            send("GET " + slug + list + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            send("GET /q/" + slug + "/%FF HTTP/1.1\r\nHost: localhost\r\n\r\n");
            // the router: a path nothing serves (404), another method (405), a method of the client's invention (405)
            send("GET /" + slug + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            send("DELETE " + list + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            send(slug.toUpperCase() + " " + list + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        }
        return slugs;
    }

    /** Sends a request that asks to close the connection once answered; what comes back is the scrape's business. */
    private static void send(String requestLineAndHeaders) {
        String closing = requestLineAndHeaders.replaceFirst("\r\n", "\r\nConnection: close\r\n");
        RawHttp.sendRaw(closing.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The label sets of {@code http_server_requests_seconds_count}, one per series. */
    private static Set<String> httpSeries(String metrics) {
        Set<String> series = new TreeSet<>();
        metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .forEach(line -> series.add(line.substring(0, line.lastIndexOf(' '))));
        return series;
    }

    private static String label(Pattern label, String series) {
        Matcher matcher = label.matcher(series);
        return matcher.find() ? matcher.group(1) : null;
    }
}
