package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

    public static int port() {
        return port;
    }

    public static String reactiveUrl() {
        return reactiveUrl("postgres");
    }

    /** The URL of another database of the server ({@link #createDatabase}). */
    public static String reactiveUrl(String database) {
        return "postgresql://localhost:" + port + "/" + database;
    }

    /** A new, empty database on the server, named {@code prefix} plus eight random hex digits. */
    public static String createDatabase(String prefix) throws SQLException {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** The contract DDL of database.md §2 (V1), to build a database by hand as the writers do. */
    public static String contractDdl() {
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream("db/migration/V1__contract_schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        try (Connection connection = connect()) {
            return count(connection, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND wait_event = 'relation' AND query ILIKE ? AND pid <> pg_backend_pid()", "%" + table + "%");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL without parameters: one statement or a script. */
    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs one statement with these parameters; an {@link Instant} is bound as a UTC timestamp. */
    public static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    /** The number a query answers in its first row and column. */
    public static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The first column of every row a query answers, as text. */
    public static List<String> rows(Connection connection, String sql, Object... parameters) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i] instanceof Instant instant
                    ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                    : parameters[i]);
        }
        return statement;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
