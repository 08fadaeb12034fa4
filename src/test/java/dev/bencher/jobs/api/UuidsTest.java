package dev.bencher.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The strict UUID parser, {@link Uuids} (jobs-api.md R8): the four spellings in either hex case, and
 * nothing {@link java.util.UUID#fromString} would also take. The value is compared in its canonical
 * lower-case hyphenated form, the form every response writes (R40).
 */
class UuidsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // rule | text | canonical form
            "R8 hyphenated, lower case        | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b          | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 hyphenated, upper case        | 0190F7A2-6B1C-7D3E-9A4B-5C6D7E8F9A0B          | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 hyphenated, mixed case        | 0190F7a2-6B1c-7D3e-9A4b-5C6d7E8f9A0b          | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 simple                        | 0190f7a26b1c7d3e9a4b5c6d7e8f9a0b              | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 simple, upper case            | 0190F7A26B1C7D3E9A4B5C6D7E8F9A0B              | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 braced                        | {0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b}        | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 braced, upper case            | {0190F7A2-6B1C-7D3E-9A4B-5C6D7E8F9A0B}        | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 URN                           | urn:uuid:0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 URN, upper-case hex           | urn:uuid:0190F7A2-6B1C-7D3E-9A4B-5C6D7E8F9A0B | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 nil                           | 00000000-0000-0000-0000-000000000000          | 00000000-0000-0000-0000-000000000000",
            "R8 max (sign bits set)           | ffffffff-ffff-ffff-ffff-ffffffffffff          | ffffffff-ffff-ffff-ffff-ffffffffffff",
            "R8 high bit of each half set     | 80000000-0000-0000-8000-000000000000          | 80000000-0000-0000-8000-000000000000" })
    void r8_r40_acceptedSpellings(String rule, String text, String canonical) {
        assertThat(Uuids.parse(text)).hasValueSatisfying(uuid -> assertThat(uuid.toString()).isEqualTo(canonical));
    }

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "R8 empty                           | ''",
            "R8 short groups (UUID.fromString)  | 1-2-3-4-5",
            "R8 short first group               | 190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 long first group                | 00190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 hyphens misplaced               | 0190f7a26-b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 one hyphen missing              | 0190f7a2-6b1c7d3e-9a4b-5c6d7e8f9a0b",
            "R8 31 hex digits                   | 0190f7a26b1c7d3e9a4b5c6d7e8f9a0",
            "R8 33 hex digits                   | 0190f7a26b1c7d3e9a4b5c6d7e8f9a0b0",
            "R8 37 characters                   | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b0",
            "R8 not hex                         | g190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 underscores                     | 0190f7a2_6b1c_7d3e_9a4b_5c6d7e8f9a0b",
            "R8 leading space                   | ' 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b'",
            "R8 trailing tab                    | '0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b\t'",
            "R8 opening brace only              | {0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 closing brace only              | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b}",
            "R8 other brackets                  | (0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b)",
            "R8 braced simple                   | {0190f7a26b1c7d3e9a4b5c6d7e8f9a0b}",
            "R8 URN prefix in upper case        | URN:UUID:0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 URN with a simple UUID          | urn:uuid:0190f7a26b1c7d3e9a4b5c6d7e8f9a0b",
            "R8 URN braced                      | urn:uuid:{0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b}",
            "R8 fullwidth digits                | ０１９０f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 Arabic-Indic digit              | ٠190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 sign (Long.parseLong would take)| +190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b" })
    void r8_everythingElseIsNoUuid(String rule, String text) {
        assertThat(Uuids.parse(text)).isEmpty();
    }
}
