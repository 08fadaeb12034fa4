package dev.bencher.jobs.job.repository;

import static dev.bencher.jobs.testsupport.TestDatabase.count;
import static dev.bencher.jobs.testsupport.TestDatabase.execute;
import static dev.bencher.jobs.testsupport.TestDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.TestDatabase;

/**
 * The job totals of migration V2 (job_count and its triggers) stay exactly equal to count(*) whatever
 * the writers do with plain SQL (jobs-api.md R24, database.md D13). Plain JUnit (the app is not booted):
 * the class migrates a database of its own on the test server, and the writers work as a role that has
 * only the writers' privileges on the contract tables (none on job_count).
 */
class JobCountsTest {

    private static final String[] STATUSES =
            { "pending", "claimed", "running", "completed", "processed", "failed", "canceled" };

    private static final String JOB_INSERT = "INSERT INTO job (uuid, project_uuid, spec_uuid, status, config,"
            + " created, modified) VALUES (?, ?, ?, ?, ?::jsonb, date_trunc('second', now()),"
            + " date_trunc('second', now()))";

    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String DATABASE = "job_counts_" + SUFFIX;
    private static final String PRE_V2_DATABASE = "job_counts_pre_v2_" + SUFFIX;
    private static final String WRITER = "counts_writer_" + SUFFIX;
    private static final String READER = "counts_reader_" + SUFFIX;

    private static String url;

