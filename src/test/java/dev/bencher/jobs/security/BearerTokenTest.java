package dev.bencher.jobs.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading the token out of the {@code Authorization} header, {@link BearerToken} (auth.md A1-A3):
 * which header values are anonymous, which token a present header carries, and which tokens are
 * API keys (A2) or not in compact form (A3) before any signature is looked at. The same rules over
 * HTTP, with real tokens, are {@link TokenParsingTest} and {@link AuthCaseTableTest}.
 */
class BearerTokenTest {

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            // rule | header value | token
            "A1 plain                             | Bearer abc             | abc",
            "A1 scheme lower case                 | bearer abc             | abc",
            "A1 scheme upper case                 | BEARER abc             | abc",
            "A1 scheme mixed case                 | bEaReR abc             | abc",
            "A1 spaces before the token stripped  | 'Bearer    abc'        | abc",
            "A1 whitespace after the token        | 'Bearer abc \t '       | abc",
            "A1 tab before the token stripped     | 'Bearer \tabc'         | abc",
            "A1 cut at the first space only       | 'Bearer a b'           | 'a b'",
            "A1 a tab inside is visible ASCII     | 'Bearer a\tb'          | 'a\tb'",
            "A1 anything visible is kept (A3 next)| 'Bearer {x}.=!'        | '{x}.=!'",
            "A2 an API key is still a token       | Bearer bencher_run_x   | bencher_run_x" })
    void a1_presentTokens(String rule, String header, String token) {
        assertThat(BearerToken.extract(header)).hasValue(token);
    }

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "A1 empty header                      | ''",
            "A1 another scheme                    | Basic dXNlcjpwYXNz",
            "A1 Token scheme                      | Token xyz",
            "A1 no space                          | Bearertoken",
            "A1 scheme alone                      | Bearer",
            "A1 scheme and spaces only            | 'Bearer    '",
            "A1 scheme, space and tab only        | 'Bearer \t '",
            "A1 tab instead of the space          | 'Bearer\tabc'",
            "A1 scheme prefix of a longer word    | 'Bearerx abc'",
            "A1 punctuation after the scheme      | 'Bearer: abc'",
            "A1 leading space                     | ' Bearer abc'",
            "A1 non-ASCII byte in the token       | 'Bearer abcé'",
            "A1 non-ASCII byte in the scheme      | 'Béarer abc'",
            "A1 Latin-1 0xFF                      | 'Bearer ÿabc'",
            "A1 DEL                               | 'Bearer abc\u007f'",
            "A1 control character                 | 'Bearer abc\u0001'" })
    void a1_anonymousHeaders(String rule, String header) {
        assertThat(BearerToken.extract(header)).isEmpty();
    }

    @Test
    void a1_noHeaderIsAnonymous() {
        assertThat(BearerToken.extract(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "A3 three segments                    | ab.cd.ef",
            "A3 segment lengths 2, 3 and 4        | ab.cde.fghi",
            "A3 the whole alphabet                | ABCXYZabcxyz0189-_.eyJ0.AA",
            "A2 prefix is case-sensitive          | Bencher_run_ab.cd.ef" })
    void a3_compactJwsPassesToVerification(String rule, String token) {
        assertThat(BearerToken.requireCompactJws(token)).isEqualTo(token);
    }

    @ParameterizedTest(name = "{0}: ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            // rule | token | rejection
            "A2 project key                       | bencher_run_0123456789abcdef | PROJECT_KEY",
            "A2 project key prefix alone          | bencher_run_                 | PROJECT_KEY",
            "A2 project key shaped like a JWS     | bencher_run_ab.cd.ef         | PROJECT_KEY",
            "A2 user key                          | bencher_user_0123456789abcdef| USER_KEY",
            "A2 user key prefix alone             | bencher_user_                | USER_KEY",
            "A3 one segment                       | abc                          | MALFORMED",
            "A3 two segments                      | ab.cd                        | MALFORMED",
            "A3 four segments                     | ab.cd.ef.gh                  | MALFORMED",
            "A3 empty first segment               | .cd.ef                       | MALFORMED",
            "A3 empty middle segment              | ab..ef                       | MALFORMED",
            "A3 empty signature (alg none)        | ab.cd.                       | MALFORMED",
            "A3 dots only                         | ..                           | MALFORMED",
            "A3 padding                           | ab.cd.ef==                   | MALFORMED",
            "A3 padded middle segment             | ab.cd=.ef                    | MALFORMED",
            "A3 base64 (not url) plus             | ab.cd.e+f                    | MALFORMED",
            "A3 base64 (not url) slash            | ab.c/d.ef                    | MALFORMED",
            "A3 a space inside                    | 'ab.cd.ef more'              | MALFORMED",
            "A3 a tab inside                      | 'ab.cd.e\tf'                 | MALFORMED",
            "A3 other punctuation                 | ab.cd.ef!                    | MALFORMED",
            "A3 length 1 mod 4 cannot decode      | a.b.c                        | MALFORMED",
            "A3 length 5 cannot decode            | abcde.abcd.abcd              | MALFORMED",
            "A3 signature length 5                | abcd.abcd.abcde              | MALFORMED" })
    void a2_a3_apiKeysAndMalformedTokensAreRejectedBeforeVerification(String rule, String token,
            TokenRejection rejection) {
        assertThatThrownBy(() -> BearerToken.requireCompactJws(token)).isInstanceOfSatisfying(TokenRejection.Rejected.class,
                rejected -> assertThat(rejected.reason).isEqualTo(rejection));
    }

    /** A2, A3: the status and message each rejection answers with. */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "PROJECT_KEY | 401 | Invalid project key",
            "USER_KEY    | 401 | Invalid user key",
            "MALFORMED   | 401 | Invalid authorization token" })
    void a2_a3_rejectionsAnswer401WithTheirMessage(TokenRejection rejection, int status, String message) {
        assertThat(rejection.response.status()).isEqualTo(status);
        assertThat(rejection.response.getMessage()).isEqualTo(message);
    }
}
