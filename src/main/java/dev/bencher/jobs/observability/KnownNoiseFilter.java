package dev.bencher.jobs.observability;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops one log record that is noise: vertx-sql-client 4.5 (its issue 1706) does not cancel a pool
 * acquisition's timer when the acquisition has already failed, so every request refused during a
 * database outage later logs {@code Uncaught exception received by Vert.x} with
 * {@code IllegalStateException: Result is already complete} and a stack trace. The request has
 * been answered correctly (503, R57) and logged as such; a 20 s outage wrote 17,701 of these ERROR
 * lines in the soak (docs/performance.md), burying real errors. Any other uncaught exception is
 * still logged.
 */
@LoggingFilter(name = "known-noise")
public final class KnownNoiseFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        return !(thrown instanceof IllegalStateException
                && "Result is already complete".equals(thrown.getMessage())
                && record.getMessage() != null
                && record.getMessage().startsWith("Uncaught exception received by Vert.x"));
    }
}