    @BeforeAll
    static void createDatabase() throws SQLException {
        TestDatabase.start();
        try (Connection server = TestDatabase.connect(); Statement sql = server.createStatement()) {
            sql.execute("CREATE DATABASE " + DATABASE);
            sql.execute("CREATE ROLE " + READER + " LOGIN");
            sql.execute("CREATE ROLE " + WRITER + " LOGIN");
        }
        url = urlOf(DATABASE);
        // The reader exists before V2 (the service's role of database.md D6): V2 must let it read the counts.
        flyway(url).target("1").load().migrate();
        try (Connection superuser = superuser(); Statement sql = superuser.createStatement()) {
            sql.execute("GRANT SELECT ON organization, project, spec, runner, job, job_output TO " + READER);
        }
        flyway(url).load().migrate();
        // The writers get their privileges only after V2, and none on job_count.
        try (Connection superuser = superuser(); Statement sql = superuser.createStatement()) {
            sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE"
                    + " ON organization, project, spec, runner, job, job_output TO " + WRITER);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection server = TestDatabase.connect(); Statement sql = server.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            sql.execute("DROP DATABASE IF EXISTS " + PRE_V2_DATABASE + " WITH (FORCE)");
            sql.execute("DROP ROLE IF EXISTS " + WRITER);
            sql.execute("DROP ROLE IF EXISTS " + READER);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // R24 under concurrent writers
    // ---------------------------------------------------------------------------------------------

    @Test
    void r24_concurrentWritersKeepEveryTotalExact() throws Exception {
        UUID organization;
        UUID[] projects = new UUID[3];
        UUID spec;
        try (Connection writer = writer()) {
            organization = organization(writer);
            for (int i = 0; i < projects.length; i++) {
                projects[i] = project(writer, organization);
            }
            spec = spec(writer);
        }
        int threads = 8;
        int transactionsPerThread = 300;
        long seed = new Random().nextLong();
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger rollbacks = new AtomicInteger();
        AtomicInteger reconnects = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RandomWriter writer = new RandomWriter(t, new Random(seed + t), projects, spec, errors, commits,
                        rollbacks, reconnects);
                done.add(pool.submit(() -> {
                    start.await();
                    writer.run(transactionsPerThread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(errors).as("SQL errors of the writers (seed %d)", seed).isEmpty();
        // The workload did what it claims: it committed, rolled back and ended backends.
        assertThat(commits.get()).isGreaterThan(threads * transactionsPerThread / 2);
        assertThat(rollbacks.get()).isGreaterThan(threads * transactionsPerThread / 10);
        assertThat(reconnects.get()).isGreaterThan(threads);
        try (Connection superuser = superuser(); Connection reader = reader()) {
            assertThat(check(superuser)).as("job_count_check() (seed %d)", seed).isEmpty();
            long jobs = 0;
            for (UUID project : projects) {
                long projectJobs = countStar(superuser, project, null);
                assertThat(total(reader, project, null)).as("total of %s (seed %d)", project, seed)
                        .isEqualTo(projectJobs);
                for (String status : STATUSES) {
                    assertThat(total(reader, project, status)).as("total of %s %s (seed %d)", project, status, seed)
                            .isEqualTo(countStar(superuser, project, status));
                }
                jobs += projectJobs;
            }
            assertThat(jobs).as("jobs left by the writers").isGreaterThan(1000);
            // The rows of ended backends were folded into live ones: a few backends' rows remain, not one
            // set per backend the writers used.
            assertThat(count(superuser, "SELECT count(DISTINCT backend) FROM job_count"
                    + " WHERE project_uuid IN (?, ?, ?)", (Object[]) projects)).as("backends with rows")
                    .isLessThanOrEqualTo(2 * threads).isLessThan(threads + reconnects.get());
        }
    }

    /**
     * A transaction reads pg_stat_activity once and keeps that picture until it ends: a writer that
     * connected after the picture was taken looks ended to it. Folding that writer's live count rows made
     * the writer wait for the long transaction on its own rows; with the long transaction waiting for the
     * writer on a job row, that was a deadlock in which job_count took part.
     */
    @Test
    void r24_noDeadlockWithAWriterThatConnectedDuringAnotherWritersTransaction() throws Exception {
        UUID first;
        UUID second;
        UUID spec;
        UUID job = UUID.randomUUID();
        try (Connection setup = writer()) {
            UUID organization = organization(setup);
            first = project(setup, organization);
            second = project(setup, organization);
            spec = spec(setup);
            execute(setup, JOB_INSERT, job, first, spec, "running", config(first));
        }
        String touch = "UPDATE job SET modified = modified + interval '1 second' WHERE uuid = ?";
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection longer = writer()) {
            longer.setAutoCommit(false);
            insert(longer, first, spec, "pending");
            try (Connection newcomer = writer()) {
                insert(newcomer, second, spec, "pending");
                newcomer.setAutoCommit(false);
                execute(newcomer, touch, job);
                // The long transaction's first count row for the second project: it must leave the
                // newcomer's rows alone, the newcomer is alive.
                insert(longer, second, spec, "pending");
                Future<?> newcomerGoesOn = thread.submit(() -> {
                    insert(newcomer, second, spec, "pending");
                    newcomer.commit();
                    return null;
                });
                // Waits for the newcomer's lock on the job, which the newcomer releases when it commits.
                execute(longer, touch, job);
                longer.commit();
                newcomerGoesOn.get(60, TimeUnit.SECONDS);
            }
        } finally {
            thread.shutdownNow();
        }
        try (Connection reader = reader(); Connection superuser = superuser()) {
            assertThat(total(reader, first, null)).isEqualTo(2);
            assertThat(total(reader, second, "pending")).isEqualTo(3);
            assertExact(reader, superuser, first, second);
        }
    }

    /**
     * Writers at REPEATABLE READ or SERIALIZABLE touch only jobs no one else touches here: the counting
     * must not make them fail. (Folding the rows of ended backends read rows that other writers change.)
     */
    @Test
    void r24_repeatableReadAndSerializableWritersGetNoSerializationFailureFromTheCounts() throws SQLException {
        UUID project;
        UUID spec;
        try (Connection setup = writer()) {
            project = project(setup, organization(setup));
            spec = spec(setup);
        }
        int ended;
        try (Connection gone = writer()) {
            ended = (int) count(gone, "SELECT pg_backend_pid()");
            insert(gone, project, spec, "pending");
        }
        try (Connection superuser = superuser()) {
            awaitBackendEnd(superuser, ended);
            try (Connection repeatable = writer()) {
                repeatable.setAutoCommit(false);
                repeatable.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                count(repeatable, "SELECT count(*) FROM job");
                // After that snapshot, a READ COMMITTED writer folds the ended backend's rows into its own.
                try (Connection folder = writer()) {
                    insert(folder, project, spec, "pending");
                }
                assertThat(count(superuser, "SELECT count(*) FROM job_count WHERE backend = ?", ended))
                        .as("rows of the ended backend").isZero();
                insert(repeatable, project, spec, "pending");
                repeatable.commit();
            }
        }
        try (Connection a = writer(); Connection b = writer()) {
            for (Connection serializable : List.of(a, b)) {
                serializable.setAutoCommit(false);
                serializable.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            }
            insert(a, project, spec, "running");
            insert(b, project, spec, "running");
            a.commit();
            b.commit();
        }
        try (Connection reader = reader(); Connection superuser = superuser()) {
            assertThat(total(reader, project, "pending")).isEqualTo(3);
            assertThat(total(reader, project, "running")).isEqualTo(2);
            assertExact(reader, superuser, project);
        }
    }

    /**
     * One writer thread. Its jobs' UUIDs start with a byte of its own, and it only updates, moves and
     * deletes jobs of that range: the threads never lock each other's job rows, so any error (deadlock,
     * serialization failure, lock timeout) comes from the counting machinery they all share.
     */
    private static final class RandomWriter {

        private final int prefix;
        private final String prefixHex;
        private final Random random;
        private final UUID[] projects;
        private final UUID spec;
        private final Queue<String> errors;
        private final AtomicInteger commits;
        private final AtomicInteger rollbacks;
        private final AtomicInteger reconnects;
        private String current;

        RandomWriter(int thread, Random random, UUID[] projects, UUID spec, Queue<String> errors,
                AtomicInteger commits, AtomicInteger rollbacks, AtomicInteger reconnects) {
            this.prefix = 0x10 + thread;
            this.prefixHex = String.format("%02x", prefix);
            this.random = random;
            this.projects = projects;
            this.spec = spec;
            this.errors = errors;
            this.commits = commits;
            this.rollbacks = rollbacks;
            this.reconnects = reconnects;
        }

        void run(int transactions) throws SQLException {
            Connection connection = writer();
            try {
                connection.setAutoCommit(false);
                for (int i = 0; i < transactions; i++) {
                    // A new backend now and then: the rows of the ended one are left to be folded.
                    if (random.nextInt(40) == 0) {
                        connection.close();
                        connection = writer();
                        connection.setAutoCommit(false);
                        reconnects.incrementAndGet();
                    }
                    transaction(connection, i);
                }
            } finally {
                connection.close();
            }
        }

        private void transaction(Connection connection, int number) {
            current = "begin";
            try {
                // Writers may run at any isolation level; most use the default, READ COMMITTED.
                connection.setTransactionIsolation(random.nextInt(6) == 0
                        ? Connection.TRANSACTION_REPEATABLE_READ
                        : Connection.TRANSACTION_READ_COMMITTED);
                int statements = random.nextInt(2) == 0 ? 1 : 2 + random.nextInt(3);
                for (int s = 0; s < statements; s++) {
                    if (random.nextInt(20) == 0) {
                        // A statement undone by ROLLBACK TO SAVEPOINT inside a transaction that goes on.
                        Savepoint savepoint = connection.setSavepoint();
                        statement(connection);
                        connection.rollback(savepoint);
                    } else {
                        statement(connection);
                    }
                }
                if (random.nextInt(5) == 0) {
                    current = "rollback";
                    connection.rollback();
                    rollbacks.incrementAndGet();
                } else {
                    current = "commit";
                    connection.commit();
                    commits.incrementAndGet();
                }
            } catch (SQLException e) {
                errors.add("writer " + prefixHex + " transaction " + number + " in " + current + ": "
                        + e.getSQLState() + " " + e.getMessage());
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the error above is what counts
                }
            }
        }

        private void statement(Connection connection) throws SQLException {
            UUID project = projects[random.nextInt(projects.length)];
            int kind = random.nextInt(100);
            if (kind < 25) {
                current = "single-row insert";
                insertOne(connection, project);
            } else if (kind < 40) {
                current = "multi-row insert";
                insertMany(connection, project);
            } else if (kind < 58) {
                current = "status update";
                try (PreparedStatement update = connection.prepareStatement("UPDATE job SET status = ?,"
                        + " modified = date_trunc('second', now()) WHERE uuid IN (" + someJobs() + ")")) {
                    update.setString(1, status());
                    bindSomeJobs(update, 2, project);
                    update.executeUpdate();
                }
            } else if (kind < 68) {
                current = "project move";
                UUID target = projects[random.nextInt(projects.length)];
                boolean withStatus = random.nextBoolean();
                try (PreparedStatement move = connection.prepareStatement("UPDATE job SET project_uuid = ?,"
                        + (withStatus ? " status = ?," : "") + " modified = date_trunc('second', now())"
                        + " WHERE uuid IN (" + someJobs() + ")")) {
                    int p = 1;
                    move.setObject(p++, target);
                    if (withStatus) {
                        move.setString(p++, status());
                    }
                    bindSomeJobs(move, p, project);
                    move.executeUpdate();
                }
            } else if (kind < 78) {
                current = "modified-only update";
                try (PreparedStatement touch = connection.prepareStatement("UPDATE job SET"
                        + " modified = date_trunc('second', now()) + interval '1 second'"
                        + " WHERE uuid IN (" + someJobs() + ")")) {
                    bindSomeJobs(touch, 1, project);
                    touch.executeUpdate();
                }
            } else if (kind < 90) {
                current = "delete";
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM job WHERE uuid IN (" + someJobs() + ")")) {
                    bindSomeJobs(delete, 1, project);
                    delete.executeUpdate();
                }
            } else {
                current = "upsert";
                // An upsert: updates the status of existing jobs and inserts a new one in one statement.
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO job (uuid, project_uuid,"
                        + " spec_uuid, status, config, created, modified)"
                        + " SELECT u, ?, ?, ?, '{\"timeout\": 60}'::jsonb, now(), now()"
                        + " FROM ((" + someJobs() + ") UNION ALL SELECT ?::uuid) AS s (u)"
                        + " ON CONFLICT (uuid) DO UPDATE SET status = excluded.status, modified = excluded.modified")) {
                    upsert.setObject(1, project);
                    upsert.setObject(2, spec);
                    upsert.setString(3, status());
                    bindSomeJobs(upsert, 4, project);
                    upsert.setObject(8, jobUuid());
                    upsert.executeUpdate();
                }
            }
        }

        /** The database.md §5 insert. */
        private void insertOne(Connection connection, UUID project) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement(JOB_INSERT)) {
                insert.setObject(1, jobUuid());
                insert.setObject(2, project);
                insert.setObject(3, spec);
                insert.setString(4, status());
                insert.setString(5, config(project));
                insert.executeUpdate();
            }
        }

