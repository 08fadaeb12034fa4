package dev.bencher.jobs.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The service's metrics: the domain meters an operator charts beside the HTTP ones, and the route
 * template of the HTTP ones. Tags come from small fixed sets (route templates, query kinds,
 * rejection reasons); never a project, job or user.
 */
@ApplicationScoped
public class JobsMeters {

    private final MeterRegistry registry;
    private final Counter outputsServed;
    private final Map<String, Timer> queryTimers = new ConcurrentHashMap<>();

    /** The Vert.x context key Quarkus' Micrometer binder reads the {@code uri} tag from. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    public JobsMeters(MeterRegistry registry) {
        this.registry = registry;
        this.outputsServed = Counter.builder("bencher.jobs.outputs.served")
                .description("Job outputs included in view responses (R30)")
                .register(registry);
    }

    /** Times a database query; {@code query} names it: {@code page} or {@code count} of the list (R25), {@code view}. */
    public <T> Uni<T> timeQuery(String query, Supplier<Uni<T>> work) {
        Timer timer = queryTimers.computeIfAbsent(query, name -> Timer.builder("bencher.jobs.db.query")
                .description("Latency of the service's database queries")
                .tag("query", name)
                .register(registry));
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return work.get().onTermination().invoke(() -> sample.stop(timer));
        });
    }

    /**
     * The {@code uri} tag of this request's {@code http_server_requests_seconds}: a route template
     * (see {@link AccessLog}), never the raw path, so series do not grow with projects or jobs.
     */
    static void tagHttpRoute(String route) {
        Vertx.currentContext().putLocal(URL_PATH_TEMPLATE, route);
    }

    public void outputServed() {
        outputsServed.increment();
    }

    /** A presented token was refused; {@code reason} is a fixed word (auth.md A2-A4). */
    public void tokenRejected(String reason) {
        Counter.builder("bencher.jobs.token.rejections")
                .description("Tokens refused, by reason (auth.md A2-A4)")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
