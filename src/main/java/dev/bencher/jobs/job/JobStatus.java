package dev.bencher.jobs.job;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The seven statuses of a job (database.md, the {@code job_status_check} constraint; jobs-api.md R18),
 * in the order Bencher lists them in its error messages.
 */
public enum JobStatus {
    PENDING("pending"),
    CLAIMED("claimed"),
    RUNNING("running"),
    COMPLETED("completed"),
    PROCESSED("processed"),
    FAILED("failed"),
    CANCELED("canceled");

    private final String value;

    JobStatus(String value) {
        this.value = value;
    }

    /** The status as stored and as the API shows it. */
    @JsonValue
    public String value() {
        return value;
    }

    /** R30, R33: a job in one of these statuses has ended, so its output may be shown. */
    public boolean isTerminal() {
        return this == COMPLETED || this == PROCESSED || this == FAILED || this == CANCELED;
    }

    public static Optional<JobStatus> of(String value) {
        return Arrays.stream(values()).filter(status -> status.value.equals(value)).findFirst();
    }

    /** A status read from the {@code job} table, whose check constraint admits only these values. */
    public static JobStatus stored(String value) {
        return of(value).orElseThrow(() -> new IllegalStateException("status outside job_status_check: " + value));
    }
}
