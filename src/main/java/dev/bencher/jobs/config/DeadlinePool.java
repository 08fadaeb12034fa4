package dev.bencher.jobs.config;

import java.time.Duration;
import java.util.function.Function;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

/**
 * A pool whose wait for a connection ends after the acquisition timeout, as the Vert.x pool's own
 * timeout would, but with no connection lost. With the Vert.x pool's timeout (4.5.27), Hibernate
 * Reactive's sessions lost a connection each time a wait timed out under load while connections were
 * being handed back: after one burst every connection was gone for good and every query timed out
 * (docs/performance.md "Cold start"; PoolExhaustionTest). Here the Vert.x pool waits without
 * a timeout; the caller's wait fails after {@code timeout} with the same {@code Timeout} failure
 * (jobs-api.md R57: 503), and a connection that arrives after that goes straight back to the pool.
 * Requests that may wait at all stay bounded by the pool's wait queue. {@code withConnection} and
 * {@code withTransaction} are Pool's own, through {@link #getConnection()}.
 */
@SuppressWarnings("deprecation") // Quarkus 3.33 takes the reactive PostgreSQL pool as a PgPool
final class DeadlinePool implements PgPool {

    private final Pool pool;
    private final Vertx vertx;
    private final long timeoutMillis;

    DeadlinePool(Pool pool, Vertx vertx, Duration timeout) {
        this.pool = pool;
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public Future<SqlConnection> getConnection() {
        if (timeoutMillis <= 0) { // an acquisition timeout of 0: wait as long as it takes
            return pool.getConnection();
        }
        Promise<SqlConnection> answer = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> answer.tryFail(new NoStackTraceThrowable("Timeout")));
        pool.getConnection().onComplete(acquired -> {
            vertx.cancelTimer(timer);
            if (acquired.failed()) {
                answer.tryFail(acquired.cause());
            } else if (!answer.tryComplete(acquired.result())) {
                acquired.result().close(); // too late: back to the pool, unused
            }
        });
        return answer.future();
    }

    @Override
    public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
        getConnection().onComplete(handler);
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return pool.query(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return pool.preparedQuery(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return pool.preparedQuery(sql, options);
    }

    @Override
    public PgPool connectHandler(Handler<SqlConnection> handler) {
        pool.connectHandler(handler);
        return this;
    }

    @Override
    public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
        pool.connectionProvider(provider);
        return this;
    }

    @Override
    public int size() {
        return pool.size();
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        pool.close(handler);
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }
}
