package dev.bencher.jobs.job.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.bencher.jobs.observability.JobsMeters;
import dev.bencher.jobs.project.JobCount;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.smallrye.mutiny.Uni;

/**
 * X-Total-Count (jobs-api.md R24) from {@link JobCount}, on the {@code count} persistence unit: its
 * own sessions on the {@code count} datasource's pool, so the total runs at the same time as the
 * page (R25) and a list request never waits for a second connection of a pool it holds one of
 * (docs/performance.md "Two pools"). A stateless session: one scalar, nothing to keep.
 */
@ApplicationScoped
public class JobCountRepository {

    private final Mutiny.SessionFactory counts;
    private final JobsMeters meters;

    public JobCountRepository(@PersistenceUnit("count") Mutiny.SessionFactory counts, JobsMeters meters) {
        this.counts = counts;
        this.meters = meters;
    }

    /** The number of jobs the filter selects; empty when the project is not visible (R58). */
    public Uni<Optional<Long>> total(JobFilter filter) {
        String query = filter.status().isPresent() ? "JobCount.totalWithStatus" : "JobCount.total";
        return meters.timeQuery("count", () -> Uncancelled.run(() -> counts.withStatelessSession(session -> ProjectParameters
                .bind(session.createNamedQuery(query, Long.class), ProjectParameters.forJobCounts(filter))
                .getResultList())))
                .map(totals -> totals.stream().findFirst());
    }
}
