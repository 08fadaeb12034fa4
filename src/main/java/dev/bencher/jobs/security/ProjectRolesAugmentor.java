package dev.bencher.jobs.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

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

    /**
     * A7: claims other than {@code groups} are ignored, whatever their shape: they are skipped
     * without being built, so no nesting depth or number length limit applies to them.
     */
    private static final JsonFactory CLAIMS = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(ProjectRoles.fromGroups(groups(jwt)).attachTo(identity));
    }

    /**
     * The string elements of the verified token's raw {@code groups} claim; none when it is absent
     * or not an array (A7). Read from the payload itself: SmallRye would turn a string into a
     * one-element set.
     */
    private static List<String> groups(JsonWebToken jwt) {
        try (JsonParser parser = CLAIMS.createParser(Base64.getUrlDecoder().decode(jwt.getRawToken().split("\\.")[1]))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String claim = parser.currentName();
                JsonToken value = parser.nextToken();
                if (claim.equals("groups") && value == JsonToken.START_ARRAY) {
                    return strings(parser);
                }
                parser.skipChildren();
            }
            return List.of();
        } catch (IOException e) {
            throw new IllegalStateException("a verified token has no JSON payload", e);
        }
    }

    private static List<String> strings(JsonParser parser) throws IOException {
        List<String> strings = new ArrayList<>();
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            if (element == JsonToken.VALUE_STRING) {
                strings.add(parser.getText());
            }
            parser.skipChildren();
        }
        return strings;
    }
}
