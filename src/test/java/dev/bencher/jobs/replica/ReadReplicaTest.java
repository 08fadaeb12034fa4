package dev.bencher.jobs.replica;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.util.Throwables;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.testsupport.Standby;
import dev.bencher.jobs.testsupport.TestDatabase;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * docs/operations.md "Read replica": the service reads a real streaming standby of the test server
 * (testsupport/Standby) while the writers write on the primary.
 *
 * <ul>
 * <li>R24, R25: once the standby has replayed what the primary wrote, totals and pages are the
 * primary's; until then they are the standby's older ones.</li>
 * <li>R57: a query the standby cancels for a conflict with recovery (SQLSTATE 40001) is run once
 * more, and answered 503 with Retry-After if that is cancelled too; never 500.</li>
 * <li>job-counts.md: the counting triggers run on the primary only; the standby replays their rows.</li>
 * </ul>
 *
 * The standby cancels conflicting queries at once ({@code max_standby_streaming_delay = 0}) and sends
 * no feedback ({@code hot_standby_feedback = off}): the settings under which conflicts are most
 * frequent. It tracks function calls ({@code track_functions = all}) to show what runs on it.
 */
@QuarkusTest
@TestProfile(ReadReplicaTest.OnTheStandby.class)
class ReadReplicaTest {

