package dev.bencher.jobs.security;

import dev.bencher.jobs.error.ApiException;

/**
 * Why a presented token was refused (auth.md A2-A4): the response it gets and the {@code reason}
 * tag of the rejection meter. The texts of the 400s are the {@code <reason>} of A4; they never
 * echo the token or its claims.
 */
enum TokenRejection {
    PROJECT_KEY("project_key", ApiException.projectKey()),
    USER_KEY("user_key", ApiException.userKey()),
    MALFORMED("malformed", ApiException.malformedToken()),
    EXPIRED("expired", ApiException.tokenRejected("the token has expired")),
    NO_EXPIRY("no_expiry", ApiException.tokenRejected("the token has no expiry (`exp`)")),
    SIGNATURE("signature", ApiException.tokenRejected("the signature does not verify")),
    ISSUER("issuer", ApiException.tokenRejected("the issuer (`iss`) is missing or not accepted")),
    NOT_YET_VALID("not_yet_valid", ApiException.tokenRejected("the token is not valid yet (`nbf`)")),
    AUDIENCE("audience", ApiException.tokenRejected("the audience (`aud`) is not accepted")),
    SUBJECT("subject", ApiException.tokenRejected("the token has no subject (`sub`)")),
    INVALID("invalid", ApiException.tokenRejected("the token could not be verified"));

    final String tag;
    final ApiException response;

    TokenRejection(String tag, ApiException response) {
        this.tag = tag;
        this.response = response;
    }

    /** Carries the reason from where it is found to {@link TokenAuthenticator}, which answers it. */
    static final class Rejected extends RuntimeException {
        final TokenRejection reason;

        Rejected(TokenRejection reason) {
            super(reason.tag, null, false, false);
            this.reason = reason;
        }
    }

    Rejected rejected() {
        return new Rejected(this);
    }

    /** The reason a {@link Rejected} failure carries. */
    static TokenRejection of(Throwable rejected) {
        return ((Rejected) rejected).reason;
    }
}
