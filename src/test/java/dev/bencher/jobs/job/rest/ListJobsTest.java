package dev.bencher.jobs.job.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The list endpoint (jobs-api.md R18-R27) against rows written with plain SQL: filter, order and
 * ties, paging and its 64-bit offsets, the exact total, parallel page and count, no output or config.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ListJobsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static String slug;
    private static UUID project;
    /** All 23 jobs, in the order of R19/R20 for direction=desc. */
    private static List<Row> expectedDesc;

    record Row(UUID uuid, Instant created, JobStatus status) {
    }

    @BeforeAll
    static void writeRows() {
        slug = Writer.uniqueSlug("list-");
        project = Writer.project(Writer.organization(), slug, "public");
        UUID spec = Writer.spec(null, null);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // groups of three jobs share one created time (R20 ties), plus sub-second times (R39)
            Instant created = T0.plusSeconds(60L * (i / 3)).plusMillis(i % 3 == 2 ? 500 : 0);
            JobStatus status = JobStatus.values()[i % JobStatus.values().length];
            rows.add(new Row(Writer.job(project, spec, status, created), created, status));
        }
        rows.sort(Comparator.comparing(Row::created).thenComparing(row -> row.uuid().toString()));
        expectedDesc = new ArrayList<>(rows);
        java.util.Collections.reverse(expectedDesc);
        UUID other = Writer.project(Writer.organization(), Writer.uniqueSlug("list-other-"), "public");
        Writer.job(other, spec, JobStatus.PENDING, T0);
    }

    @Test
    void r18_r19_r24_defaultsAreNewestFirstEightPerPageWithTheTotal() {
        Response response = list("");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Total-Count")).isEqualTo("23");
        assertThat(uuids(response)).containsExactlyElementsOf(uuidsOf(expectedDesc.subList(0, 8)));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 5, 7, 8, 22, 23, 255 })
    void r20_r21_concatenatedPagesEqualTheFullOrderInBothDirections(int perPage) {
        for (String direction : new String[] { "desc", "asc" }) {
            List<String> all = new ArrayList<>();
            for (int page = 1; page <= 23 / perPage + 1; page++) {
                Response response = list("?direction=" + direction + "&per_page=" + perPage + "&page=" + page);
                assertThat(response.header("X-Total-Count")).isEqualTo("23");
                all.addAll(uuids(response));
            }
            List<String> expected = uuidsOf(expectedDesc);
            if (direction.equals("asc")) {
                java.util.Collections.reverse(expected);
            }
            assertThat(all).as("per_page=%d direction=%s", perPage, direction).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void r20_tiesOnCreatedAreBrokenByUuidBytes() {
        // the two oldest jobs share their created time to the microsecond
        assertThat(uuids(list("?direction=asc&per_page=2"))).hasSize(2).isSorted();
        String firstInDesc = uuids(list("?direction=desc&per_page=1&page=22")).get(0);
        String secondInDesc = uuids(list("?direction=desc&per_page=1&page=23")).get(0);
        assertThat(firstInDesc).isGreaterThan(secondInDesc);
    }

    @Test
    void r21_pageZeroIsPageOne() {
        assertThat(uuids(list("?page=0&per_page=5"))).isEqualTo(uuids(list("?page=1&per_page=5")));
    }

    @Test
    void r21_perPageZeroReturnsAnEmptyArrayWithTheTotal() {
        Response response = list("?per_page=0&status=pending");
        assertThat(response.body().asString()).isEqualTo("[]");
        assertThat(response.header("X-Total-Count")).isEqualTo("4");
    }

    @ParameterizedTest
    @CsvSource({ "4, 8", "24, 1", "4294967295, 255", "536870913, 8", "268435457, 8", "8421505, 255",
            "8421504, 255", "2147483648, 1" })
    void r22_r23_pagesPastTheEndAndBeyondTheOverflowPointAreEmpty(long page, int perPage) {
        Response response = list("?page=" + page + "&per_page=" + perPage);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).isEqualTo("[]");
        assertThat(response.header("X-Total-Count")).isEqualTo("23");
    }

    @Test
    void r22_theLastPageBeforeTheEndStillAnswers() {
        assertThat(uuids(list("?page=3&per_page=10"))).containsExactlyElementsOf(uuidsOf(expectedDesc.subList(20, 23)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "pending", "claimed", "running", "completed", "processed", "failed", "canceled" })
    void r18_r24_statusFiltersThePageAndTheTotal(String status) {
        List<Row> matching = expectedDesc.stream().filter(row -> row.status().value().equals(status)).toList();
        Response response = list("?status=" + status + "&per_page=255");
        assertThat(response.header("X-Total-Count")).isEqualTo(Integer.toString(matching.size()));
        assertThat(uuids(response)).containsExactlyElementsOf(uuidsOf(matching));
        assertThat(response.jsonPath().getList("status", String.class)).containsOnly(status);
    }

    @Test
    void r25_pageAndCountRunAtTheSameTimeOnTwoConnections() throws Exception {
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                // the page (its own Hibernate session, main pool) reads job, the total (a session of the
                // count unit, count pool) job_count (docs/performance.md "Two pools")
                statement.execute("LOCK TABLE job, job_count IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Response> listing = CompletableFuture.supplyAsync(() -> list("?per_page=3"));
            // both queries reach PostgreSQL before either finished: two sessions wait on the lock together
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.queriesWaitingOnLock("job") == 2);
            locker.rollback();
            Response response = listing.get(20, TimeUnit.SECONDS);
            assertThat(response.header("X-Total-Count")).isEqualTo("23");
            assertThat(uuids(response)).hasSize(3);
        }
    }

    @Test
    void r24_totalIgnoresPagingSortAndDirection() {
        assertThat(list("?sort=created&direction=asc&per_page=1&page=7").header("X-Total-Count")).isEqualTo("23");
    }

    @Test
    void r24_aProjectWithoutJobsAnswersAnEmptyArrayAndZero() {
        String empty = Writer.uniqueSlug("list-empty-");
        Writer.project(Writer.organization(), empty, "public");
        Response response = given().get("/v0/projects/" + empty + "/jobs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).isEqualTo("[]");
        assertThat(response.header("X-Total-Count")).isEqualTo("0");
    }

    @Test
    void r26_listItemsNeverCarryOutputOrConfigEvenWhenAuthenticated() {
        Writer.output(expectedDesc.stream().filter(row -> row.status() == JobStatus.FAILED).findFirst().orElseThrow().uuid(),
                "{\"results\": []}");
        Response response = given().header("Authorization", Tokens.bearer(Tokens.valid("admin")))
                .get("/v0/projects/" + slug + "/jobs?per_page=255");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).doesNotContain("\"output\"").doesNotContain("\"config\"");
        assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type, Authorization");
    }

    @Test
    void r27_r44_successHeaders() {
        Response response = list("?per_page=1");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET");
        assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type");
        assertThat(response.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
        assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void r11_theProjectUuidInAnySpellingFindsTheSameList() {
        String hex = project.toString().replace("-", "");
        for (String spelling : new String[] { project.toString(), project.toString().toUpperCase(), hex,
                "%7B" + project + "%7D", "urn:uuid:" + project }) {
            Response response = given().urlEncodingEnabled(false).get("/v0/projects/" + spelling + "/jobs");
            assertThat(response.header("X-Total-Count")).as(spelling).isEqualTo("23");
        }
    }

    /**
     * Deep pages enter the index at the 12-day bucket of {@code created} that holds their first row
     * (docs/performance.md): with jobs over many buckets, ties across and inside them, and empty
     * buckets between, every page in both directions, with and without a status, is exactly the
     * slice of the full order.
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 3, 8, 13, 40, 255 })
    void r19_r20_r21_pagesAcrossCreatedBucketsAreExactSlicesOfTheOrder(int perPage) {
        String spread = Writer.uniqueSlug("list-spread-");
        UUID spreadProject = Writer.project(Writer.organization(), spread, "public");
        UUID spec = Writer.spec(null, null);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            // pairs share a created time; a gap of 40 days leaves empty buckets in the middle
            Instant created = T0.plus(Duration.ofDays(5L * (i / 2) + (i >= 45 ? 40 : 0)));
            JobStatus status = JobStatus.values()[i % 3];
            rows.add(new Row(Writer.job(spreadProject, spec, status, created), created, status));
        }
        rows.sort(Comparator.comparing(Row::created).thenComparing(row -> row.uuid().toString()));
        for (String status : new String[] { null, "pending", "running" }) {
            List<String> asc = uuidsOf(rows.stream().filter(row -> status == null || row.status().value().equals(status)).toList());
            List<String> desc = new ArrayList<>(asc);
            java.util.Collections.reverse(desc);
            for (String direction : new String[] { "asc", "desc" }) {
                List<String> all = new ArrayList<>();
                for (int page = 1; page <= asc.size() / perPage + 1; page++) {
                    Response response = given().urlEncodingEnabled(false).get("/v0/projects/" + spread + "/jobs?direction="
                            + direction + "&per_page=" + perPage + "&page=" + page + (status == null ? "" : "&status=" + status));
                    assertThat(response.header("X-Total-Count")).isEqualTo(Integer.toString(asc.size()));
                    all.addAll(uuids(response));
                }
                assertThat(all).as("per_page=%d direction=%s status=%s", perPage, direction, status)
                        .containsExactlyElementsOf(direction.equals("asc") ? asc : desc);
            }
        }
    }

    /**
     * Pages from offset 1,024 on are read from the nearer end, entering the index at a bucket's edge
     * in one snapshot with the bucket sums (JobRepository, PageStart): over 2,600 jobs in about 30
     * buckets, with ties and empty buckets, pages on both sides of that offset and at both ends are
     * exactly the slices of the order PostgreSQL gives the same rows, in both directions, with and
     * without a status.
     */
    @ParameterizedTest
    @ValueSource(ints = { 13, 100, 255 })
    void r19_r20_r21_deepPagesAreExactSlicesOfTheOrder(int perPage) throws SQLException {
        String deep = Writer.uniqueSlug("list-deep-");
        UUID deepProject = Writer.project(Writer.organization(), deep, "public");
        UUID spec = Writer.spec(null, null);
        // pairs share a created time, 5 hours apart; 40 days of empty buckets after the first half
        Writer.execute("INSERT INTO job (uuid, project_uuid, spec_uuid, status, created, modified)"
                + " SELECT md5(?::text || i)::uuid, ?, ?, (ARRAY['pending', 'running', 'failed'])[1 + i % 3],"
                + " ?::timestamptz + (i / 2) * interval '5 hours' + CASE WHEN i >= 1300 THEN interval '40 days' ELSE interval '0' END,"
                + " ?::timestamptz FROM generate_series(0, 2599) AS i",
                deep, deepProject, spec, T0, T0);
        for (String status : new String[] { null, "pending", "failed" }) {
            List<String> asc;
            try (Connection connection = TestDatabase.connect()) {
                asc = TestDatabase.rows(connection, "SELECT uuid::text FROM job WHERE project_uuid = ?"
                        + (status == null ? "" : " AND status = '" + status + "'") + " ORDER BY created, uuid", deepProject);
            }
            List<String> desc = new ArrayList<>(asc);
            java.util.Collections.reverse(desc);
            for (String direction : new String[] { "asc", "desc" }) {
                List<String> expected = direction.equals("asc") ? asc : desc;
                for (int page = 1; (page - 1) * perPage < asc.size(); page++) {
                    int offset = (page - 1) * perPage;
                    if (perPage == 13 && Math.abs(offset - 1024) > 100 && asc.size() - offset > 100) {
                        continue; // per_page=13 looks around the deep path's first offset and at the end
                    }
                    Response response = given().urlEncodingEnabled(false).get("/v0/projects/" + deep + "/jobs?direction="
                            + direction + "&per_page=" + perPage + "&page=" + page + (status == null ? "" : "&status=" + status));
                    assertThat(response.header("X-Total-Count")).isEqualTo(Integer.toString(asc.size()));
                    assertThat(uuids(response)).as("page=%d per_page=%d direction=%s status=%s", page, perPage, direction, status)
                            .containsExactlyElementsOf(expected.subList(offset, Math.min(offset + perPage, asc.size())));
                }
            }
        }
    }

    private static Response list(String query) {
        return given().urlEncodingEnabled(false).get("/v0/projects/" + slug + "/jobs" + query);
    }

    private static List<String> uuids(Response response) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        return response.jsonPath().getList("uuid", String.class);
    }

    private static List<String> uuidsOf(List<Row> rows) {
        return new ArrayList<>(rows.stream().map(row -> row.uuid().toString()).toList());
    }
}