    /** The service reads the standby; the primary is migrated beforehand, as a standby cannot be. */
    public static class OnTheStandby implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StandbyDatabase.class));
        }
    }

    public static class StandbyDatabase implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TestDatabase.start();
            Flyway.configure().dataSource(TestDatabase.jdbcUrl(), TestDatabase.USER, "")
                    .locations("classpath:db/migration").load().migrate();
            Standby.start(Map.of(
                    "max_standby_streaming_delay", "0",
                    "hot_standby_feedback", "off",
                    "track_functions", "all"));
            return Map.of(
                    "quarkus.datasource.reactive.url", Standby.reactiveUrl(),
                    "quarkus.datasource.username", TestDatabase.USER,
                    "quarkus.datasource.password", "unused",
                    "quarkus.flyway.migrate-at-start", "false",
                    // The conflict tests hold the service's query on a lock on purpose while they take
                    // their next steps; the 5 s of production would make the outcome depend on the
                    // machine's speed. The count pool follows (application.properties).
                    "quarkus.datasource.reactive.additional-properties.statement_timeout", "120000");
        }

        @Override
        public void stop() {
            Standby.stop();
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static UUID organization;
    private static UUID spec;

    @BeforeAll
    static void writeRows() {
        organization = Writer.organization();
        spec = Writer.spec(null, null);
    }

    // ---------------------------------------------------------------------------------------------
    // R24, R25: replay caught up, the standby's answers are the primary's

    @Test
    void r25_totalsAndPagesAreThePrimarysOnceReplayCatchesUp() throws Exception {
        String slug = Writer.uniqueSlug("replica-");
        UUID project = Writer.project(organization, slug, "public");
        List<UUID> jobs = new ArrayList<>();
        jobs.add(Writer.job(project, spec, JobStatus.PENDING, Instant.parse("2026-03-01T00:00:00Z")));
        Standby.awaitCaughtUp();
        assertThat(total(slug, "")).isEqualTo(1);

        // the service reads the standby, not the primary: while replay is paused it answers the
        // standby's older state, whatever the primary holds
        Standby.pauseReplay();
        try {
            jobs.add(Writer.job(project, spec, JobStatus.FAILED, Instant.parse("2026-03-01T00:00:01Z")));
            assertThat(primaryJobs(project, "desc", null)).hasSize(2);
            assertThat(total(slug, "")).isEqualTo(1);
        } finally {
            Standby.resumeReplay();
        }
        Standby.awaitCaughtUp();
        assertThat(total(slug, "")).isEqualTo(2);

        // a writer keeps writing another project all along; this one changes in rounds (inserts of
        // every status, jobs finishing, a delete), and after each round, once replayed, the
        // service's answers equal the primary's
        UUID busy = Writer.project(organization, Writer.uniqueSlug("replica-busy-"), "public");
        try (BackgroundWriter writer = BackgroundWriter.start(busy)) {
            for (int round = 0; round < 4; round++) {
                int before = writer.written();
                writeRound(project, round, jobs);
                Standby.awaitCaughtUp();
                assertServiceAnswersThePrimarys(slug, project);
                int after = writer.written();
                assertThat(after).as("the other writer wrote meanwhile").isGreaterThan(before);
            }
        }
        assertThat(BackgroundWriter.lastFailure.get()).as("the background writer's failure").isNull();
    }

    /** Round {@code round}: seven jobs, one of each status; two older jobs change status, one is deleted. */
    private static void writeRound(UUID project, int round, List<UUID> jobs) {
        Instant at = Instant.parse("2026-03-02T00:00:00Z").plusSeconds(3600L * round);
        for (JobStatus status : JobStatus.values()) {
            // two jobs of a round share their created time: pages order them by UUID (R20)
            jobs.add(Writer.job(project, spec, status, at.plusSeconds(status.ordinal() / 2)));
        }
        Writer.execute("UPDATE job SET status = 'running' WHERE uuid = ?", jobs.get(jobs.size() - 7));
        Writer.execute("UPDATE job SET status = 'failed' WHERE uuid = ?", jobs.get(0));
        Writer.execute("DELETE FROM job WHERE uuid = ?", jobs.remove(1));
    }

    /** R19-R24: every page in both directions, and with a status filter, against SQL on the primary. */
    private static void assertServiceAnswersThePrimarys(String slug, UUID project) throws SQLException {
        for (String direction : new String[] { "desc", "asc" }) {
            for (JobStatus status : new JobStatus[] { null, JobStatus.FAILED, JobStatus.RUNNING }) {
                List<String> expected = primaryJobs(project, direction, status);
                List<String> served = new ArrayList<>();
                String query = "?per_page=4&direction=" + direction + (status == null ? "" : "&status=" + status.value());
                for (int page = 1; page <= expected.size() / 4 + 1; page++) {
                    Response response = answer("/v0/projects/" + slug + "/jobs" + query + "&page=" + page);
                    assertThat(response.header("X-Total-Count")).as(query).isEqualTo(Integer.toString(expected.size()));
                    served.addAll(response.jsonPath().getList("uuid"));
                }
                assertThat(served).as(query).isEqualTo(expected);
            }
        }
    }

    private static List<String> primaryJobs(UUID project, String direction, JobStatus status) throws SQLException {
        try (Connection primary = TestDatabase.connect()) {
            return status == null
                    ? TestDatabase.rows(primary, "SELECT uuid::text FROM job WHERE project_uuid = ?"
                            + " ORDER BY created " + direction + ", uuid " + direction, project)
                    : TestDatabase.rows(primary, "SELECT uuid::text FROM job WHERE project_uuid = ? AND status = ?"
                            + " ORDER BY created " + direction + ", uuid " + direction, project, status.value());
        }
    }

    private static long total(String slug, String query) {
        return Long.parseLong(answer("/v0/projects/" + slug + "/jobs" + query).header("X-Total-Count"));
    }

    /**
     * The service's 200, asked again after a 503, as a client honouring Retry-After does: while the
     * other writer writes, a read may conflict with what the standby replays (R57, below); the only
     * other answer allowed is 503 with Retry-After.
     */
    private static Response answer(String path) {
        AtomicReference<Response> ok = new AtomicReference<>();
        Awaitility.await(path).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response response = given().get(path);
            if (response.statusCode() != 200) {
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(response.header("Retry-After")).isEqualTo("1");
                return false;
            }
            ok.set(response);
            return true;
        });
        return ok.get();
    }

    /** Inserts jobs into its project and finishes every other one, one statement per transaction, until closed. */
    private static final class BackgroundWriter implements AutoCloseable {

        static final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger written = new AtomicInteger();
        private final Thread thread;

        private BackgroundWriter(UUID project) {
            thread = new Thread(() -> {
                try {
                    // bounded: stops by itself after this many jobs even if never closed
                    for (int i = 0; i < 20_000 && !stop.get(); i++) {
                        UUID job = Writer.job(project, spec, JobStatus.PENDING, Instant.EPOCH.plusSeconds(i));
                        if (i % 2 == 0) {
                            Writer.execute("UPDATE job SET status = 'completed' WHERE uuid = ?", job);
                        }
                        written.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    lastFailure.set(e);
                }
            }, "replica-test-writer");
        }

        static BackgroundWriter start(UUID project) {
            BackgroundWriter writer = new BackgroundWriter(project);
            writer.thread.start();
            Awaitility.await("the other writer writes").atMost(PATIENCE).until(() -> writer.written() > 0);
            return writer;
        }

        int written() {
            return written.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // R57: a recovery conflict is retried once, then answered 503, never 500

    /*
     * How a real conflict is made to hit the service's query. A hot standby's startup process holds
     * the ACCESS EXCLUSIVE locks the primary's open transactions hold (they are in the WAL), and a
     * standby query that holds a lock the startup process needs is cancelled with 40001 "canceling
     * statement due to conflict with recovery" (at once here). Both queries lock job before spec
     * (the list: job, spec, project; the view: project, job, spec, job_output), so:
     *   1. the primary locks spec: the service's query takes job and waits for spec on the standby;
     *   2. the primary locks job: the standby cancels the query (conflict 1), and the service's
     *      retry waits for job, a wait only a new query can be in (the first one held job);
     *   3a. the primary lets both go: the retry answers, 200;
     *   3b. or the primary lets job go, the retry takes it and waits for spec again, and the primary
     *      locks job again: the retry is cancelled too (conflict 2), 503 with Retry-After.
     * The test waits for each state in the standby's pg_locks; the service's statements are its own.
     */

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "list", "view" })
    void r57_aQueryCancelledByARecoveryConflictIsRetriedOnce(String operation) throws Exception {
        Target target = Target.create(operation);
        long conflictsBefore = lockConflicts();
        try (PrimaryLocks primary = new PrimaryLocks()) {
            primary.lock("spec");
            CompletableFuture<Response> request = CompletableFuture.supplyAsync(() -> given().get(target.path()));
            awaitServiceQuery(request, "holds job and waits for spec", "job", "spec");

            primary.lock("job");
            awaitServiceQuery(request, "the retry waits for job", null, "job");

            primary.releaseAll();
            Response response = request.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
            assertThat(response.header("X-Total-Count")).isEqualTo("1");
            assertThat(response.body().asString()).contains(target.job().toString());
        }
        awaitLockConflicts(conflictsBefore + 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "list", "view" })
    void r57_aRetryCancelledAgainAnswers503WithRetryAfter(String operation) throws Exception {
        Target target = Target.create(operation);
        long conflictsBefore = lockConflicts();
        try (PrimaryLocks primary = new PrimaryLocks()) {
            primary.lock("spec");
            CompletableFuture<Response> request = CompletableFuture.supplyAsync(() -> given().get(target.path()));
            awaitServiceQuery(request, "holds job and waits for spec", "job", "spec");

            primary.lock("job");
            awaitServiceQuery(request, "the retry waits for job", null, "job");

            primary.release("job");
            awaitServiceQuery(request, "the retry holds job and waits for spec", "job", "spec");

            primary.lock("job");
            Response response = request.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("1");
            assertThat(response.jsonPath().getString("message")).isEqualTo("Service temporarily unavailable, please retry.");
            assertThat(response.body().asString()).doesNotContain("error_code").doesNotContain("recovery");
        }
        awaitLockConflicts(conflictsBefore + 2);
        // and the standby serves again once the primary has let go
        assertThat(answer(target.path()).statusCode()).isEqualTo(200);
    }

    /** A public project with one job, replayed on the standby; the list's or the view's path. */
    private record Target(String path, UUID job) {
        static Target create(String operation) {
            String slug = Writer.uniqueSlug("replica-conflict-");
            UUID job = Writer.job(Writer.project(organization, slug, "public"), spec, JobStatus.COMPLETED, Instant.EPOCH);
            Standby.awaitCaughtUp();
            String list = "/v0/projects/" + slug + "/jobs";
            return new Target(operation.equals("list") ? list : list + "/" + job, job);
        }
    }

    /**
     * Waits until one of the service's queries on the standby waits for a lock on {@code waitsFor}
     * while holding one on {@code holds} (when given); fails at once if the request is answered
     * first (without the retry, the first conflict's answer comes here).
     */
    private static void awaitServiceQuery(CompletableFuture<Response> request, String state, String holds, String waitsFor) {
        String sql = "SELECT count(*) FROM pg_locks w JOIN pg_stat_activity a ON a.pid = w.pid"
                + " WHERE a.backend_type = 'client backend' AND w.pid <> pg_backend_pid()"
                + " AND NOT w.granted AND w.relation = '" + waitsFor + "'::regclass"
                + (holds == null ? "" : " AND EXISTS (SELECT FROM pg_locks h WHERE h.pid = w.pid AND h.granted"
                        + " AND h.relation = '" + holds + "'::regclass)");
        Awaitility.await(state).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (request.isDone()) {
                        Response answer = request.get();
                        throw new AssertionError("answered " + answer.statusCode() + " before: " + state + "; " + answer.body().asString());
                    }
                    return Long.parseLong(Standby.query(sql)) > 0;
                });
    }

    /** Queries the standby has cancelled because they held a lock replay needed (pg_stat_database_conflicts). */
    private static long lockConflicts() {
        return Long.parseLong(Standby.query("SELECT confl_lock FROM pg_stat_database_conflicts WHERE datname = current_database()"));
    }

    /** A backend reports its conflicts when it next goes idle: wait for them. */
    private static void awaitLockConflicts(long expected) {
        Awaitility.await("lock conflicts counted on the standby").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(lockConflicts()).isEqualTo(expected));
    }

    /** Open transactions on the primary, one per locked table, each holding ACCESS EXCLUSIVE on it until released. */
    private static final class PrimaryLocks implements AutoCloseable {

        private final Map<String, Connection> held = new HashMap<>();

        void lock(String table) throws SQLException {
            Connection connection = TestDatabase.connect();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            held.put(table, connection);
            Standby.awaitCaughtUp(); // the standby's startup process holds it now
        }

        void release(String table) throws SQLException {
            try (Connection connection = held.remove(table)) {
                connection.rollback();
            }
            Standby.awaitCaughtUp();
        }

        void releaseAll() throws SQLException {
            for (String table : List.copyOf(held.keySet())) {
                release(table);
            }
        }

        @Override
        public void close() throws SQLException {
            releaseAll();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // docs/operations.md "Read replica": what hot_standby_feedback changes

    /**
     * The other kind of conflict, which hot_standby_feedback prevents: the primary's VACUUM removes
     * rows a standby query's snapshot may still see. Without feedback the standby cancels the query
     * with the same 40001; with feedback the primary keeps the rows and the query runs on. Shown on
     * a standby session of its own (a running statement holds its snapshot), not the service's,
     * whose statements are too short to be caught in the act.
     */
    @Test
    void hotStandbyFeedbackPreventsTheSnapshotConflictsOfVacuum() throws Exception {
        assertThat(primaryText("SELECT xmin FROM pg_replication_slots WHERE active")).as("no feedback yet").isNull();
        jobsToDelete();
        try (StandbyQuery query = StandbyQuery.start()) {
            deleteThemAndVacuum();
            SQLException cancelled = query.failure();
            assertThat(cancelled.getSQLState()).isEqualTo("40001");
            assertThat(cancelled.getMessage()).contains("canceling statement due to conflict with recovery")
                    .contains("User query might have needed to see row versions that must be removed");
        }

        setHotStandbyFeedback(true);
        try {
            jobsToDelete();
            try (StandbyQuery query = StandbyQuery.start()) {
                long queryXmin = Long.parseLong(Standby.query("SELECT backend_xmin FROM pg_stat_activity WHERE pid = " + query.pid));
                Awaitility.await("the primary keeps what the standby's query sees").atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(50)).until(() -> {
                            String slotXmin = primaryText("SELECT xmin FROM pg_replication_slots WHERE active");
                            return slotXmin != null && Long.parseLong(slotXmin) <= queryXmin;
                        });
                deleteThemAndVacuum();
                assertThat(query.running).as("still running after the VACUUM's replay").isNotDone();
                assertThat(Standby.query("SELECT state FROM pg_stat_activity WHERE pid = " + query.pid)).isEqualTo("active");
            }
        } finally {
            setHotStandbyFeedback(false);
        }
    }

    /** Jobs committed and replayed before the standby query begins. */
    private static void jobsToDelete() {
        UUID project = Writer.project(organization, Writer.uniqueSlug("replica-vacuum-"), "public");
        for (int i = 0; i < 20; i++) {
            Writer.job(project, spec, JobStatus.COMPLETED, Instant.EPOCH.plusSeconds(i));
        }
        Standby.awaitCaughtUp();
    }

    /** A statement running on the standby, holding its snapshot until it ends; cancelled when closed. */
    private static final class StandbyQuery implements AutoCloseable {

        private final Connection connection;
        private final long pid;
        private final CompletableFuture<Void> running;

        private StandbyQuery(Connection connection) throws SQLException {
            this.connection = connection;
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
                result.next();
                pid = result.getLong(1);
            }
            running = CompletableFuture.runAsync(() -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_sleep(600)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        static StandbyQuery start() throws SQLException {
            StandbyQuery query = new StandbyQuery(Standby.connect());
            Awaitility.await("the standby query runs").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> "active".equals(Standby.query("SELECT state FROM pg_stat_activity WHERE pid = " + query.pid)));
            return query;
        }

        /** The SQLException with which the query ended. */
        SQLException failure() {
            Throwable failure = catchThrowable(() -> running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            assertThat(failure).hasRootCauseInstanceOf(SQLException.class);
            return (SQLException) Throwables.getRootCause(failure);
        }

        @Override
        public void close() throws SQLException {
            if (!running.isDone()) {
                Standby.query("SELECT pg_cancel_backend(" + pid + ")");
                assertThat(failure().getSQLState()).as("cancelled by the test").isEqualTo("57014");
            }
            connection.close();
        }
    }

    /** A writer deletes the jobs; VACUUM removes them (if nothing keeps them), and the standby replays that. */
    private static void deleteThemAndVacuum() throws SQLException {
        try (Connection primary = TestDatabase.connect(); Statement statement = primary.createStatement()) {
            statement.execute("DELETE FROM job WHERE project_uuid IN (SELECT uuid FROM project WHERE slug LIKE 'replica-vacuum-%')");
            statement.execute("VACUUM job");
        }
        Standby.awaitCaughtUp();
    }

    /** Changes the standby's setting and waits until the primary sees its effect (slot xmin set or cleared). */
    private static void setHotStandbyFeedback(boolean on) {
        Standby.execute("ALTER SYSTEM SET hot_standby_feedback = " + on);
        Standby.query("SELECT pg_reload_conf()");
        if (!on) {
            Awaitility.await("feedback off").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> primaryText("SELECT xmin FROM pg_replication_slots WHERE active") == null);
        }
    }

    private static String primaryText(String sql) throws SQLException {
        try (Connection primary = TestDatabase.connect()) {
            List<String> rows = TestDatabase.rows(primary, sql);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // job-counts.md: the counting triggers run on the primary only

    @Test
    void r24_theCountingTriggersNeverRunOnTheStandby() throws Exception {
        String slug = Writer.uniqueSlug("replica-counts-");
        UUID project = Writer.project(organization, slug, "public");
        try (Connection primary = TestDatabase.connect(); Statement statement = primary.createStatement()) {
            // a writer's bulk insert and update (database.md §5), in a session that counts its function calls
            statement.execute("SET track_functions = 'all'");
            statement.execute("INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)"
                    + " SELECT gen_random_uuid(), '" + project + "', '" + spec + "', 'pending', '{}'::jsonb,"
                    + " timestamptz '2026-03-01' + i * interval '1 hour', timestamptz '2026-03-01'"
                    + " FROM generate_series(1, 40) i");
            statement.execute("UPDATE job SET status = 'failed' WHERE project_uuid = '" + project + "'"
                    + " AND created <= timestamptz '2026-03-01 10:00'");
            statement.execute("SELECT pg_stat_force_next_flush()");
        }
        Standby.awaitCaughtUp();

        try (Connection primary = TestDatabase.connect()) {
            assertThat(TestDatabase.count(primary, "SELECT coalesce(sum(n), 0) FROM job_count WHERE project_uuid = ?", project))
                    .as("the primary's counts moved").isEqualTo(40);
            Awaitility.await("the primary's triggers counted").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> TestDatabase.count(primary, "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions"
                            + " WHERE funcname IN " + COUNTING_FUNCTIONS) >= 2);
            assertThat(Standby.query(JOB_COUNT_ROWS)).as("the standby's job_count rows are the primary's")
                    .isEqualTo(TestDatabase.rows(primary, JOB_COUNT_ROWS).get(0));
        }
        assertThat(total(slug, "")).isEqualTo(40);
        assertThat(total(slug, "?status=failed")).isEqualTo(10);

        // the standby counts function calls (job_count_check runs there, and its totals are exact) ...
        try (Connection standby = Standby.connect(); Statement statement = standby.createStatement()) {
            assertThat(statement.executeQuery("SELECT * FROM job_count_check()").next()).as("counts to repair").isFalse();
            statement.execute("SELECT pg_stat_force_next_flush()");
        }
        Awaitility.await("the standby counted job_count_check").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> Long.parseLong(Standby.query("SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions"
                        + " WHERE funcname = 'job_count_check'")) > 0);
        // ... and no counting function ever ran on it: replay copies the rows the primary's triggers wrote
        assertThat(Standby.query("SELECT count(*) FROM pg_stat_user_functions WHERE funcname IN " + COUNTING_FUNCTIONS))
                .isEqualTo("0");
    }

    /** The triggers' functions and those only they call (V2__job_counts.sql). */
    private static final String COUNTING_FUNCTIONS = "('job_count_after_insert_or_delete', 'job_count_after_update',"
            + " 'job_count_after_truncate', 'job_count_fold', 'job_count_batch')";

    /** Every row of job_count, in one text, in a stable order. */
    private static final String JOB_COUNT_ROWS = "SELECT count(*) || ': ' || coalesce(string_agg(c::text, '; '"
            + " ORDER BY project_uuid, status, created_bucket, backend, batch), '') FROM job_count c";
}