        /** 2 to 50 jobs in one statement, of random statuses, sometimes spread over the projects. */
        private void insertMany(Connection connection, UUID project) throws SQLException {
            boolean spread = random.nextInt(3) == 0;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO job (uuid, project_uuid,"
                    + " spec_uuid, status, config, created, modified)"
                    + " SELECT (? || substr(gen_random_uuid()::text, 3))::uuid,"
                    + (spread ? " (ARRAY[?, ?, ?]::uuid[])[1 + floor(random() * 3)::int]," : " ?,")
                    + " ?, (ARRAY['pending', 'claimed', 'running', 'completed', 'processed', 'failed',"
                    + " 'canceled'])[1 + floor(random() * 7)::int],"
                    + " jsonb_build_object('timeout', 3600, 'n', i), now(), now()"
                    + " FROM generate_series(1, ?) AS i")) {
                int p = 1;
                insert.setString(p++, prefixHex);
                if (spread) {
                    for (UUID each : projects) {
                        insert.setObject(p++, each);
                    }
                } else {
                    insert.setObject(p++, project);
                }
                insert.setObject(p++, spec);
                insert.setInt(p, 2 + random.nextInt(49));
                insert.executeUpdate();
            }
        }

        /** Up to 4 jobs of this thread in a project, from a random point of its UUID range (4 parameters). */
        private static String someJobs() {
            return "SELECT uuid FROM job WHERE project_uuid = ? AND uuid >= ? AND uuid < ? ORDER BY uuid LIMIT ?";
        }

        private void bindSomeJobs(PreparedStatement statement, int first, UUID project) throws SQLException {
            statement.setObject(first, project);
            statement.setObject(first + 1, jobUuid());
            statement.setObject(first + 2, new UUID((long) (prefix + 1) << 56, 0));
            statement.setInt(first + 3, 1 + random.nextInt(4));
        }

        private UUID jobUuid() {
            return new UUID((random.nextLong() & 0x00FFFFFFFFFFFFFFL) | ((long) prefix << 56), random.nextLong());
        }

        private String status() {
            return STATUSES[random.nextInt(STATUSES.length)];
        }
    }

    // ---------------------------------------------------------------------------------------------
    // D13: deletions of projects and truncations
    // ---------------------------------------------------------------------------------------------

    @Test
    void d13_totalsFollowDeletedProjectsAndTruncate() throws SQLException {
        try (Connection writer = writer(); Connection reader = reader(); Connection superuser = superuser()) {
            UUID organization = organization(writer);
            UUID spec = spec(writer);
            UUID deleted = project(writer, organization);
            UUID kept = project(writer, organization);
            UUID otherOrganization = organization(writer);
            UUID ofOtherOrganization = project(writer, otherOrganization);
            insertJobs(writer, deleted, spec, 40);
            insertJobs(writer, kept, spec, 30);
            insertJobs(writer, ofOtherOrganization, spec, 20);
            writer.createStatement().execute("INSERT INTO job_output (job_uuid, output) SELECT uuid,"
                    + " '{\"results\": []}'::jsonb FROM job WHERE project_uuid = '" + deleted + "'");
            assertExact(reader, superuser, deleted, kept, ofOtherOrganization);
            assertThat(total(reader, deleted, null)).isEqualTo(40);

            // A hard delete of the project: ON DELETE CASCADE removes its jobs.
            execute(writer, "DELETE FROM project WHERE uuid = ?", deleted);
            assertThat(countStar(superuser, deleted, null)).isZero();
            assertThat(total(reader, deleted, null)).isZero();
            assertThat(total(reader, kept, null)).isEqualTo(30);
            assertExact(reader, superuser, deleted, kept, ofOtherOrganization);

            // Deleting the organization cascades to its projects, then to their jobs.
            execute(writer, "DELETE FROM organization WHERE uuid = ?", otherOrganization);
            assertThat(total(reader, ofOtherOrganization, null)).isZero();
            assertThat(total(reader, kept, null)).isEqualTo(30);
            assertExact(reader, superuser, deleted, kept, ofOtherOrganization);

            // A truncation that is rolled back changes nothing.
            writer.setAutoCommit(false);
            writer.createStatement().execute("TRUNCATE job CASCADE");
            writer.rollback();
            writer.setAutoCommit(true);
            assertThat(total(reader, kept, null)).isEqualTo(30);
            assertExact(reader, superuser, kept);

            writer.createStatement().execute("TRUNCATE job CASCADE");
            assertThat(total(reader, kept, null)).isZero();
            assertThat(allTotals(reader)).isZero();
            assertExact(reader, superuser, deleted, kept, ofOtherOrganization);

            // Counting goes on after the truncation.
            insertJobs(writer, kept, spec, 25);
            assertThat(total(reader, kept, null)).isEqualTo(25);
            assertExact(reader, superuser, kept);

            // TRUNCATE project CASCADE truncates job too.
            writer.createStatement().execute("TRUNCATE project CASCADE");
            assertThat(countStar(superuser, kept, null)).isZero();
            assertThat(total(reader, kept, null)).isZero();
            assertThat(allTotals(reader)).isZero();
            assertExact(reader, superuser, kept);

            UUID again = project(writer, organization);
            insertJobs(writer, again, spec, 12);
            assertThat(total(reader, again, null)).isEqualTo(12);
            assertExact(reader, superuser, again);
        }
    }

    /**
     * TRUNCATE ignores snapshots; so must the emptying of the counts: at REPEATABLE READ a DELETE would
     * keep the count rows committed after the transaction's snapshot, of jobs the TRUNCATE removed.
     */
    @Test
    void d13_truncateInARepeatableReadTransactionLeavesNoCount() throws SQLException {
        try (Connection writer = writer(); Connection reader = reader(); Connection superuser = superuser()) {
            UUID spec = spec(writer);
            UUID project = project(writer, organization(writer));
            insertJobs(writer, project, spec, 5);
            try (Connection truncating = writer()) {
                truncating.setAutoCommit(false);
                truncating.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                count(truncating, "SELECT count(*) FROM job");
                try (Connection other = writer()) {
                    insertJobs(other, project, spec, 7);
                }
                truncating.createStatement().execute("TRUNCATE job CASCADE");
                truncating.commit();
            }
            assertThat(countStar(superuser, project, null)).isZero();
            assertThat(total(reader, project, null)).isZero();
            assertThat(allTotals(reader)).isZero();
            assertExact(reader, superuser, project);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The migration, the check and the repair
    // ---------------------------------------------------------------------------------------------

    @Test
    void migrationCountsTheJobsThatAlreadyExist() throws SQLException {
        try (Connection server = TestDatabase.connect(); Statement sql = server.createStatement()) {
            sql.execute("CREATE DATABASE " + PRE_V2_DATABASE);
        }
        String preV2 = urlOf(PRE_V2_DATABASE);
        flyway(preV2).target("1").load().migrate();
        List<UUID> projects = new ArrayList<>();
        UUID spec;
        try (Connection connection = DriverManager.getConnection(preV2, TestDatabase.USER, "")) {
            UUID organization = organization(connection);
            spec = spec(connection);
            for (int i = 0; i < 4; i++) {
                projects.add(project(connection, organization));
            }
            // Project 0 keeps no job; the others get 60, 120 and 180 jobs of every status.
            for (int i = 1; i < projects.size(); i++) {
                insertJobs(connection, projects.get(i), spec, 60 * i);
            }
        }

        flyway(preV2).load().migrate();

        try (Connection connection = DriverManager.getConnection(preV2, TestDatabase.USER, "")) {
            assertThat(rows(connection, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                    + " ORDER BY installed_rank")).containsExactly("1", "2");
            assertThat(check(connection)).isEmpty();
            assertThat(total(connection, projects.get(0), null)).isZero();
            for (UUID project : projects) {
                assertExactTotals(connection, connection, project);
            }
            assertThat(total(connection, projects.get(3), null)).isEqualTo(180);
            // Writing after the migration folds the migration's rows and stays exact.
            execute(connection, "DELETE FROM job WHERE uuid IN (SELECT uuid FROM job WHERE project_uuid = ?"
                    + " ORDER BY uuid LIMIT 7)", projects.get(3));
            insertJobs(connection, projects.get(2), spec, 5);
            assertThat(total(connection, projects.get(2), null)).isEqualTo(125);
            assertThat(total(connection, projects.get(3), null)).isEqualTo(173);
            assertThat(check(connection)).isEmpty();
        }
    }

    @Test
    void checkFindsAndRepairsDrift() throws SQLException {
        try (Connection writer = writer(); Connection reader = reader(); Connection superuser = superuser()) {
            UUID organization = organization(writer);
            UUID spec = spec(writer);
            UUID project = project(writer, organization);
            for (int i = 0; i < 3; i++) {
                insert(writer, project, spec, "pending");
            }
            assertThat(check(superuser, project)).isEmpty();

            // Two jobs the triggers do not see, and a count row that no job backs.
            superuser.setAutoCommit(false);
            superuser.createStatement().execute("ALTER TABLE job DISABLE TRIGGER USER");
            insert(superuser, project, spec, "running");
            insert(superuser, project, spec, "running");
            superuser.createStatement().execute("ALTER TABLE job ENABLE TRIGGER USER");
            superuser.commit();
            superuser.setAutoCommit(true);
            execute(superuser, "INSERT INTO job_count (project_uuid, status, created_bucket, backend, batch, n)"
                    + " VALUES (?, 'pending', job_count_bucket(now()), 0, 0, 5)", project);

            List<String> drift = List.of(project + " pending 3 8", project + " running 2 0");
            assertThat(check(superuser, project)).containsExactlyInAnyOrderElementsOf(drift);
            assertThat(total(reader, project, "pending")).isEqualTo(8);

            // The repair returns what it found, then rewrites the counts.
            assertThat(rows(superuser, "SELECT project || ' ' || job_status || ' ' || counted || ' ' || recorded"
                    + " FROM job_count_check(true) WHERE project = '" + project + "'"))
                    .containsExactlyInAnyOrderElementsOf(drift);
            assertThat(check(superuser)).isEmpty();
            assertExactTotals(reader, superuser, project);
            assertThat(total(reader, project, "pending")).isEqualTo(3);
            assertThat(total(reader, project, "running")).isEqualTo(2);

            // Writers go on from the repaired counts.
            insert(writer, project, spec, "running");
            execute(writer, "UPDATE job SET status = 'canceled' WHERE project_uuid = ? AND status = 'pending'", project);
            assertThat(total(reader, project, null)).isEqualTo(6);
            assertThat(total(reader, project, "running")).isEqualTo(3);
            assertThat(total(reader, project, "canceled")).isEqualTo(3);
            assertExactTotals(reader, superuser, project);
            assertThat(check(superuser)).isEmpty();
        }
    }

    @Test
    void longTransactionsOfManySingleRowStatementsStayExact() throws SQLException {
        try (Connection writer = writer(); Connection reader = reader(); Connection superuser = superuser()) {
            UUID organization = organization(writer);
            UUID spec = spec(writer);
            UUID project = project(writer, organization);
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement(JOB_INSERT)) {
                for (int i = 0; i < 1000; i++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, project);
                    insert.setObject(3, spec);
                    insert.setString(4, i % 3 == 0 ? "running" : "pending");
                    insert.setString(5, config(project));
                    insert.executeUpdate();
                }
            }
            // Other sessions see none of it before the commit, and the counts agree with that.
            assertThat(total(reader, project, null)).isZero();
            assertThat(check(superuser)).isEmpty();
            writer.commit();

            assertThat(total(reader, project, null)).isEqualTo(1000);
            assertThat(total(reader, project, "running")).isEqualTo(334);
            assertThat(total(reader, project, "pending")).isEqualTo(666);
            assertExactTotals(reader, superuser, project);
            assertThat(check(superuser)).isEmpty();
            assertThat(count(superuser, "SELECT count(*) FROM job_count WHERE project_uuid = ?", project))
                    .isLessThan(50);
        }
    }

    @Test
    void readerRoleCanReadTheCounts() throws SQLException {
        UUID project;
        try (Connection writer = writer()) {
            UUID organization = organization(writer);
            UUID spec = spec(writer);
            project = project(writer, organization);
            insertJobs(writer, project, spec, 14);
        }
        try (Connection reader = reader()) {
            assertThat(total(reader, project, null)).isEqualTo(14);
            assertThat(total(reader, project, "failed")).isEqualTo(2);
            assertThatThrownBy(() -> execute(reader, "INSERT INTO job_count (project_uuid, status, created_bucket, backend, batch, n)"
                    + " VALUES (?, 'pending', 0, 0, 0, 1)", project))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> rows(reader, "SELECT project FROM job_count_check(true)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
        try (Connection writer = writer()) {
            // The writers' privileges are enough to write jobs, not to touch the counts themselves.
            assertThatThrownBy(() -> execute(writer, "UPDATE job_count SET n = n + 1 WHERE project_uuid = ?", project))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static String urlOf(String database) {
        return TestDatabase.jdbcUrl().substring(0, TestDatabase.jdbcUrl().lastIndexOf('/') + 1) + database;
    }

    private static FluentConfiguration flyway(String jdbcUrl) {
        return Flyway.configure().dataSource(jdbcUrl, TestDatabase.USER, "").locations("classpath:db/migration");
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(url, TestDatabase.USER, "");
    }

    /** A session of the writer role (the server trusts local connections: the password is not checked). */
    private static Connection writer() throws SQLException {
        return DriverManager.getConnection(url, WRITER, "any");
    }

    private static Connection reader() throws SQLException {
        return DriverManager.getConnection(url, READER, "any");
    }

    private static UUID organization(Connection connection) throws SQLException {
        UUID uuid = UUID.randomUUID();
        execute(connection, "INSERT INTO organization (uuid, name, slug, created, modified)"
                + " VALUES (?, 'Acme', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", uuid, "org-" + uuid);
        return uuid;
    }

    private static UUID project(Connection connection, UUID organization) throws SQLException {
        UUID uuid = UUID.randomUUID();
        execute(connection, "INSERT INTO project (uuid, organization_uuid, name, slug, visibility, created, modified)"
                + " VALUES (?, ?, 'Bench Demo', ?, 'private', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                uuid, organization, "project-" + uuid);
        return uuid;
    }

    private static UUID spec(Connection connection) throws SQLException {
        UUID uuid = UUID.randomUUID();
        execute(connection, "INSERT INTO spec (uuid, name, slug, os, architecture, cpu, memory, disk, created, modified)"
                + " VALUES (?, 'Linux x86-64 2 vCPU', ?, 'linux', 'x86_64', 2, 4294967296, 10737418240,"
                + " '2026-02-24T12:00:00Z', '2026-02-24T12:00:00Z')", uuid, "spec-" + uuid);
        return uuid;
    }

    private static String config(UUID project) {
        return "{\"registry\": \"https://registry.bencher.dev\", \"project\": \"" + project + "\","
                + " \"digest\": \"sha256:0000000000000000000000000000000000000000000000000000000000000000\","
                + " \"timeout\": 3600}";
    }

    /** One job, the database.md §5 way. */
    private static void insert(Connection connection, UUID project, UUID spec, String status) throws SQLException {
        execute(connection, JOB_INSERT, UUID.randomUUID(), project, spec, status, config(project));
    }

    /** {@code n} jobs in one statement; job i gets status i mod 7 (so 14 jobs are 2 of each status). */
    private static void insertJobs(Connection connection, UUID project, UUID spec, int n) throws SQLException {
        execute(connection, "INSERT INTO job (uuid, project_uuid, spec_uuid, status, config, created, modified)"
                + " SELECT gen_random_uuid(), ?, ?, (ARRAY['pending', 'claimed', 'running', 'completed', 'processed',"
                + " 'failed', 'canceled'])[1 + i % 7], '{\"timeout\": 3600}'::jsonb, now(), now()"
                + " FROM generate_series(0, ? - 1) AS i", project, spec, n);
    }

    /** The reader's total: {@code SELECT coalesce(sum(n), 0) FROM job_count WHERE ...}. */
    private static long total(Connection connection, UUID project, String status) throws SQLException {
        return status == null
                ? count(connection, "SELECT coalesce(sum(n), 0) FROM job_count WHERE project_uuid = ?", project)
                : count(connection, "SELECT coalesce(sum(n), 0) FROM job_count WHERE project_uuid = ? AND status = ?",
                        project, status);
    }

    private static long countStar(Connection connection, UUID project, String status) throws SQLException {
        return status == null
                ? count(connection, "SELECT count(*) FROM job WHERE project_uuid = ?", project)
                : count(connection, "SELECT count(*) FROM job WHERE project_uuid = ? AND status = ?", project, status);
    }

    private static long allTotals(Connection connection) throws SQLException {
        return count(connection, "SELECT coalesce(sum(n), 0) FROM job_count");
    }

    /** The pairs job_count_check() reports, as "project status counted recorded". */
    private static List<String> check(Connection connection) throws SQLException {
        return rows(connection, "SELECT project || ' ' || job_status || ' ' || counted || ' ' || recorded"
                + " FROM job_count_check()");
    }

    private static List<String> check(Connection connection, UUID project) throws SQLException {
        return check(connection).stream().filter(pair -> pair.startsWith(project.toString())).toList();
    }

    /** The check finds nothing and, independently of it, every total of these projects is count(*). */
    private static void assertExact(Connection reader, Connection superuser, UUID... projects) throws SQLException {
        assertThat(check(superuser)).isEmpty();
        for (UUID project : projects) {
            assertExactTotals(reader, superuser, project);
        }
    }

    private static void assertExactTotals(Connection reader, Connection superuser, UUID project) throws SQLException {
        assertThat(total(reader, project, null)).as("total of %s", project)
                .isEqualTo(countStar(superuser, project, null));
        for (String status : STATUSES) {
            assertThat(total(reader, project, status)).as("total of %s %s", project, status)
                    .isEqualTo(countStar(superuser, project, status));
        }
    }

    /** Waits (at most 60 s, so a slow run does not fail) until a closed session's backend is gone. */
    private static void awaitBackendEnd(Connection superuser, int pid) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> count(superuser, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid) == 0);
    }
}
