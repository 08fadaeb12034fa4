package dev.bencher.jobs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.RawHttp;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Randomised requests through a raw socket (mutated paths and escapes, request lines, versions and
 * framing, query strings, Host and Authorization variants, oversized and unicode values). Whatever
 * arrives, the service never answers 5xx (but 505 to another major version, RFC 9112 §2.3), nor in
 * another status line than HTTP/1.0 or HTTP/1.1; its
 * errors are the spec's JSON with request_id and CORS headers (R52-R54) and never leak a stack trace
 * or an internal name; it still answers afterwards; and no table changed (R3). FuzzIT sends the same
 * requests to the packaged artifact, the jar and the native executable. CI runs a fixed seed; a
 * longer run:
 * {@code ./mvnw test -Dtest=FuzzTest -Dfuzz.seed=42 -Dfuzz.requests=100000}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261129L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);

    /** The spec's spellings, as requests send them (R13). */
    private static final String[] STATUSES = { "pending", "claimed", "running", "completed", "processed", "failed",
            "canceled" };
    private static final Pattern STATUS = Pattern.compile("^(\\S+) (\\d{3}) ");
    /** A request line ending in another major version than 1, as RFC 9112 writes one. */
    private static final Pattern OTHER_MAJOR_VERSION = Pattern.compile("\\A[^\\r\\n]* HTTP/[02-9]\\.\\d\\r\\n");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "io.vertx", "io.quarkus",
            "org.jboss", "dev.bencher", "postgres", "SELECT", "job_count", "Caused by");
    private static final String[] NASTY = { "' OR 1=1--", "\"; DROP TABLE job;--", "<script>alert(1)</script>",
            "%00", "%", "%zz", "%C0%AF", "%E2%80%AE", "%F0%9F%92%A9", "ü", "日本", "\u0000", "..", ".", "%2e%2e",
            "%2F", "\\", "{}", "[]", "*", "$1", "NaN", "-0", "+1", "%2B1", "1e9", "0x10", "¹", "٣",
            "99999999999999999999999999", "-9223372036854775809", "4294967296", "18446744073709551616" };

    private static String slug;
    private static UUID project;
    private static UUID job;
    private static String privateSlug;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("fuzz-");
        project = Writer.project(Writer.organization(), slug, "public");
        UUID spec = Writer.spec(null, null);
        for (int i = 0; i < 20; i++) {
            UUID written = Writer.job(project, spec, JobStatus.values()[i % JobStatus.values().length], Instant.EPOCH.plusSeconds(i));
            if (i == 5) {
                job = written;
                Writer.output(job, "{\"results\": [{\"exit_code\": 1}]}");
            }
        }
        privateSlug = Writer.uniqueSlug("fuzz-private-");
        Writer.project(Writer.organization(), privateSlug, "private");
    }

    @Test
    void r52_r54_r57_randomRequestsNeverGetA5xxOrALeakAndChangeNothing() throws Exception {
        String before = tables();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
            byte[] request = request(random);
            String problem = check(RawHttp.sendRaw(request), new String(request, StandardCharsets.ISO_8859_1));
            if (problem != null) {
                failures.add(problem + "\n  request: " + new String(request, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n"));
            }
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
        given().get("/v0/projects/" + slug + "/jobs").then().statusCode(200);
        assertThat(tables()).as("R3: no table changed").isEqualTo(before);
    }

    /** Null when the response is acceptable, otherwise what is wrong with it (a HEAD answer has no body). */
    private static String check(byte[] raw, String request) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (raw.length == 0) {
            return null; // the transport dropped a request it could not parse at all
        }
        Matcher status = STATUS.matcher(text);
        if (!status.find()) {
            return "no status line: " + abbreviate(text);
        }
        String version = status.group(1);
        int code = Integer.parseInt(status.group(2));
        int end = text.indexOf("\r\n\r\n");
        Map<String, String> headers = headers(end < 0 ? text : text.substring(0, end));
        String body = end < 0 ? "" : text.substring(end + 4);
        boolean transportRefusal = body.isEmpty() && (code == 400 || code == 414 || code == 431);
        if (!version.equals("HTTP/1.0") && !version.equals("HTTP/1.1") && !(transportRefusal && version.equals(
                request.substring(request.lastIndexOf(' ', request.indexOf("\r\n")) + 1, request.indexOf("\r\n"))
                        .toUpperCase(Locale.ROOT)))) {
            // RFC 9110 §2.5; the transport's own refusals repeat a version Vert.x does not know
            // (docs/decisions.md "Limits and transport")
            return "a status line in " + version + ": " + abbreviate(text);
        }
        if (code >= 500 && !(code == 505 && OTHER_MAJOR_VERSION.matcher(request).find())) {
            return "status " + code + ": " + abbreviate(text);
        }
        if (code < 400) {
            return null;
        }
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                return "error body leaks `" + leak + "`: " + abbreviate(text);
            }
        }
        if (transportRefusal) {
            return null; // the HTTP decoder's own refusal (docs/decisions.md "Limits and transport")
        }
        boolean head = request.startsWith("HEAD ");
        String requestId = headers.get("x-request-id");
        if (!"application/json".equals(headers.get("content-type")) || !"*".equals(headers.get("access-control-allow-origin"))
                || requestId == null
                || !head && (!body.contains("\"request_id\": \"" + requestId + "\"") || !body.contains("\"message\": "))) {
            return "error without the spec's envelope: " + abbreviate(text);
        }
        return null;
    }

    private static byte[] request(Random random) {
        String method = pick(random, 12, "GET", "GET", "GET", "GET", "OPTIONS", "OPTIONS", "HEAD", "POST", "DELETE",
                "PUT", "get", "TRACE", "CONNECT", "PRI", "G\u00c9T");
        StringBuilder head = new StringBuilder(method).append(' ').append(target(random)).append(' ')
                .append(pick(random, 20, "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/9.9", "http/1.1",
                        "HTTP/01.1", "FOO/1.1", "HTTP/x", "")).append("\r\n");
        switch (random.nextInt(12)) {
            case 0 -> { } // no Host
            case 1 -> head.append("Host: ").append(pick(random, 0, "a b", "a/b", "a:99999", "", "[::1", "x:-1", "ü")).append("\r\n");
            case 2 -> head.append("Host: a\r\nHost: b\r\n");
            default -> head.append("Host: localhost\r\n");
        }
        if (random.nextInt(3) == 0) {
            head.append("Authorization: ").append(authorization(random)).append("\r\n");
        }
        if (random.nextInt(8) == 0) {
            head.append(pick(random, 0, "Accept", "Origin", "X-Request-Id", "Content-Type", "Cookie", "X-Forwarded-For",
                    "Expect", "Upgrade")).append(": ").append(value(random)).append("\r\n");
        }
        String body = "";
        switch (random.nextInt(14)) {
            case 0 -> head.append("Transfer-Encoding: ").append(pick(random, 0, "xchunked", "identity", "\"chunked\"",
                    "chunked, identity", "gzip")).append("\r\nContent-Length: 0\r\n");
            case 1 -> {
                body = value(random);
                head.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
            }
            case 2 -> {
                body = "3\r\nabc\r\n0\r\n\r\n";
                head.append("Transfer-Encoding: chunked\r\n");
            }
            default -> { }
        }
        head.append("Connection: close\r\n\r\n").append(body);
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String target(Random random) {
        String project = switch (random.nextInt(6)) {
            case 0 -> privateSlug;
            case 1 -> FuzzTest.project.toString();
            case 2 -> mutate(random, slug);
            case 3 -> value(random);
            default -> slug;
        };
        String path = switch (random.nextInt(10)) {
            case 0 -> "/v0/projects/" + project + "/jobs/" + (random.nextBoolean() ? job : mutate(random, job.toString()));
            case 1 -> pick(random, 0, "/q/health", "/q/metrics", "/q/openapi", "/q/../v0/projects/" + slug + "/jobs",
                    "/q/%zz", "/q/health/../../v0", "/", "", "*", "/v0", "/v0/projects", "//v0//projects//" + slug + "//jobs//");
            case 2 -> mutate(random, "/v0/projects/" + project + "/jobs");
            case 3 -> "http://localhost/v0/projects/" + project + "/jobs";
            default -> "/v0/projects/" + project + "/jobs";
        };
        return random.nextInt(3) == 0 ? path : path + "?" + query(random);
    }

    private static String query(Random random) {
        StringBuilder query = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            String name = pick(random, 0, "page", "per_page", "direction", "sort", "status", "Per_Page", "limit", "",
                    "page", "per_page");
            String value = switch (random.nextInt(5)) {
                case 0 -> Long.toString(random.nextLong());
                case 1 -> Integer.toString(random.nextInt(300));
                case 2 -> pick(random, 0, STATUSES);
                case 3 -> pick(random, 0, "asc", "desc", "ASC", "created", "name", "");
                default -> value(random);
            };
            query.append(name).append(random.nextInt(6) == 0 ? "" : "=" + value).append('&');
        }
        return query.toString();
    }

    private static String authorization(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "Bearer " + Tokens.valid("admin");
            case 1 -> "Bearer " + Tokens.valid("a".repeat(random.nextInt(2000)));
            case 2 -> "Bearer " + mutate(random, Tokens.valid());
            case 3 -> "Bearer bencher_" + value(random);
            case 4 -> "Bearer " + "a.".repeat(random.nextInt(50)) + "a";
            case 5 -> pick(random, 0, "Basic dXNlcjpwYXNz", "Bearer", "bearer  x", "Bearer\tx", "Bearer " + "x".repeat(5000));
            default -> "Bearer " + value(random);
        };
    }

    /** A hostile value: a nasty literal, random bytes, a long run, or unicode. */
    private static String value(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> {
                StringBuilder bytes = new StringBuilder();
                for (int i = random.nextInt(20); i >= 0; i--) {
                    bytes.append((char) (0x21 + random.nextInt(0xde)));
                }
                yield bytes.toString();
            }
            case 1 -> "x".repeat(random.nextInt(3000));
            case 2 -> new String("ünïcødé-日本-🙂".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            default -> pick(random, 0, NASTY);
        };
    }

    /** Replaces, inserts or deletes a few characters, or inserts a nasty literal. */
    private static String mutate(Random random, String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = random.nextInt(4); i >= 0; i--) {
            int at = out.isEmpty() ? 0 : random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.insert(at, pick(random, 0, NASTY));
                case 1 -> out.insert(at, (char) (0x21 + random.nextInt(0x5e)));
                case 2 -> {
                    if (!out.isEmpty()) {
                        out.deleteCharAt(at);
                    }
                }
                default -> out.insert(at, "%" + Integer.toHexString(random.nextInt(256)).toUpperCase(Locale.ROOT));
            }
        }
        return out.toString().replace(" ", "%20").replace("\r", "").replace("\n", "");
    }

    /** One of the values at random; with {@code rare > 0}, only that many calls in 100 choose, the others take the first. */
    @SafeVarargs
    private static <T> T pick(Random random, int rare, T... values) {
        if (rare > 0 && random.nextInt(100) >= rare) {
            return values[0];
        }
        return values[random.nextInt(values.length)];
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /** Row counts and a digest of every table the service could touch. */
    private static String tables() throws SQLException {
        StringBuilder digest = new StringBuilder();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            for (String table : new String[] { "organization", "project", "spec", "runner", "job", "job_output", "job_count" }) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, ','"
                        + " ORDER BY t::text), '')) FROM " + table + " t")) {
                    rows.next();
                    digest.append(table).append(':').append(rows.getLong(1)).append(':').append(rows.getString(2)).append(' ');
                }
            }
        }
        return digest.toString();
    }
}
