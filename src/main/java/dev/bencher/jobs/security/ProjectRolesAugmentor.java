package dev.bencher.jobs.security;

import java.io.IOException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Attaches to every verified token the {@link ProjectRoles} of its raw {@code groups} claim
 * (auth.md A7). Anonymous identities get none, so they may view no private project (A8).
 */
@ApplicationScoped
public class ProjectRolesAugmentor implements SecurityIdentityAugmentor {

    private final ObjectMapper json;

    public ProjectRolesAugmentor(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(ProjectRoles.fromGroups(payload(jwt).get("groups")).attachTo(identity));
    }

    /** The verified token's claims as JSON, so a {@code groups} that is no array of strings grants nothing. */
    private com.fasterxml.jackson.databind.JsonNode payload(JsonWebToken jwt) {
        try {
            return json.readTree(Base64.getUrlDecoder().decode(jwt.getRawToken().split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException("a verified token has no JSON payload", e);
        }
    }
}
