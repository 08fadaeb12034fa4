package dev.bencher.jobs.config;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The settings production cannot start without (jobs-api.md R2, auth.md A14, A15). None has a
 * default: a missing one stops the start with SmallRye Config's message naming the property
 * (for example {@code SRCFG00014: The config property mp.jwt.verify.issuer is required ...}),
 * before any datasource or security component reports something less direct.
 */
@Startup
@ApplicationScoped
public class RequiredSettings {

    RequiredSettings(Database database, TokenVerification tokenVerification) {
        // injecting the mappings is what makes them validated at start
    }

    @ConfigMapping(prefix = "quarkus.datasource")
    public interface Database {

        @WithName("reactive.url")
        String reactiveUrl();

        String username();

        String password();
    }

    @ConfigMapping(prefix = "mp.jwt.verify")
    public interface TokenVerification {

        @WithName("publickey.location")
        String publicKeyLocation();

        String issuer();

        /**
         * Every setting under the prefix, the optional ones included (algorithm, clock skew,
         * audiences...): SmallRye JWT reads them itself; listed here so that they are known.
         */
        @WithParentName
        Map<String, String> all();
    }
}
