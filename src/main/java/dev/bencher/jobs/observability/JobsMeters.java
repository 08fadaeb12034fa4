package dev.bencher.jobs.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * The domain meters an operator charts beside the HTTP ones. Tags come from small fixed sets
 * (query kinds, rejection reasons); never a project, job or user.
 */
@ApplicationScoped
public class JobsMeters {

    private final MeterRegistry registry;
    private final Counter outputsServed;
    private final Map<String, Timer> queryTimers = new ConcurrentHashMap<>();

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
