package dev.bencher.jobs.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * Creates both reactive pools (the default one and the list's {@code count} pool) with the settings
 * Quarkus has no single property for: TLS to PostgreSQL, set once for both pools (and, in
 * application.properties, for Flyway's JDBC connection) with libpq's names and meanings
 * ({@code bencher.database.ssl-mode}, {@code ssl-root-cert}; docs/operations.md "TLS to PostgreSQL");
 * the timeouts that make a database outage answer 503 quickly instead
 * of hanging (jobs-api.md R57): how long a request waits for a pooled connection ({@link DeadlinePool}), how long opening a
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
    PgPoolCreator defaultPool(Settings settings) {
        return input -> create(input, "default", settings);
    }

    @Produces
    @Singleton
    @ReactiveDataSource("count")
    PgPoolCreator countPool(Settings settings) {
        return input -> create(input, "count", settings);
    }

    private static Pool create(PgPoolCreator.Input input, String name, Settings settings) {
        PoolOptions pool = input.poolOptions()
                .setName(name) // the pool_name of the sql_pool_* metrics
                .setConnectionTimeout(0) // DeadlinePool times the wait instead
                .setMaxWaitQueueSize(settings.maxWaitQueueSize());
        List<SqlConnectOptions> servers = input.pgConnectOptionsList().stream()
                .map(server -> (SqlConnectOptions) tls(server, settings)
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT))
                .toList();
        return new DeadlinePool(PgBuilder.pool().with(pool).connectingTo(servers).using(input.vertx()).build(),
                input.vertx(), settings.acquisitionTimeout());
    }

    /**
     * libpq's modes: {@code require} encrypts without checking the certificate; {@code verify-ca}
     * checks it was signed by the CA of {@code ssl-root-cert}; {@code verify-full} also that it
     * names the host of the URL.
     */
    private static PgConnectOptions tls(PgConnectOptions server, Settings settings) {
        SslMode mode = settings.sslMode();
        server.setSslMode(mode);
        if (mode == SslMode.REQUIRE || mode == SslMode.PREFER || mode == SslMode.ALLOW) {
            return server.setTrustAll(true);
        }
        if (mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL) {
            String rootCert = settings.sslRootCert().orElseThrow(() -> new IllegalArgumentException(
                    "bencher.database.ssl-root-cert (the CA certificate, PEM) is required with bencher.database.ssl-mode=" + mode));
            server.setPemTrustOptions(new PemTrustOptions().addCertPath(rootCert));
            server.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
        }
        return server;
    }

    /** {@code bencher.database.*}: see README "Operating the service". */
    @ConfigMapping(prefix = "bencher.database")
    public interface Settings {

        /** libpq's sslmode: disable, allow, prefer, require, verify-ca, verify-full. */
        @WithDefault("disable")
        SslMode sslMode();

        /** The CA certificate (PEM file) that signs the server's, for verify-ca and verify-full. */
        Optional<String> sslRootCert();

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
