package dev.bencher.jobs.error;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Decides whether a failure means "the database is unavailable" (R57: 503) rather than a bug (500),
 * whether it says that the schema the service reads is not there (also 503, and what readiness
 * reports: schema/SchemaReadiness), and whether it is a standby's recovery conflict, which JobService
 * retries once.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        return Causes.of(failure).stream().anyMatch(cause -> cause instanceof IOException // connection refused or reset
                || cause instanceof ClosedConnectionException
                || cause instanceof TimeoutException
                || cause instanceof ConnectionPoolTooBusyException // the pool's wait queue is full
                || cause instanceof VertxException && "Timeout waiting for connection".equals(cause.getMessage()) // acquisition
                || isTlsRefused(cause)
                || cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage()) // acquisition, Pool.getConnection
                || cause instanceof NoStackTraceThrowable && cause.getMessage() != null
                        && cause.getMessage().startsWith("Connection is not active now")) // closed under the statement
                || sqlState(failure).filter(DatabaseFailures::isOperational).isPresent();
    }

    /**
     * PostgreSQL says a table, column, function or schema the service reads is not there, or the
     * role may not read it (42P01, 42703, 42883, 3F000, 42501): the migrations are not applied, or a
     * grant is missing (docs/operations.md "Adopting an existing database"). Not a bug of the
     * service: the tests validate its mapping against the migrated schema at every start.
     */
    public static boolean isSchemaMissing(Throwable failure) {
        return sqlState(failure).map(state -> switch (state) {
            case "42P01", "42703", "42883", "3F000", "42501" -> true;
            default -> false;
        }).orElse(false);
    }

    /**
     * SQLSTATE 40001 (serialization failure): on a standby, a query cancelled by a conflict with
     * recovery, "canceling statement due to conflict with recovery" (the replayed WAL removes rows its
     * snapshot may still need, or needs a lock it holds); run again, it normally succeeds. On a
     * primary the service's reads never see it: they write nothing.
     */
    public static boolean isRecoveryConflict(Throwable failure) {
        return sqlState(failure).filter("40001"::equals).isPresent();
    }

    /** 42501: the role lacks a privilege ({@code GRANT SELECT}). */
    public static boolean isPrivilegeMissing(Throwable failure) {
        return sqlState(failure).filter("42501"::equals).isPresent();
    }

    /**
     * What went wrong, in PostgreSQL's words when it was PostgreSQL: for logs and readiness. The
     * client reports a certificate that does not verify only as "SSL handshake failed": say where to look.
     */
    public static String message(Throwable failure) {
        Throwable root = Causes.root(failure);
        if (isTlsRefused(root)) {
            return "SSL handshake failed: the server's certificate does not verify with bencher.database.ssl-mode"
                    + " and bencher.database.ssl-root-cert (the CA there must sign it and, with verify-full, it must"
                    + " name the host of the datasource URL; docs/operations.md \"TLS to PostgreSQL\")";
        }
        return root instanceof PgException || root instanceof SQLException ? root.getMessage() : String.valueOf(root);
    }

    /** The TLS handshake with PostgreSQL failed (the reactive client's only words for it), or Java's TLS did. */
    private static boolean isTlsRefused(Throwable cause) {
        return cause instanceof SSLException
                || cause instanceof VertxException && "SSL handshake failed".equals(cause.getMessage());
    }

    /**
     * PostgreSQL's SQLSTATE, from the client's {@link PgException} or the {@link SQLException} that
     * Hibernate Reactive turns it into.
     */
    private static Optional<String> sqlState(Throwable failure) {
        return Causes.of(failure).stream()
                .map(cause -> cause instanceof PgException pg ? pg.getSqlState()
                        : cause instanceof SQLException sql ? sql.getSQLState() : null)
                .filter(Objects::nonNull).findFirst();
    }

    /**
     * The SQLSTATEs with which PostgreSQL says "not now" rather than "your query is wrong"
     * (docs/decisions.md, 503 vs 500): classes 08 (connection exception), 28 (the role may no longer
     * log in), 53 (insufficient resources: too many connections, out of memory or disk), 55 (the
     * database does not accept connections), 57 (operator intervention: shutdown, starting up,
     * recovery, terminated backend, statement timeout) and 58 (system error), 3D000 (the database is
     * gone, as during a failover to a server without it), 40001 and 40P01 (a query cancelled by a
     * conflict with recovery on a standby, a deadlock: retrying succeeds).
     */
    private static boolean isOperational(String sqlState) {
        return switch (sqlState.substring(0, 2)) {
            case "08", "28", "53", "55", "57", "58" -> true;
            default -> sqlState.equals("3D000") || sqlState.equals("40001") || sqlState.equals("40P01");
        };
    }
}
