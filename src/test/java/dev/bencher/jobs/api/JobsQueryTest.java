package dev.bencher.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.JobStatus;

/**
 * The list's query string parser, {@link JobsQuery} (jobs-api.md R13-R15, R19, R21, R22), as a
 * table: every accepted spelling with the values it means, every refused one with the detail of its
 * 400. The HTTP wiring of the same parser (GET and OPTIONS, R49; before the project lookup, R17) is
 * proven by {@link QueryParsingTest}.
 */
class JobsQueryTest {

    @ParameterizedTest(name = "{0}: ?{1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // rule | raw query | direction | per_page | page | status
            "R13 defaults, no query             | NULL                           | DESC | 8   | 1          | NULL",
            "R13 defaults, empty query          | ''                             | DESC | 8   | 1          | NULL",
            "R14 empty pairs skipped            | &&&                            | DESC | 8   | 1          | NULL",
            "R14 empty pairs amid known ones    | per_page=2&&&x                 | DESC | 2   | 1          | NULL",
            "R13 every parameter                | sort=created&direction=asc&per_page=3&page=2&status=failed | ASC | 3 | 2 | FAILED",
            "R19 desc spelled out               | direction=desc                 | DESC | 8   | 1          | NULL",
            "R13 per_page minimum               | per_page=0                     | DESC | 0   | 1          | NULL",
            "R13 per_page maximum               | per_page=255                   | DESC | 255 | 1          | NULL",
            "R13 page 0 is accepted             | page=0                         | DESC | 8   | 0          | NULL",
            "R13 page maximum                   | page=4294967295                | DESC | 8   | 4294967295 | NULL",
            "R14 leading zeros                  | per_page=008                   | DESC | 8   | 1          | NULL",
            "R14 many leading zeros             | per_page=00000000000000000000000003 | DESC | 3 | 1        | NULL",
            "R14 zeros only                     | page=0000                      | DESC | 8   | 0          | NULL",
            "R14 leading + written %2B          | per_page=%2B3                  | DESC | 3   | 1          | NULL",
            "R14 %2B and leading zeros          | page=%2B0004294967295          | DESC | 8   | 4294967295 | NULL",
            "R14 %2B on both numbers            | page=%2B2&per_page=%2B4        | DESC | 4   | 2          | NULL",
            "R14 unknown names skipped          | Per_Page=1&limit=1&offset=5&PAGE=x | DESC | 8 | 1         | NULL",
            "R14 unknown names may repeat       | x=1&x=2&per_page=2             | DESC | 2   | 1          | NULL",
            "R14 bad escape in an unknown name  | x=%ZZ&per_page=1               | DESC | 1   | 1          | NULL",
            "R14 names are percent-decoded      | per%5Fpage=4                   | DESC | 4   | 1          | NULL",
            "R14 values are percent-decoded     | status=%63anceled              | DESC | 8   | 1          | CANCELED",
            "R14 a name without value unknown   | x&page=3                       | DESC | 8   | 3          | NULL",
            "R13 every status: pending          | status=pending                 | DESC | 8   | 1          | PENDING",
            "R13 every status: claimed          | status=claimed                 | DESC | 8   | 1          | CLAIMED",
            "R13 every status: running          | status=running                 | DESC | 8   | 1          | RUNNING",
            "R13 every status: completed        | status=completed               | DESC | 8   | 1          | COMPLETED",
            "R13 every status: processed        | status=processed               | DESC | 8   | 1          | PROCESSED",
            "R13 every status: failed           | status=failed                  | DESC | 8   | 1          | FAILED",
            "R13 every status: canceled         | status=canceled                | DESC | 8   | 1          | CANCELED" })
    void r13_r14_acceptedQueries(String rule, String rawQuery, Direction direction, int perPage, long page,
            JobStatus status) {
        assertThat(JobsQuery.parse(rawQuery))
                .isEqualTo(new JobsQuery(direction, perPage, page, Optional.ofNullable(status)));
    }

    @ParameterizedTest(name = "{0}: ?{1}")
    @CsvSource(delimiter = '|', value = {
            // rule | raw query | detail after "unable to parse query string: "
            "R14 per_page maximum + 1           | per_page=256                   | number too large to fit in target type",
            "R14 page maximum + 1               | page=4294967296                | number too large to fit in target type",
            "R14 page 2^63 - 1                  | page=9223372036854775807       | number too large to fit in target type",
            "R14 page 2^63                      | page=9223372036854775808       | number too large to fit in target type",
            "R14 per_page beyond a long         | per_page=99999999999999999999999 | number too large to fit in target type",
            "R14 per_page 19 digits             | per_page=9999999999999999999   | number too large to fit in target type",
            "R14 %2B and beyond a long          | per_page=%2B9999999999999999999 | number too large to fit in target type",
            "R14 leading zeros and too large    | page=0009999999999999999999    | number too large to fit in target type",
            "R14 leading zeros and max + 1      | per_page=000256                | number too large to fit in target type",
            "R14 minus sign                     | per_page=-1                    | invalid digit found in string",
            "R14 minus zero                     | page=-0                        | invalid digit found in string",
            "R14 raw + is a space               | per_page=+1                    | invalid digit found in string",
            "R14 decimal point                  | per_page=1.0                   | invalid digit found in string",
            "R14 exponent                       | per_page=1e2                   | invalid digit found in string",
            "R14 hex                            | per_page=0x10                  | invalid digit found in string",
            "R14 leading space                  | per_page=%201                  | invalid digit found in string",
            "R14 trailing space                 | page=1%20                      | invalid digit found in string",
            "R14 non-ASCII digit (Arabic one)   | per_page=%D9%A1                | invalid digit found in string",
            "R14 fullwidth digit                | page=%EF%BC%91                 | invalid digit found in string",
            "R14 %2B alone                      | per_page=%2B                   | invalid digit found in string",
            "R14 two signs                      | per_page=%2B%2B1               | invalid digit found in string",
            "R14 bad escape in a value          | per_page=%ZZ                   | invalid digit found in string",
            "R14 non-UTF-8 byte in a number     | page=%FF                       | invalid digit found in string",
            "R14 empty value                    | per_page=                      | cannot parse integer from empty string",
            "R14 name alone                     | per_page                       | cannot parse integer from empty string",
            "R14 empty page                     | page=                          | cannot parse integer from empty string",
            "R14 duplicate page                 | page=1&page=2                  | duplicate field `page`",
            "R14 duplicate, same value          | status=pending&status=pending  | duplicate field `status`",
            "R14 duplicate, one name encoded    | per_page=1&per%5Fpage=2        | duplicate field `per_page`",
            "R14 duplicate before a bad value   | per_page=abc&per_page=abc      | duplicate field `per_page`",
            "R15 direction unknown              | direction=up                   | unknown variant `up`, expected `asc` or `desc`",
            "R14 direction upper case           | direction=ASC                  | unknown variant `ASC`, expected `asc` or `desc`",
            "R14 direction empty                | direction=                     | unknown variant ``, expected `asc` or `desc`",
            "R14 sort unknown                   | sort=name                      | unknown variant `name`, expected `created`",
            "R14 sort upper case                | sort=Created                   | unknown variant `Created`, expected `created`",
            "R14 status capitalised             | status=Pending                 | unknown variant `Pending`, expected one of `pending`, `claimed`, `running`, `completed`, `processed`, `failed`, `canceled`",
            "R14 status British spelling        | status=cancelled               | unknown variant `cancelled`, expected one of `pending`, `claimed`, `running`, `completed`, `processed`, `failed`, `canceled`",
            "R14 status with a space            | status=failed+                 | unknown variant `failed `, expected one of `pending`, `claimed`, `running`, `completed`, `processed`, `failed`, `canceled`",
            "R14 status non-UTF-8 (lossy)       | status=%FF                     | unknown variant `\uFFFD`, expected one of `pending`, `claimed`, `running`, `completed`, `processed`, `failed`, `canceled`" })
    void r14_r15_refusedQueriesAre400WithTheParserDetail(String rule, String rawQuery, String detail) {
        assertThatThrownBy(() -> JobsQuery.parse(rawQuery))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("unable to parse query string: " + detail);
                });
    }

    /** docs/decisions.md "Query errors": a duplicate first, then sort, direction, per_page, page, status. */
    @ParameterizedTest(name = "R15 order: ?{0}")
    @CsvSource(delimiter = '|', value = {
            "status=x&page=x&per_page=x&direction=x&sort=x&page=1 | duplicate field `page`",
            "status=x&page=x&per_page=x&direction=x&sort=x        | unknown variant `x`, expected `created`",
            "status=x&page=x&per_page=x&direction=x               | unknown variant `x`, expected `asc` or `desc`",
            "status=x&page=x&per_page=                            | cannot parse integer from empty string",
            "status=x&page=x                                      | invalid digit found in string",
            "status=x                                             | unknown variant `x`, expected one of" })
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
