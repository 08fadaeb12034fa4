package dev.bencher.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.PostgresResource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.restassured.RestAssured;
import io.smallrye.config.SmallRyeConfig;

/**
 * jobs-api.md R1, R2: the port a normal (production) launch listens on is 61016 unless
 * {@code quarkus.http.port} / {@code QUARKUS_HTTP_PORT} says otherwise. Read from the running
 * application's HTTP configuration (every source and profile applied), not from the properties
 * file; the test run itself listens on a random test port.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class DefaultPortTest {

    @Test
    void r1_aNormalLaunchListensOn61016() {
        VertxHttpConfig http = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(VertxHttpConfig.class);
        assertThat(http.determinePort(LaunchMode.NORMAL)).isEqualTo(61016);
        assertThat(http.determinePort(LaunchMode.TEST)).as("tests ask for a random port").isZero();
        assertThat(RestAssured.port).as("the port this test application listens on").isPositive().isNotEqualTo(61016);
    }
}
