package dev.bencher.jobs.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.OtlpReceiver;
import dev.bencher.jobs.testsupport.OtlpReceiver.ReceivedSpan;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;

/**
 * The traces of API requests as a collector receives them (issue 16 item 1; docs/operations.md
 * "Tracing"), run by {@link TracingTest} in the test JVM and by {@link TracingIT} against the
 * packaged artifact (the jar in {@code ./mvnw verify}, the native executable in {@code .ci/native}):
 * one server span per request named by its route template, a child span per database query (the
 * list's page and count overlapping, R25), the caller's {@code traceparent} continued, the request
 * id of R45 (fresh, never the caller's) as an attribute equal to the response's and the error body's,
 * trace and span ids in the request's log lines, and no token, path or query value or job output in
 * anything a span carries.
 */
abstract class TracingContract {

    static final String LIST = "GET /v0/projects/{project}/jobs";
    static final String VIEW = "GET /v0/projects/{project}/jobs/{job}";
    private static final String OUTPUT = "stdout-that-must-not-be-traced";
    private static final String QUERY_VALUE = "query-value-that-must-not-be-traced";

    static String slug;
    static UUID job;
    static UUID malformedJob;
    static String token;

    /** A response: status, headers (names in any case) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    /** A log line of the application: its category, message and MDC. */
    record LogLine(String logger, String message, Map<String, String> mdc) {
    }

    /** A GET on the API with these request headers. */
    abstract Answer get(String pathAndQuery, Map<String, String> headers);

    /** The application's log lines so far. */
    abstract List<LogLine> logLines();

    /** Rows for the tests; call once the schema is migrated. */
    static void writeRows() {
        slug = Writer.uniqueSlug("trace-");
        UUID project = Writer.project(Writer.organization(), slug, "public");
        UUID spec = Writer.spec(null, null);
        job = Writer.job(project, spec, JobStatus.COMPLETED, Instant.EPOCH);
        Writer.output(job, "{\"results\": [{\"exit_code\": 0, \"stdout\": \"" + OUTPUT + "\"}]}");
        Writer.job(project, spec, JobStatus.FAILED, Instant.EPOCH.plusSeconds(1));
        malformedJob = Writer.job(project, spec, JobStatus.FAILED, Instant.EPOCH.plusSeconds(2));
        Writer.output(malformedJob, "{\"results\": [{\"exit_code\": \"" + OUTPUT + "\"}]}");
        token = Tokens.valid("admin");
    }

