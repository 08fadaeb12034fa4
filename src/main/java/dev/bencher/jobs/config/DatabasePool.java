package dev.bencher.jobs.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * Creates both reactive pools (the default one and the list's {@code count} pool) with the settings
 * Quarkus has no property for: the timeouts that make a database outage answer 503 quickly instead
 * of hanging (jobs-api.md R57): how long a request waits for a pooled connection, how long opening a
 * connection may take, how many requests may wait at all; and the length up to which a statement is
 * kept prepared on its connection (a longer statement than the client's default of 2,048
 * characters, such as a page for a caller with many project roles, would otherwise be parsed and
 * planned on every request). Idle and max-lifetime
 * eviction, the statement cache itself and the statement timeout are plain Quarkus properties
 * (application.properties, "Datasource").
 */
@Singleton
public class DatabasePool {

    /** Longer than any statement Hibernate generates for the queries of {@code job/repository}. */
    private static final int PREPARED_STATEMENT_SQL_LIMIT = 16_384;

    @Produces
    @Singleton
    PgPoolCreator defaultPool(Timeouts timeouts) {
        return input -> create(input, "default", timeouts);
    }

    @Produces
    @Singleton
    @ReactiveDataSource("count")
    PgPoolCreator countPool(Timeouts timeouts) {
        return input -> create(input, "count", timeouts);
    }

    private static Pool create(PgPoolCreator.Input input, String name, Timeouts timeouts) {
        PoolOptions pool = input.poolOptions()
                .setName(name) // the pool_name of the sql_pool_* metrics
                .setConnectionTimeout((int) timeouts.acquisitionTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(timeouts.maxWaitQueueSize());
        List<SqlConnectOptions> servers = input.pgConnectOptionsList().stream()
                .map(server -> (SqlConnectOptions) server
                        .setConnectTimeout((int) timeouts.connectTimeout().toMillis())
                        .setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT))
                .toList();
        return PgBuilder.pool().with(pool).connectingTo(servers).using(input.vertx()).build();
    }

    /** {@code bencher.database.*}: see README "Operating the service". */
    @ConfigMapping(prefix = "bencher.database")
    public interface Timeouts {

        /** Longest wait for a pooled connection before the request fails with 503. */
        @WithDefault("2s")
        Duration acquisitionTimeout();

        /** Longest TCP + PostgreSQL handshake for a new connection. */
        @WithDefault("2s")
        Duration connectTimeout();

        /**
         * Requests that may wait for a connection at once; beyond that they fail at once with 503.
         * About the acquisition timeout's worth of arrivals at a pod's saturation (~2 s x ~500/s), so a
         * short stall is ridden out rather than shed (the soak, docs/performance.md).
         */
        @WithDefault("1000")
        int maxWaitQueueSize();
    }
}
