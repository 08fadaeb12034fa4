package dev.bencher.jobs.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.InvalidJwtSignatureException;

import dev.bencher.jobs.error.Causes;
import dev.bencher.jobs.observability.JobsMeters;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AnonymousAuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.smallrye.mutiny.Uni;

/**
 * Turns the {@code Authorization} header into a Quarkus {@link SecurityIdentity} (auth.md A1-A6):
 * anonymous, or verified by SmallRye JWT ({@code mp.jwt.verify.*}) and given the project roles of
 * its {@code groups} by {@link ProjectRolesAugmentor}. Called by the resource after path and query
 * validation (R17 step 5); a bad token fails the request and is never treated as anonymous (A11).
 */
@ApplicationScoped
public class TokenAuthenticator {

    private final IdentityProviderManager identities;
    private final JobsMeters meters;

    public TokenAuthenticator(IdentityProviderManager identities, JobsMeters meters) {
        this.identities = identities;
        this.meters = meters;
    }

    /** The caller of a request: anonymous without a token, else the verified token's identity. */
    public Uni<SecurityIdentity> authenticate(String authorizationHeader) {
        Optional<String> token = BearerToken.extract(authorizationHeader);
        if (token.isEmpty()) {
            return identities.authenticate(AnonymousAuthenticationRequest.INSTANCE);
        }
        return Uni.createFrom().item(() -> BearerToken.requireCompactJws(token.get()))
                .chain(jws -> identities.authenticate(new TokenAuthenticationRequest(new JsonWebTokenCredential(jws))))
                .onFailure(failure -> !(failure instanceof TokenRejection.Rejected))
                .transform(failure -> reason(failure).rejected())
                .chain(TokenAuthenticator::requireSubjectAndValidity)
                .onFailure(TokenRejection.Rejected.class)
                .invoke(failure -> meters.tokenRejected(TokenRejection.of(failure).tag))
                .onFailure(TokenRejection.Rejected.class)
                .transform(failure -> TokenRejection.of(failure).response);
    }

    /**
     * A4: {@code sub} must be a non-empty string, and {@code nbf}, when present, not later than
     * now (the verifier's one-second clock skew, needed for A5, would let {@code nbf = now + 1} pass).
     */
    private static Uni<SecurityIdentity> requireSubjectAndValidity(SecurityIdentity identity) {
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        if (jwt.getSubject() == null || jwt.getSubject().isEmpty()) {
            return Uni.createFrom().failure(TokenRejection.SUBJECT.rejected());
        }
        if (jwt.getClaim("nbf") instanceof Number notBefore
                && notBefore.longValue() > System.currentTimeMillis() / 1000) {
            return Uni.createFrom().failure(TokenRejection.NOT_YET_VALID.rejected());
        }
        return Uni.createFrom().item(identity);
    }

    /** Why SmallRye JWT refused the token. */
    private static TokenRejection reason(Throwable failure) {
        for (Throwable cause : Causes.of(failure)) {
            if (cause instanceof InvalidJwtSignatureException) {
                return TokenRejection.SIGNATURE;
            }
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return TokenRejection.EXPIRED;
                }
                if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
                    return TokenRejection.NO_EXPIRY;
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING) || invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
                    return TokenRejection.ISSUER;
                }
                if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
                    return TokenRejection.NOT_YET_VALID;
                }
                if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)) {
                    return TokenRejection.AUDIENCE;
                }
                if (invalid.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
                    return TokenRejection.SUBJECT;
                }
            }
        }
        Log.debugf("Token rejected: %s", failure);
        return TokenRejection.INVALID;
    }
}