    @Test
    void r25_r45_aListIsAServerSpanInTheCallersTraceWithOverlappingPageAndCountSpans() {
        Caller caller = Caller.sampled();
        String staleRequestId = UUID.randomUUID().toString();
        Answer answer = get("/v0/projects/" + slug + "/jobs?per_page=7&status=failed&direction=asc&tag=" + QUERY_VALUE,
                Map.of("traceparent", caller.traceparent(), "Authorization", Tokens.bearer(token),
                        "X-Request-Id", staleRequestId));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Total-Count")).as("the query was applied").isEqualTo("2");

        List<ReceivedSpan> trace = OtlpReceiver.awaitTrace(caller.traceId(), spans -> spans.size() >= 3);
        assertThat(trace).extracting(ReceivedSpan::name).containsExactlyInAnyOrder(LIST, "db page", "db count");
        ReceivedSpan server = only(trace, LIST);
        assertThat(server.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(server.parentSpanId()).as("a child of the caller's span").isEqualTo(caller.spanId());
        assertThat(server.attribute("http.route")).isEqualTo("/v0/projects/{project}/jobs");
        assertThat(server.attribute("http.response.status_code")).isEqualTo("200");
        assertThat(server.attribute("url.path")).isEqualTo(TracePolicy.REDACTED);
        assertThat(server.attribute("url.query")).isEqualTo(TracePolicy.REDACTED);
        assertThat(server.attribute("bencher.request_id")).as("R45: fresh, and the response's")
                .isEqualTo(answer.header("X-Request-Id")).isNotEqualTo(staleRequestId);

        ReceivedSpan page = only(trace, "db page");
        ReceivedSpan count = only(trace, "db count");
        for (ReceivedSpan query : List.of(page, count)) {
            assertThat(query.parentSpanId()).isEqualTo(server.spanId());
            assertThat(query.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
            assertThat(query.attribute("db.system.name")).isEqualTo("postgresql");
            assertThat(query.startNanos()).isBetween(server.startNanos(), server.endNanos());
            assertThat(query.endNanos()).isBetween(query.startNanos(), server.endNanos());
        }
        assertThat(page.attribute("bencher.query")).isEqualTo("page");
        assertThat(count.attribute("bencher.query")).isEqualTo("count");
        assertThat(page.startNanos()).as("R25: page and count at the same time").isLessThan(count.endNanos());
        assertThat(count.startNanos()).as("R25: page and count at the same time").isLessThan(page.endNanos());

        assertCarriesNoRequestValues(trace, staleRequestId, "per_page=7", "status=failed");
    }

    /** Without a traceparent the request starts a trace; the view's output is shown but never traced. */
    @Test
    void r30_aViewWithOutputIsAServerSpanWithItsViewSpan() {
        Answer answer = get("/v0/projects/" + slug + "/jobs/" + job + "?tag=" + QUERY_VALUE,
                Map.of("Authorization", Tokens.bearer(token)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).as("the output was read").contains(OUTPUT);

        ReceivedSpan server = serverSpanOf(answer.header("X-Request-Id"));
        List<ReceivedSpan> trace = OtlpReceiver.awaitTrace(server.traceId(), spans -> spans.size() >= 2);
        assertThat(trace).extracting(ReceivedSpan::name).containsExactlyInAnyOrder(VIEW, "db view");
        assertThat(server.parentSpanId()).as("a new trace").isEmpty();
        assertThat(server.attribute("http.route")).isEqualTo("/v0/projects/{project}/jobs/{job}");
        ReceivedSpan view = only(trace, "db view");
        assertThat(view.parentSpanId()).isEqualTo(server.spanId());
        assertThat(view.attribute("bencher.query")).isEqualTo("view");

        assertCarriesNoRequestValues(trace);
    }

    /** R52: the error body's request_id, the response's X-Request-Id and the span's attribute are one value. */
    @Test
    void r15_r52_anErrorIsJoinedToItsSpanByTheRequestId() {
        Caller caller = Caller.sampled();
        Answer answer = get("/v0/projects/" + slug + "/jobs?status=" + QUERY_VALUE,
                Map.of("traceparent", caller.traceparent(), "Authorization", Tokens.bearer(token)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).as("R15 quotes the value in the body").contains(QUERY_VALUE)
                .contains("\"request_id\": \"" + answer.header("X-Request-Id") + "\"");

        List<ReceivedSpan> trace = OtlpReceiver.awaitTrace(caller.traceId(), spans -> !spans.isEmpty());
        ReceivedSpan server = only(trace, LIST);
        assertThat(server.attribute("bencher.request_id")).isEqualTo(answer.header("X-Request-Id"));
        assertThat(server.attribute("http.response.status_code")).isEqualTo("400");
        assertCarriesNoRequestValues(trace);
    }

    /** R5: a request no route serves is named by the access log's fixed word (as its metric's uri), never by its path. */
    @Test
    void r5_aRefusedRequestIsNamedByAFixedWordNeverItsPath() {
        Caller caller = Caller.sampled();
        Answer answer = get("/v0/projects/" + slug + "/pipelines/" + job, Map.of("traceparent", caller.traceparent()));
        assertThat(answer.status()).isEqualTo(404);

        ReceivedSpan server = OtlpReceiver.awaitTrace(caller.traceId(), spans -> !spans.isEmpty()).get(0);
        assertThat(server.name()).isEqualTo("GET /" + AccessLog.NOT_FOUND);
        assertThat(server.attribute("bencher.request_id")).isEqualTo(answer.header("X-Request-Id"));
        assertCarriesNoRequestValues(List.of(server));
    }

    /**
     * The request's lines carry its trace: the warning logged while it is served (R31) and the access
     * line logged after its response, both with the trace id and the server span's id.
     */
    @Test
    void r31_everyLogLineOfARequestCarriesItsTraceAndSpanIds() {
        Caller caller = Caller.sampled();
        Answer answer = get("/v0/projects/" + slug + "/jobs/" + malformedJob,
                Map.of("traceparent", caller.traceparent(), "Authorization", Tokens.bearer(token)));
        assertThat(answer.status()).isEqualTo(200);
        String requestId = answer.header("X-Request-Id");
        ReceivedSpan server = only(OtlpReceiver.awaitTrace(caller.traceId(), spans -> spans.size() >= 2), VIEW);

        List<LogLine> lines = Awaitility.await("the access line").atMost(Duration.ofSeconds(10))
                .until(() -> logLines().stream()
                        .filter(line -> requestId.equals(line.mdc().get("request_id"))
                                || line.message().contains(malformedJob.toString()))
                        .toList(), found -> found.size() >= 2);
        assertThat(lines).extracting(LogLine::logger).contains("dev.bencher.jobs.access");
        assertThat(lines).as("R31's warning, logged while the request is served")
                .anySatisfy(line -> assertThat(line.message()).contains("malformed"));
        assertThat(lines).hasSize(2).allSatisfy(line -> {
            assertThat(line.mdc()).containsEntry("traceId", caller.traceId()).containsEntry("spanId", server.spanId());
            assertThat(String.join(" ", line.message(), line.mdc().toString())).doesNotContain(OUTPUT);
        });
    }

    /** The one server span whose request id is {@code requestId}, once received. */
    static ReceivedSpan serverSpanOf(String requestId) {
        return Awaitility.await("the server span of request " + requestId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> OtlpReceiver.spans().stream().filter(span -> requestId.equals(span.attribute("bencher.request_id")))
                        .toList(), spans -> spans.size() == 1)
                .get(0);
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, String name) {
        List<ReceivedSpan> named = trace.stream().filter(span -> span.name().equals(name)).toList();
        assertThat(named).as("spans named %s", name).hasSize(1);
        return named.get(0);
    }

    /** No text of these spans holds the token, the path's project or job, a query value or an output. */
    private static void assertCarriesNoRequestValues(List<ReceivedSpan> trace, String... more) {
        Set<String> secrets = new HashSet<>(Set.of(token, token.substring(token.lastIndexOf('.') + 1), slug,
                job.toString(), malformedJob.toString(), OUTPUT, QUERY_VALUE));
        secrets.addAll(List.of(more));
        for (ReceivedSpan span : trace) {
            for (String text : span.texts()) {
                for (String secret : secrets) {
                    assertThat(text).as("a text of span %s", span.name()).doesNotContain(secret);
                }
            }
        }
    }

    /** A caller's span, sent as W3C {@code traceparent} with the sampled flag. */
    record Caller(String traceId, String spanId) {
        static Caller sampled() {
            HexFormat hex = HexFormat.of();
            byte[] trace = new byte[16];
            byte[] span = new byte[8];
            ThreadLocalRandom.current().nextBytes(trace);
            ThreadLocalRandom.current().nextBytes(span);
            return new Caller(hex.formatHex(trace), hex.formatHex(span));
        }

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }
    }
}
