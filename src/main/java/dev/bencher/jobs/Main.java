package dev.bencher.jobs;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service. Quarkus answers a request URI that {@link java.net.URI} rejects (a raw
 * {@code {}, a bad {@code %} escape) with an empty 400 before any handler runs; Bencher accepts
 * them (jobs-api.md R4, R8, R14), so that check is switched off and the request gate decides.
 * This is the JVM's place for the switch; a native executable gets it at build time
 * (docs/decisions.md "Raw URIs").
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
