package dev.bencher.jobs.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.bencher.jobs.api.JobsQuery;
import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.job.service.JobService;
import io.quarkus.logging.Log;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Before a fresh process first reports ready, it runs the service's own queries for a while, many
 * at once: both pools open their connections, each connection prepares the statements, Hibernate
 * translates each query once, and the JVM starts compiling. The native executable then answers
 * an S5 mix at 300 requests/s from its first ready second without an error; a JVM still does not
 * (its JIT is the limit: docs/performance.md "Cold start", src/bench/REPORT.md). The queries ask for a project that does not exist: they run
 * the statements real requests run, answer nothing, and count in no HTTP metric (in the query
 * timer only). {@code bencher.warmup.duration} bounds it (2 s; 0 turns it off, as the
 * {@code @QuarkusTest} suite does).
 */
@ApplicationScoped
public class Warmup {

    private static final ProjectRef NO_PROJECT = new ProjectRef("bencher-jobs-warm-up", Optional.empty(),
            Optional.of("bencher-jobs-warm-up"));
    private static final SecurityIdentity ANONYMOUS = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
    private static final int CONCURRENCY = 16;

    private final JobService jobs;
    private final Duration duration;

    public Warmup(JobService jobs, @ConfigProperty(name = "bencher.warmup.duration", defaultValue = "2s") Duration duration) {
        this.jobs = jobs;
        this.duration = duration;
    }

    /** Runs the request kinds of the S5 mix in turn, {@link #CONCURRENCY} at a time, until {@code duration} has passed. */
    public Uni<Void> run(Vertx vertx) {
        if (duration.isZero()) {
            return Uni.createFrom().voidItem();
        }
        long until = System.nanoTime() + duration.toNanos();
        List<Supplier<Uni<?>>> kinds = new ArrayList<>();
        kinds.add(() -> jobs.findJobsPage(NO_PROJECT, new JobsQuery(Direction.DESC, 8, 1, Optional.empty()), ANONYMOUS));
        kinds.add(() -> jobs.findJobsPage(NO_PROJECT, new JobsQuery(Direction.DESC, 8, 1, Optional.of(JobStatus.FAILED)), ANONYMOUS));
        kinds.add(() -> jobs.findJobsPage(NO_PROJECT, new JobsQuery(Direction.DESC, 8, 200, Optional.empty()), ANONYMOUS));
        kinds.add(() -> jobs.findJobById(NO_PROJECT, UUID.randomUUID(), ANONYMOUS));
        long started = System.nanoTime();
        return Multi.createBy().repeating().supplier(() -> 0).whilst(ignored -> System.nanoTime() < until)
                .onItem().transformToUni(ignored -> Multi.createFrom().iterable(kinds)
                        .onItem().transformToUniAndMerge(kind -> OwnContext.run(vertx, () -> kind.get().replaceWithVoid())
                                .onFailure().recoverWithNull())
                        .collect().last())
                .merge(CONCURRENCY / kinds.size())
                .collect().last().replaceWithVoid()
                .invoke(() -> Log.infof("Warm-up: the service's queries ran for %d ms before readiness",
                        Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }
}
