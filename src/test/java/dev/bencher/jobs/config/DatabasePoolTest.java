package dev.bencher.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bencher.jobs.testsupport.PostgresResource;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The count pool (R25) takes every session setting from the main pool's configuration: both
 * sessions run with the statement timeout of R57 and without JIT (application.properties).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class DatabasePoolTest {

    @Inject
    Pool pool;

    @Inject
    @ReactiveDataSource("count")
    Pool countPool;

    @Test
    void r25_r57_theCountPoolHasTheMainPoolsSessionSettings() {
        for (Pool each : new Pool[] { pool, countPool }) {
            Row row = each.query("SELECT current_setting('statement_timeout'), current_setting('jit')").execute()
                    .await().atMost(Duration.ofSeconds(10)).iterator().next();
            assertThat(row.getString(0)).isEqualTo("5s");
            assertThat(row.getString(1)).isEqualTo("off");
        }
    }
}
