package dev.bencher.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Percent-decoding as Bencher's stack does it, {@link PercentDecoding} (jobs-api.md R4, R14;
 * docs/decisions.md "Percent-decoding"): a valid {@code %XX} becomes its byte, a bad escape stays
 * literal; a path segment must then be UTF-8 (R4), a query value is decoded lossily with {@code +}
 * as a space (R14).
 */
class PercentDecodingTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // rule | raw segment | decoded
            "R4 plain                           | abc          | abc",
            "R4 empty                           | ''           | ''",
            "R4 an escape                       | %41          | A",
            "R4 lower-case hex                  | %7b%7d       | {}",
            "R4 escaped UTF-8 (euro sign)       | %E2%82%AC    | €",
            "R4 raw UTF-8                       | été          | été",
            "R4 escaped slash stays in segment  | a%2Fb        | a/b",
            "R4 + is not a space in a path      | a+b          | a+b",
            "R4 %2B is a plus                   | %2B          | +",
            "R4 bad escape stays literal        | %ZZ          | %ZZ",
            "R4 lone percent stays literal      | 100%         | 100%",
            "R4 short escape stays literal      | %4           | %4",
            "R4 escaped percent, then digits    | %2541        | %41",
            "R4 one hex digit then not hex      | %4g          | %4g",
            "R4 percent before an escape        | %%41         | %A" })
    void r4_pathSegmentsDecodeToUtf8(String rule, String raw, String decoded) {
        assertThat(PercentDecoding.pathSegment(raw)).hasValue(decoded);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "R4 a lone continuation byte        | %80",
            "R4 0xFF is never UTF-8             | %FF",
            "R4 truncated two-byte sequence     | %C3",
            "R4 two-byte lead, then ASCII       | %C3%28",
            "R4 overlong encoding of /          | %C0%AF",
            "R4 UTF-16 surrogate (CESU-8)       | %ED%A0%80",
            "R4 beyond U+10FFFF                 | %F4%90%80%80",
            "R4 Latin-1 é escaped               | caf%E9" })
    void r4_segmentsThatAreNotUtf8AreRefused(String rule, String raw) {
        assertThat(PercentDecoding.pathSegment(raw)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // rule | raw query name or value | decoded
            "R14 plain                          | per_page     | per_page",
            "R14 + is a space                   | a+b          | 'a b'",
            "R14 %2B is a plus                  | %2B1         | +1",
            "R14 %20 is a space                 | %201         | ' 1'",
            "R14 escaped UTF-8                  | %E2%82%AC    | €",
            "R14 bad escape stays literal       | %ZZ          | %ZZ",
            "R14 lone percent stays literal     | %            | %",
            "R14 invalid UTF-8 becomes U+FFFD   | %FF          | \uFFFD",
            "R14 invalid UTF-8 amid text        | a%C3%28b     | a\uFFFD(b" })
    void r14_queryValuesDecodeLossilyWithPlusAsSpace(String rule, String raw, String decoded) {
        assertThat(PercentDecoding.formValue(raw)).isEqualTo(decoded);
    }

    @ParameterizedTest(name = "{0}: ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "R4 none                            | abc          | false",
            "R4 empty                           | ''           | false",
            "R4 valid escapes                   | %41%e2%82%ac | false",
            "R4 not hex                         | %ZZ          | true",
            "R4 lone percent at the end         | abc%         | true",
            "R4 one digit at the end            | abc%4        | true",
            "R4 one hex digit then not hex      | %4g          | true",
            "R4 valid, then bad                 | %41%G1       | true",
            "R4 percent before an escape        | %%41         | true",
            "R4 non-ASCII after percent         | %é1          | true" })
    void r4_invalidEscapesAreFound(String rule, String raw, boolean invalid) {
        assertThat(PercentDecoding.hasInvalidEscape(raw)).isEqualTo(invalid);
    }
}
