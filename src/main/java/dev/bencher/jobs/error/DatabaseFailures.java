package dev.bencher.jobs.error;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Decides whether a failure means "the database is unavailable" (R57: 503) rather than a bug (500),
 * and whether it is a standby's recovery conflict, which JobService retries once.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    static boolean isUnavailable(Throwable failure) {
        return Causes.of(failure).stream().anyMatch(cause -> cause instanceof IOException // connection refused or reset
                || cause instanceof ClosedConnectionException
                || cause instanceof TimeoutException
                || cause instanceof ConnectionPoolTooBusyException // the pool's wait queue is full
                || cause instanceof VertxException && "Timeout waiting for connection".equals(cause.getMessage()) // acquisition
                || cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage()) // acquisition, Pool.getConnection
                || cause instanceof NoStackTraceThrowable && cause.getMessage() != null
                        && cause.getMessage().startsWith("Connection is not active now") // closed under the statement
                || isOperational(sqlState(cause)));
    }

    /**
     * SQLSTATE 40001 (serialization failure): on a standby, a query cancelled by a conflict with
     * recovery, "canceling statement due to conflict with recovery" (the replayed WAL removes rows its
     * snapshot may still need, or needs a lock it holds); run again, it normally succeeds. On a
     * primary the service's reads never see it: they write nothing.
     */
    public static boolean isRecoveryConflict(Throwable failure) {
        return Causes.of(failure).stream().anyMatch(cause -> "40001".equals(sqlState(cause)));
    }

    /**
     * PostgreSQL's SQLSTATE, if {@code cause} carries one: the client's own exception for failures
     * outside a statement (connecting), and for a statement's failure the {@link SQLException} into
     * which Hibernate Reactive converts it (without the client's exception as its cause).
     */
    private static String sqlState(Throwable cause) {
        if (cause instanceof PgException pg) {
            return pg.getSqlState();
        }
        return cause instanceof SQLException sql ? sql.getSQLState() : null;
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
        if (sqlState == null) {
            return false;
        }
        return switch (sqlState.substring(0, 2)) {
            case "08", "28", "53", "55", "57", "58" -> true;
            default -> sqlState.equals("3D000") || sqlState.equals("40001") || sqlState.equals("40P01");
        };
    }
}
