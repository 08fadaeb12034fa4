package dev.bencher.jobs.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.metamodel.EntityType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.hibernate.reactive.mutiny.Mutiny;

import dev.bencher.jobs.error.DatabaseFailures;
import dev.bencher.jobs.observability.JobsMeters;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Readiness follows the schema (docs/operations.md "Adopting an existing database"): at start and
 * then every {@code bencher.schema.check-interval}, the service reads every entity it maps with a
 * query that selects all its columns and no row, and calls the one database function its queries
 * use. PostgreSQL then names whatever is missing: a table (V2's {@code job_count} before the
 * migration), a column, the function, or the role's {@code SELECT} privilege. Until a check has
 * passed, and while one finds something missing, readiness is DOWN with that reason (Kubernetes
 * keeps the old pods serving) and one ERROR line says what is missing and how to apply it; API
 * requests meanwhile fail on the same error and answer 503 with Retry-After (R57,
 * {@link DatabaseFailures#isSchemaMissing}). When the migration is applied, the next check passes
 * and the pod becomes ready by itself. A check that cannot reach the database keeps the last
 * verdict: through a later outage the pod stays ready and answers 503 itself (R57), rather than
 * leaving every client with the gateway's own error; {@code bencher_jobs_database_reachable} then
 * says 0 (docs/decisions.md "Readiness follows the schema").
 */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {

    /** The function the deep page's queries call (job/repository/JobRepository), V2's. */
    private static final String FUNCTION_PROBE = "select function('job_count_bucket_start', 0)";

    private final Mutiny.SessionFactory sessions;
    private final Warmup warmup;
    private final Duration interval;
    private final String role;
    private volatile Verdict verdict = new Verdict(State.UNCHECKED, "not checked yet");
    private volatile boolean reachable;
    private volatile boolean warmedUp;
    private final AtomicBoolean checking = new AtomicBoolean();

    public SchemaReadiness(Mutiny.SessionFactory sessions, Warmup warmup,
            @ConfigProperty(name = "bencher.schema.check-interval", defaultValue = "5s") Duration interval,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "the service's role") String role) {
        this.sessions = sessions;
        this.warmup = warmup;
        this.interval = interval;
        this.role = role;
    }

    void start(@Observes StartupEvent event, Vertx vertx, JobsMeters meters) {
        meters.databaseReachable(() -> reachable);
        check(vertx);
        vertx.setPeriodic(interval.toMillis(), timer -> check(vertx));
    }

    @Override
    public HealthCheckResponse call() {
        Verdict current = verdict;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Database schema").status(current.ready());
        return current.ready() ? response.build() : response.withData("reason", current.reason()).build();
    }

    /**
     * One check, on a Vert.x context of its own, unless the last one is still running; its verdict
     * replaces the last one. Before the first passing check turns the pod ready, the warm-up runs.
     */
    private void check(Vertx vertx) {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        OwnContext.run(vertx, this::probe)
                .call(failures -> failures.isEmpty() && !warmedUp ? warmup.run(vertx).invoke(() -> warmedUp = true)
                        : Uni.createFrom().voidItem())
                .eventually(() -> checking.set(false))
                .subscribe().with(this::record, failure -> Log.error("The schema check failed", failure));
    }

    /** Every mapped entity and the function, each on its own stateless session; the failures, or none. */
    private Uni<List<Throwable>> probe() {
        List<Uni<Throwable>> probes = new ArrayList<>();
        for (EntityType<?> entity : sessions.getMetamodel().getEntities()) {
            probes.add(failureOf(sessions.withStatelessSession(session -> session.createQuery(noRowOf(entity.getJavaType()))
                    .getResultList())));
        }
        probes.add(failureOf(sessions.withStatelessSession(session -> session.createQuery(FUNCTION_PROBE, Object.class)
                .getResultList())));
        return Multi.createFrom().iterable(probes).onItem().transformToUniAndConcatenate(probe -> probe)
                .filter(Objects::nonNull).collect().asList();
    }

    private <T> CriteriaQuery<T> noRowOf(Class<T> entity) {
        CriteriaBuilder criteria = sessions.getCriteriaBuilder();
        CriteriaQuery<T> query = criteria.createQuery(entity);
        return query.select(query.from(entity)).where(criteria.disjunction());
    }

    private static Uni<Throwable> failureOf(Uni<?> probe) {
        return probe.<Throwable> replaceWith((Throwable) null).onFailure().recoverWithItem(failure -> failure);
    }

    private void record(List<Throwable> failures) {
        reachable = failures.stream().noneMatch(DatabaseFailures::isUnavailable);
        Verdict previous = verdict;
        Verdict next = judge(failures, previous);
        verdict = next;
        if (next.state() == previous.state() && next.reason().equals(previous.reason())) {
            return;
        }
        switch (next.state()) {
            case READY -> Log.info("Database schema ready: the tables, columns and function the service reads are there");
            case MISSING -> Log.errorf("Database schema not ready, readiness DOWN, API requests answer 503: %s", next.reason());
            case UNREACHABLE, FAILED -> Log.errorf("Database schema not checked, readiness DOWN: %s", next.reason());
            case UNCHECKED -> throw new IllegalStateException("a check always judges");
        }
    }

    private Verdict judge(List<Throwable> failures, Verdict previous) {
        if (failures.isEmpty()) {
            return new Verdict(State.READY, "");
        }
        List<String> missing = failures.stream().filter(DatabaseFailures::isSchemaMissing)
                .map(DatabaseFailures::message).distinct().toList();
        if (!missing.isEmpty()) {
            boolean privilege = failures.stream().anyMatch(DatabaseFailures::isPrivilegeMissing);
            return new Verdict(State.MISSING, String.join("; ", missing) + ". " + (privilege
                    ? "Grant the role its privileges: GRANT SELECT ON organization, project, spec, runner, job,"
                            + " job_output, job_count TO " + role + " (docs/operations.md \"Secrets\")."
                    : "Apply the migrations with the schema owner's role: the migration Job, or once"
                            + " QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_INIT_AND_EXIT=true"
                            + " (docs/operations.md \"Adopting an existing database\")."));
        }
        Throwable first = failures.get(0);
        if (!DatabaseFailures.isUnavailable(first)) {
            return new Verdict(State.FAILED, "the schema check failed: " + DatabaseFailures.message(first));
        }
        // An outage after a verdict keeps it (the datasource checks and R57 answer for the outage).
        return previous.state() == State.READY || previous.state() == State.MISSING ? previous
                : new Verdict(State.UNREACHABLE, "cannot reach PostgreSQL: " + DatabaseFailures.message(first));
    }

    private enum State {
        UNCHECKED, READY, MISSING, UNREACHABLE, FAILED
    }

    /** The last check's outcome, and why the service is not ready when it is not. */
    private record Verdict(State state, String reason) {

        boolean ready() {
            return state == State.READY;
        }
    }
}
