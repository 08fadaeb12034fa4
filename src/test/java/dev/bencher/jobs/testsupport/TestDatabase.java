package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server for the test run, started by the tests themselves (no Docker, no
 * server that must already run). One server per JVM, on a fixed port and data directory so that
 * a test can stop it and start it again (database outage, R57).
 */
public final class TestDatabase {

    public static final String USER = "postgres";

    private static EmbeddedPostgres server;
    private static Path dataDirectory;
    private static int port;

    private TestDatabase() {
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            if (dataDirectory == null) {
                dataDirectory = Files.createTempDirectory("jobs-test-pg");
                port = freePort();
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
            }
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL", e);
        }
    }

    public static synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the test PostgreSQL", e);
        } finally {
            server = null;
        }
    }

    public static String reactiveUrl() {
        return "postgresql://localhost:" + port + "/postgres";
    }

    public static String jdbcUrl() {
        return "jdbc:" + reactiveUrl();
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** A superuser connection to another database of the server (to change the main one from outside). */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, USER, "");
    }

    /** Queries of other sessions waiting for a lock on a relation whose text mentions {@code table}. */
    public static long queriesWaitingOnLock(String table) {
        try (Connection connection = connect();
                var statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND wait_event = 'relation'"
                        + " AND query ILIKE ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, "%" + table + "%");
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
