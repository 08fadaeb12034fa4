package dev.bencher.jobs.security;

import java.io.IOException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives every verified token a permission checker for {@link ViewProjectPermission}, built from the
 * raw {@code groups} claim (auth.md A7, A8). Anonymous identities get none, so they may view no
 * private project.
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
        ProjectRoles roles = ProjectRoles.fromGroups(payload(jwt).get("groups"));
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addPermissionChecker(permission -> Uni.createFrom().item(
                        permission instanceof ViewProjectPermission view && roles.canView(view)))
                .build());
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
