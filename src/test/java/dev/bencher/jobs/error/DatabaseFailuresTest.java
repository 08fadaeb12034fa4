package dev.bencher.jobs.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;

import javax.net.ssl.SSLHandshakeException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.hibernate.JDBCException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * R57: which failures mean "the database is unavailable" (503 with Retry-After) and which are a bug
 * (500). The HTTP side of each outage is proven by DatabaseOutageTest and DatabaseUnavailableTest;
 * this table holds the failures an outage can raise, including those only a race produces.
 */
class DatabaseFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("connection refused", new ConnectException("Connection refused"), true),
                Arguments.of("connection reset", new IOException("Connection reset by peer"), true),
                Arguments.of("closed connection", ClosedConnectionException.INSTANCE, true),
                Arguments.of("connect timeout", new TimeoutException(), true),
                Arguments.of("wait queue full", new ConnectionPoolTooBusyException("full"), true),
                Arguments.of("acquisition timeout", new VertxException("Timeout waiting for connection", true), true),
                Arguments.of("acquisition timeout of a session's connection (Hibernate Reactive)",
                        new NoStackTraceThrowable("Timeout"), true),
                // the soak's finding: a statement sent on a connection PostgreSQL is closing
                Arguments.of("connection closing", new NoStackTraceThrowable(
                        "Connection is not active now, current status: CLOSING"), true),
                Arguments.of("admin shutdown 57P01", pg("57P01"), true),
                Arguments.of("starting up 57P03", pg("57P03"), true),
                Arguments.of("statement timeout 57014", pg("57014"), true),
                Arguments.of("too many connections 53300", pg("53300"), true),
                Arguments.of("not accepting connections 55000", pg("55000"), true),
                Arguments.of("authentication failed 28P01", pg("28P01"), true),
                Arguments.of("database gone 3D000", pg("3D000"), true),
                Arguments.of("recovery conflict 40001", pg("40001"), true),
                Arguments.of("deadlock 40P01", pg("40P01"), true),
                Arguments.of("connection failure 08006", pg("08006"), true),
                Arguments.of("certificate does not verify (reactive client)", new VertxException("SSL handshake failed", true), true),
                Arguments.of("certificate does not verify (JDBC, Java)", new SSLHandshakeException("PKIX path building failed"), true),
                // a statement's failure, as Hibernate Reactive converts it: no PgException in the chain
                Arguments.of("statement timeout 57014 of a statement", statement("57014"), true),
                Arguments.of("recovery conflict 40001 of a statement", statement("40001"), true),
                Arguments.of("undefined table 42P01 of a statement (the schema's business, not an outage)", statement("42P01"), false),
                Arguments.of("undefined table 42P01 (the schema's business, not an outage)", pg("42P01"), false),
                Arguments.of("syntax error 42601 (a bug)", pg("42601"), false),
                Arguments.of("other message of the same type", new NoStackTraceThrowable("something else"), false),
                Arguments.of("a bug", new IllegalStateException("boom"), false),
                Arguments.of("wrapped refusal", new RuntimeException(new ConnectException("refused")), true),
                Arguments.of("parallel page and count", new CompositeException(List.of(
                        new ConnectException("refused"), new IllegalStateException("second"))), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void r57_unavailableOrBug(String name, Throwable failure, boolean unavailable) {
        assertThat(DatabaseFailures.isUnavailable(failure)).isEqualTo(unavailable);
    }

    static Stream<Arguments> schemaFailures() {
        return Stream.of(
                Arguments.of("undefined table 42P01 (V2 not applied)", pg("42P01"), true),
                Arguments.of("undefined column 42703", pg("42703"), true),
                Arguments.of("undefined table as Hibernate Reactive reports it", statement("42P01"), true),
                Arguments.of("undefined function 42883", pg("42883"), true),
                Arguments.of("undefined schema 3F000", pg("3F000"), true),
                Arguments.of("insufficient privilege 42501 (GRANT missing)", pg("42501"), true),
                Arguments.of("wrapped in the parallel page and count", new CompositeException(List.of(
                        new RuntimeException(pg("42P01")), new IllegalStateException("second"))), true),
                Arguments.of("syntax error 42601 (a bug)", pg("42601"), false),
                Arguments.of("statement timeout 57014 (an outage)", pg("57014"), false),
                Arguments.of("connection refused", new ConnectException("Connection refused"), false));
    }

    /** Readiness and R57: a schema that is not (yet) there is a 503, and readiness names it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFailures")
    void r57_schemaMissing(String name, Throwable failure, boolean missing) {
        assertThat(DatabaseFailures.isSchemaMissing(failure)).isEqualTo(missing);
        assertThat(ErrorMapper.decide(failure, "request").status()).isEqualTo(missing ? 503
                : DatabaseFailures.isUnavailable(failure) ? 503 : 500);
    }

    @Test
    void onlyTheGrantIsAPrivilegeFailure() {
        assertThat(DatabaseFailures.isPrivilegeMissing(pg("42501"))).isTrue();
        assertThat(DatabaseFailures.isPrivilegeMissing(pg("42P01"))).isFalse();
    }

    static Stream<Arguments> recoveryConflicts() {
        return Stream.of(
                Arguments.of("recovery conflict 40001", pg("40001"), true),
                Arguments.of("wrapped recovery conflict", new RuntimeException(pg("40001")), true),
                Arguments.of("a statement's recovery conflict", statement("40001"), true),
                Arguments.of("page's conflict, count's refusal", new CompositeException(List.of(
                        pg("40001"), new ConnectException("refused"))), true),
                Arguments.of("deadlock 40P01", pg("40P01"), false),
                Arguments.of("statement timeout 57014", pg("57014"), false),
                Arguments.of("connection terminated 57P01", pg("57P01"), false),
                Arguments.of("a bug", new IllegalStateException("40001"), false));
    }

    /** R57: only a standby's recovery conflict is retried (JobService); every row above still decides 503 or 500. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recoveryConflicts")
    void r57_retriedOnceOrNot(String name, Throwable failure, boolean retried) {
        assertThat(DatabaseFailures.isRecoveryConflict(failure)).isEqualTo(retried);
    }

    private static PgException pg(String sqlState) {
        return new PgException("message", "ERROR", sqlState, null);
    }

    /** What a failed statement arrives as (the chain the read-replica test logged for 40001). */
    private static JDBCException statement(String sqlState) {
        return new JDBCException("error executing SQL statement", new SQLException("ERROR: message (" + sqlState + ")", sqlState));
    }
}
