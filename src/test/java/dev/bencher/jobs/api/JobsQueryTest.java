package dev.bencher.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.JobStatus;

/**
 * The list's query string parser, {@link JobsQuery} (jobs-api.md R13-R15, R19, R21, R22), as a
 * table ({@code src/test/resources/jobs-query/}): every accepted spelling with the values it means,
 * every refused one with the detail of its 400. {@link QueryParsingTest} sends the same rows over
 * HTTP (GET and OPTIONS, R49), on the JVM and, as QueryParsingIT, on the packaged artifact.
 */
class JobsQueryTest {

    @ParameterizedTest(name = "{0}: ?{1}")
    @CsvFileSource(resources = "/jobs-query/accepted.csv", delimiter = '|', quoteCharacter = '\'', nullValues = "NULL")
    void r13_r14_acceptedQueries(String rule, String rawQuery, Direction direction, int perPage, long page,
            JobStatus status) {
        assertThat(JobsQuery.parse(rawQuery))
                .isEqualTo(new JobsQuery(direction, perPage, page, Optional.ofNullable(status)));
    }

    @ParameterizedTest(name = "{0}: ?{1}")
    @CsvFileSource(resources = "/jobs-query/refused.csv", delimiter = '|', quoteCharacter = '\'')
    void r14_r15_refusedQueriesAre400WithTheParserDetail(String rule, String rawQuery, String detail) {
        assertThatThrownBy(() -> JobsQuery.parse(rawQuery))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("unable to parse query string: " + detail);
                });
    }

    /** docs/decisions.md "Query errors": a duplicate first, then sort, direction, per_page, page, status. */
    @ParameterizedTest(name = "R15 order: ?{0}")
    @CsvFileSource(resources = "/jobs-query/order.csv", delimiter = '|', quoteCharacter = '\'')
    void r15_severalErrorsReportTheFirstInTheDocumentedOrder(String rawQuery, String detailPrefix) {
        assertThatThrownBy(() -> JobsQuery.parse(rawQuery))
                .hasMessageStartingWith("unable to parse query string: " + detailPrefix);
    }

    @ParameterizedTest(name = "R21/R22 offset of page={0}, per_page={1}")
    @CsvSource({
            "0, 8, 0",
            "1, 8, 0",
            "2, 8, 8",
            "3, 0, 0",
            "536870913, 8, 4294967296",
            "4294967295, 255, 1095216659970" })
    void r21_r22_offsetIsSixtyFourBitAndPageZeroIsPageOne(long page, int perPage, long offset) {
        assertThat(new JobsQuery(Direction.DESC, perPage, page, Optional.empty()).offset()).isEqualTo(offset);
    }

    @Test
    void r22_theLargestOffsetComesFromTheLargestParsedValues() {
        assertThat(JobsQuery.parse("page=4294967295&per_page=255").offset()).isEqualTo(4294967294L * 255);
    }
}
