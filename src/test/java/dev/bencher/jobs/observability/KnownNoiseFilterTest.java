package dev.bencher.jobs.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** Only the database client's known outage noise is dropped; every other error stays in the log (R57). */
class KnownNoiseFilterTest {

    private final KnownNoiseFilter filter = new KnownNoiseFilter();

    @Test
    void dropsTheClientsResultIsAlreadyCompleteRecord() {
        assertThat(filter.isLoggable(record("Uncaught exception received by Vert.x",
                new IllegalStateException("Result is already complete")))).isFalse();
    }

    @Test
    void keepsEveryOtherRecord() {
        assertThat(filter.isLoggable(record("Uncaught exception received by Vert.x",
                new IllegalStateException("something else")))).isTrue();
        assertThat(filter.isLoggable(record("Uncaught exception received by Vert.x",
                new NullPointerException("Result is already complete")))).isTrue();
        assertThat(filter.isLoggable(record("Internal error",
                new IllegalStateException("Result is already complete")))).isTrue();
        assertThat(filter.isLoggable(record("Database unavailable", null))).isTrue();
    }

    private static LogRecord record(String message, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setThrown(thrown);
        return record;
    }
}
