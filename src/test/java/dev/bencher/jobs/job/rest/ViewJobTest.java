package dev.bencher.jobs.job.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The view endpoint and the JSON shape of a job (jobs-api.md R28-R43). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ViewJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-03-02T14:05:09Z");
    private static final String TOKEN = Tokens.bearer(Tokens.valid());

    private static String slug;
    private static UUID project;
    private static UUID spec;
    private static UUID runner;
    private static UUID failedJob;
    private static UUID pendingJob;

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("view-");
        project = Writer.project(Writer.organization(), slug, "public");
        spec = Writer.spec("firecracker", Instant.parse("2026-02-24T12:00:00Z"));
        runner = Writer.runner();
        failedJob = Writer.job(project, spec, JobStatus.FAILED, CREATED);
        Writer.progress(failedJob, runner, Instant.parse("2026-03-02T14:05:11.999Z"),
                Instant.parse("2026-03-02T14:05:13Z"), Instant.parse("2026-03-02T14:06:40Z"));
        Writer.output(failedJob, """
                {"results": [{"exit_code": 1, "stdout": "running 3 benchmarks\\n", "stderr": "fatal <error> & more\\n",
                  "output": {"/output/z.json": "{}", "/output/a.json": "{\\"bench\\":1}"}, "extra": true}],
                 "error": "container exited with code 1", "unknown": {"x": 1}}""");
        pendingJob = Writer.job(project, Writer.spec(null, null), JobStatus.PENDING, CREATED);
        Writer.output(pendingJob, "{\"results\": []}");
    }

    @Test
    void r29_r32_r34_r38_r40_theJobObjectMemberByMember() throws Exception {
        Response response = view(failedJob, TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
        JsonNode job = JSON.readTree(response.body().asString());
        assertThat(names(job)).containsExactly("uuid", "status", "spec", "runner", "claimed", "started", "completed",
                "created", "modified", "output");
        assertThat(job.get("uuid").asText()).isEqualTo(failedJob.toString());
        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("runner").asText()).isEqualTo(runner.toString());
        assertThat(job.get("claimed").asText()).isEqualTo("2026-03-02T14:05:11Z");
        assertThat(job.get("started").asText()).isEqualTo("2026-03-02T14:05:13Z");
        assertThat(job.get("completed").asText()).isEqualTo("2026-03-02T14:06:40Z");
        assertThat(job.get("created").asText()).isEqualTo("2026-03-02T14:05:09Z");
        assertThat(job.get("modified").asText()).isEqualTo("2026-03-02T14:06:40Z");
        JsonNode spec = job.get("spec");
        assertThat(names(spec)).containsExactly("uuid", "name", "slug", "os", "architecture", "sandbox", "cpu", "memory",
                "disk", "network", "fallback", "created", "modified", "archived");
        assertThat(spec.get("uuid").asText()).isEqualTo(ViewJobTest.spec.toString());
        assertThat(spec.get("sandbox").asText()).isEqualTo("firecracker");
        assertThat(spec.get("cpu").isInt()).isTrue();
        assertThat(spec.get("memory").asLong()).isEqualTo(4294967296L);
        assertThat(spec.get("disk").asLong()).isEqualTo(10737418240L);
        assertThat(spec.get("network").isBoolean()).isTrue();
        assertThat(spec.get("fallback").asText()).isEqualTo("2026-02-24T12:00:00Z");
        assertThat(spec.get("archived").isNull()).isTrue();
    }

    @Test
    void r32_unsetMembersArePresentAsNullAndOutputIsAbsent() throws Exception {
        JsonNode job = JSON.readTree(view(pendingJob, TOKEN).body().asString());
        assertThat(job.has("output")).isFalse();
        for (String member : List.of("runner", "claimed", "started", "completed")) {
            assertThat(job.get(member).isNull()).as(member).isTrue();
        }
        assertThat(job.get("spec").get("sandbox").isNull()).isTrue();
        assertThat(job.get("spec").get("fallback").isNull()).isTrue();
    }

    @Test
    void r35_r36_r41_r43_outputIsNormalised() {
        String body = view(failedJob, TOKEN).body().asString();
        assertThat(body).contains("\"output\":{\"results\":[{\"exit_code\":1,\"stdout\":\"running 3 benchmarks\\n\","
                + "\"stderr\":\"fatal <error> & more\\n\",\"output\":{\"/output/a.json\":\"{\\\"bench\\\":1}\","
                + "\"/output/z.json\":\"{}\"}}],\"error\":\"container exited with code 1\"}");
        assertThat(body).doesNotContain("extra").doesNotContain("unknown");
    }

    @Test
    void r30_anonymousRequestsNeverSeeOutput() {
        Response response = view(failedJob, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).doesNotContain("\"output\"");
        assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type");
    }

    @Test
    void r30_nonTerminalJobsNeverShowAStoredOutput() {
        assertThat(view(pendingJob, TOKEN).body().asString()).doesNotContain("\"output\"");
    }

    /** Every status, the terminal ones as {@code JobStatusTest} pins them to the spec. */
    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void r30_r33_exactlyTheTerminalStatusesShowTheirOutput(JobStatus status) {
        UUID job = Writer.job(project, spec, status, CREATED);
        Writer.output(job, "{\"results\": [{\"exit_code\": 0, \"stdout\": null}], \"error\": null}");
        String body = view(job, TOKEN).body().asString();
        if (status.isTerminal()) {
            assertThat(body).endsWith("\"output\":{\"results\":[{\"exit_code\":0}]}}");
        } else {
            assertThat(body).doesNotContain("\"output\"");
        }
    }

    @Test
    void r31_aTerminalJobWithoutStoredOutputHasNoOutputMember() {
        UUID job = Writer.job(project, spec, JobStatus.COMPLETED, CREATED);
        Response response = view(job, TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).doesNotContain("\"output\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"results\": [{\"exit_code\": 1.0}]}",
            "{\"results\": [{\"exit_code\": 2147483648}]}",
            "{\"results\": [{\"exit_code\": -2147483649}]}",
            "{\"results\": [{\"exit_code\": \"1\"}]}",
            "{\"results\": [{}]}",
            "{\"results\": [1]}",
            "{\"results\": [{\"exit_code\": 0, \"stdout\": 5}]}",
            "{\"results\": [{\"exit_code\": 0, \"stderr\": [\"x\"]}]}",
            "{\"results\": [{\"exit_code\": 0, \"output\": {\"/a\": 1}}]}",
            "{\"results\": [{\"exit_code\": 0, \"output\": \"text\"}]}",
            "{\"results\": [], \"error\": 42}" })
    void r31_r41_malformedOutputsAreTreatedAsAbsent(String document) {
        UUID job = Writer.job(project, spec, JobStatus.FAILED, CREATED);
        // the contract's CHECK guarantees only an object with a "results" array (database.md §2)
        Writer.output(job, document);
        Response response = view(job, TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).doesNotContain("\"output\"");
    }

    @Test
    void r41_extremeButValidExitCodesAndEmptyFileMapsAreShown() {
        UUID job = Writer.job(project, spec, JobStatus.COMPLETED, CREATED);
        Writer.output(job, "{\"results\": [{\"exit_code\": -2147483648, \"output\": {}}, {\"exit_code\": 2147483647}]}");
        assertThat(view(job, TOKEN).body().asString()).endsWith(
                "\"output\":{\"results\":[{\"exit_code\":-2147483648,\"output\":{}},{\"exit_code\":2147483647}]}}");
    }

    @Test
    void r42_successBodiesAreCompactUtf8Json() {
        Response response = view(failedJob, TOKEN);
        String body = new String(response.body().asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"uuid\":").doesNotContain("\n  ").doesNotContain("\": ").doesNotContain(", \"");
    }

    @Test
    void r37_configIsNeverEmitted() {
        assertThat(view(failedJob, TOKEN).body().asString()).doesNotContain("config").doesNotContain("3600");
    }

    @Test
    void r39_subSecondTimestampsAreTruncated() throws Exception {
        UUID job = Writer.job(project, spec, JobStatus.RUNNING, Instant.parse("2026-03-02T14:05:09.999999Z"));
        JsonNode body = JSON.readTree(view(job, TOKEN).body().asString());
        assertThat(body.get("created").asText()).isEqualTo("2026-03-02T14:05:09Z");
    }

    @Test
    void r28_aJobOfAnotherProjectIsNotFoundEvenForAnAdmin() {
        UUID other = Writer.project(Writer.organization(), Writer.uniqueSlug("view-other-"), "public");
        UUID foreignJob = Writer.job(other, spec, JobStatus.PENDING, CREATED);
        Response foreign = view(foreignJob, Tokens.bearer(Tokens.valid("admin")));
        Response unknown = view(UUID.fromString("00000000-0000-0000-0000-000000000000"), null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(foreign.jsonPath().getString("message")).startsWith("Job (" + foreignJob + ") not found")
                .doesNotContain(other.toString());
        assertThat(unknown.jsonPath().getString("message"))
                .isEqualTo(foreign.jsonPath().getString("message").replace(foreignJob.toString(),
                        "00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void r40_r56_theJobUuidInAnySpellingAnswersInCanonicalForm() {
        String hex = failedJob.toString().replace("-", "").toUpperCase();
        Response response = given().urlEncodingEnabled(false).get("/v0/projects/" + slug + "/jobs/" + hex);
        assertThat(response.jsonPath().getString("uuid")).isEqualTo(failedJob.toString());
        UUID missing = UUID.randomUUID();
        Response notFound = given().urlEncodingEnabled(false)
                .get("/v0/projects/" + slug + "/jobs/urn:uuid:" + missing.toString().toUpperCase());
        assertThat(notFound.jsonPath().getString("message")).startsWith("Job (" + missing + ") not found");
    }

    @Test
    void r16_theViewIgnoresAnyQueryString() {
        Response response = given().urlEncodingEnabled(false)
                .get("/v0/projects/" + slug + "/jobs/" + failedJob + "?per_page=abc&page=1&page=2");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static Response view(UUID job, String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.get("/v0/projects/" + slug + "/jobs/" + job);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
