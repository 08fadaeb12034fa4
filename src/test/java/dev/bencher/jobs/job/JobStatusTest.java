package dev.bencher.jobs.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The domain's spellings, pinned to the spec rather than to the enums themselves: the seven
 * statuses and which of them are terminal (jobs-api.md R13, R30, R33), and the two directions
 * (R13, R19). Tests that iterate {@link JobStatus#values()} rely on this table.
 */
class JobStatusTest {

    @ParameterizedTest(name = "R33 {0} is spelled {1}, terminal: {2}")
    @CsvSource({
            "PENDING,   pending,   false",
            "CLAIMED,   claimed,   false",
            "RUNNING,   running,   false",
            "COMPLETED, completed, true",
            "PROCESSED, processed, true",
            "FAILED,    failed,    true",
            "CANCELED,  canceled,  true" })
    void r30_r33_spellingAndTerminalSet(JobStatus status, String value, boolean terminal) {
        assertThat(status.value()).isEqualTo(value);
        assertThat(status.isTerminal()).isEqualTo(terminal);
        assertThat(JobStatus.of(value)).hasValue(status);
    }

    @Test
    void r33_exactlySevenStatusesInBenchersOrder() {
        assertThat(JobStatus.values()).extracting(JobStatus::value)
                .containsExactly("pending", "claimed", "running", "completed", "processed", "failed", "canceled");
    }

    @ParameterizedTest(name = "R33 ''{0}'' is no status")
    @CsvSource({ "cancelled", "Pending", "PENDING", "''", "'pending '" })
    void r33_otherSpellingsAreNoStatus(String value) {
        assertThat(JobStatus.of(value)).isEmpty();
    }

    @Test
    void r13_r19_directionsAreAscAndDescAndReverseEachOther() {
        assertThat(Direction.values()).extracting(Direction::value).containsExactly("asc", "desc");
        assertThat(Direction.ASC.reversed()).isEqualTo(Direction.DESC);
        assertThat(Direction.DESC.reversed()).isEqualTo(Direction.ASC);
    }
}
