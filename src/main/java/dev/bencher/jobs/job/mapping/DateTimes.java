package dev.bencher.jobs.job.mapping;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * R38, R39: timestamps are shown in whole seconds, rounded down. Jackson then writes an
 * {@link Instant} of whole seconds as {@code YYYY-MM-DDTHH:MM:SSZ}.
 */
final class DateTimes {

    private DateTimes() {
    }

    static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
