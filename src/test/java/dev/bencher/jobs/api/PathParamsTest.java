package dev.bencher.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bencher.jobs.error.ApiException;

/**
 * The path parameter parser, {@link PathParams} (jobs-api.md R8-R12), as a table of decoded
 * values: a {@code {project}} is a UUID first and a slug only otherwise (R8, R11), slugs follow R9,
 * {@code {job}} is a UUID only (R12), and anything else is R10's 400 that echoes the value (R56).
 * The HTTP wiring (decoding, GET and OPTIONS alike, the project lookup) is {@link PathParamsHttpTest}.
 */
class PathParamsTest {

    private static final String UUID_TEXT = "0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b";

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // rule | {project} (decoded) | the UUID it is
            "R8 hyphenated                    | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b          | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 hyphenated, upper case        | 0190F7A2-6B1C-7D3E-9A4B-5C6D7E8F9A0B          | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 simple                        | 0190f7a26b1c7d3e9a4b5c6d7e8f9a0b              | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 braced                        | {0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b}        | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 URN                           | urn:uuid:0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R11 32 hex digits are a UUID, not a slug | 0123456789abcdef0123456789abcdef | 01234567-89ab-cdef-0123-456789abcdef" })
    void r8_r11_projectsThatAreUuids(String rule, String raw, UUID uuid) {
        assertThat(PathParams.project(raw)).isEqualTo(new ProjectRef(raw, Optional.of(uuid), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "R9 one letter                    | a",
            "R9 one digit                     | 0",
            "R9 words and digits              | abc-123",
            "R9 digits and hyphens            | 0-0",
            "R8 short groups are a slug       | 1-2-3-4-5",
            "R8 35 characters are a slug      | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0",
            "R8 31 hex digits are a slug      | 0190f7a26b1c7d3e9a4b5c6d7e8f9a0",
            "R8 33 hex digits are a slug      | 0190f7a26b1c7d3e9a4b5c6d7e8f9a0b0",
            "R9 64 characters                 | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void r8_r9_projectsThatAreSlugs(String rule, String raw) {
        assertThat(PathParams.project(raw)).isEqualTo(new ProjectRef(raw, Optional.empty(), Optional.of(raw)));
    }

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "R9 empty                         | ''",
            "R9 65 characters                 | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "R9 upper case                    | Bad",
            "R9 underscore                    | bad_slug",
            "R9 dot                           | bad.slug",
            "R9 space                         | 'bad slug'",
            "R9 two hyphens                   | bad--slug",
            "R9 leading hyphen                | -bad",
            "R9 trailing hyphen               | bad-",
            "R9 non-ASCII letters             | été",
            "R9 a slash (decoded %2F)         | a/b",
            "R8 unbalanced brace              | {0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 URN prefix in upper case      | URN:UUID:0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 braced simple                 | {0190f7a26b1c7d3e9a4b5c6d7e8f9a0b}",
            "R8 upper-case hex, no slug       | 0190F7A26B1C7D3E9A4B5C6D7E8F9A0B0" })
    void r9_r10_invalidProjectsAre400(String rule, String raw) {
        assertThatThrownBy(() -> PathParams.project(raw)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("bad parameter in URL path: project: expected a UUID or a slug, found `" + raw + "`");
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "R12 hyphenated                   | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R12 upper case                   | 0190F7A2-6B1C-7D3E-9A4B-5C6D7E8F9A0B",
            "R12 simple                       | 0190f7a26b1c7d3e9a4b5c6d7e8f9a0b",
            "R12 braced                       | {0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b}",
            "R12 URN                          | urn:uuid:0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b" })
    void r12_jobsInEveryUuidSpelling(String rule, String raw) {
        assertThat(PathParams.job(raw)).isEqualTo(UUID.fromString(UUID_TEXT));
    }

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "R12 a slug is never a job        | abc",
            "R12 empty                        | ''",
            "R8 short groups                  | 1-2-3-4-5",
            "R8 31 hex digits                 | 0190f7a26b1c7d3e9a4b5c6d7e8f9a0",
            "R8 37 characters                 | 0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b0",
            "R8 not hex                       | g190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b",
            "R8 underscores                   | 0190f7a2_6b1c_7d3e_9a4b_5c6d7e8f9a0b",
            "R8 unbalanced brace              | {0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b" })
    void r10_r12_invalidJobsAre400(String rule, String raw) {
        assertThatThrownBy(() -> PathParams.job(raw)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("bad parameter in URL path: job: expected a UUID, found `" + raw + "`");
        });
    }
}
