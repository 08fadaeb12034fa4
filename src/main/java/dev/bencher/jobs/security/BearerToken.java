package dev.bencher.jobs.security;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the token out of an {@code Authorization} header value (auth.md A1-A3). */
final class BearerToken {

    /** A3: three non-empty unpadded base64url segments. */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private BearerToken() {
    }

    /**
     * A1: empty when the request is anonymous (no header, a byte that is not visible ASCII or tab,
     * no space, a scheme other than Bearer, an empty token). A present token is never dropped.
     */
    static Optional<String> extract(String header) {
        if (header == null || !header.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        String token = header.substring(space + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** A2, A3: rejects API keys and tokens that are not in JWS compact form. */
    static String requireCompactJws(String token) {
        if (token.startsWith("bencher_run_")) {
            throw TokenRejection.PROJECT_KEY.rejected();
        }
        if (token.startsWith("bencher_user_")) {
            throw TokenRejection.USER_KEY.rejected();
        }
        if (!COMPACT_JWS.matcher(token).matches()) {
            throw TokenRejection.MALFORMED.rejected();
        }
        for (String segment : token.split("\\.")) {
            try {
                Base64.getUrlDecoder().decode(segment); // a length of 1 modulo 4 cannot be base64url
            } catch (IllegalArgumentException e) {
                throw TokenRejection.MALFORMED.rejected();
            }
        }
        return token;
    }
}
