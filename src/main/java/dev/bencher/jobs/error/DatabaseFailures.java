package dev.bencher.jobs.error;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Decides whether a failure means "the database is unavailable" (R57: 503) rather than a bug (500). */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException // connection refused or reset
                    || cause instanceof ClosedConnectionException
                    || cause instanceof TimeoutException
                    || cause instanceof ConnectionPoolTooBusyException // the pool's wait queue is full
                    || cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage()) // acquisition
                    || cause instanceof VertxException && "Timeout waiting for connection".equals(cause.getMessage())
                    || cause instanceof PgException pg && isOperational(pg.getSqlState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57 (operator
     * intervention: shutdown, statement timeout) and 58 (system error).
     */
    private static boolean isOperational(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
                || sqlState.startsWith("57") || sqlState.startsWith("58"));
    }
}
