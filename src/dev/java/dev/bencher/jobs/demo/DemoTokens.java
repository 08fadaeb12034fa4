package dev.bencher.jobs.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;

/**
 * Dev mode only (compiled by the Maven profile {@code demo}, active only in the dev build profile):
 * prints ready-to-use tokens for the demo roles, signed with the dev-only key in
 * {@code src/dev/resources/dev-jwt}, which never enters the production artifact.
 */
@IfBuildProfile("dev")
public class DemoTokens {

    private static final String ORGANIZATION = "0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff";
    private static final String PRIVATE_PROJECT = "0190f7a3-1c2d-7e3f-8a4b-5c6d7e8f9a0c";

    void print(@Observes StartupEvent event, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        roles.put("admin", Set.of("admin"));
        roles.put("org leader", Set.of("org:" + ORGANIZATION + ":leader"));
        roles.put("org member (no view on private projects)", Set.of("org:" + ORGANIZATION + ":member"));
        roles.put("project viewer of acme-secret", Set.of("project:" + PRIVATE_PROJECT + ":viewer"));
        roles.put("no roles", Set.of());
        StringBuilder text = new StringBuilder("Demo tokens (dev mode only, valid 30 days):\n");
        roles.forEach((name, groups) -> text.append("  ").append(name).append(":\n    ")
                .append(Jwt.issuer(issuer)
                        .subject("demo-" + name.split(" ")[0] + "@example.test")
                        .groups(groups)
                        .expiresIn(Duration.ofDays(30))
                        .sign("dev-jwt/private-key.pem"))
                .append('\n'));
        text.append("Try: curl -i http://localhost:61016/v0/projects/acme-secret/jobs -H \"Authorization: Bearer <token>\"");
        Log.info(text);
    }
}
