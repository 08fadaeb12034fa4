package dev.bencher.jobs.job.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.job.JobOutput;
import dev.bencher.jobs.observability.JobsMeters;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The only class that queries jobs (database.md D13). The page goes through Panache on the
 * request's session; the count runs at the same time on a connection of its own (R25), taken
 * from a separate pool (datasource {@code count}): two concurrent queries on one Hibernate
 * Reactive session are illegal (style.md), and two connections taken one after the other from the
 * same pool deadlock under load, each request holding one and waiting for its second.
 */
@ApplicationScoped
@WithSession
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {

    private static final String FETCH_SPEC = "from Job j join fetch j.spec where ";

    private final Pool countPool;
    private final JobsMeters meters;

    public JobRepository(@ReactiveDataSource("count") Pool countPool, JobsMeters meters) {
        this.countPool = countPool;
        this.meters = meters;
    }

    /** Reads one page and the total in parallel (R21-R25). */
    public Uni<JobPage> findPageWithTotal(JobFilter filter, boolean ascending, long offset, int limit) {
        return Uni.combine().all()
                .unis(page(filter, ascending, offset, limit), meters.timeQuery("count", () -> count(filter)))
                .with(JobPage::new);
    }

    public Uni<Job> findInProject(UUID job, UUID project) {
        return find(FETCH_SPEC + "j.uuid = ?1 and j.projectUuid = ?2", job, project).firstResult();
    }

    public Uni<JobOutput> findOutput(UUID job) {
        return getSession().chain(session -> session.find(JobOutput.class, job));
    }

    /**
     * An offset beyond Panache's int range (R22) can only be past the end (a project would need more
     * than 2^31 jobs), so that page, like a page of size 0, is empty without a query.
     */
    private Uni<List<Job>> page(JobFilter filter, boolean ascending, long offset, int limit) {
        if (limit == 0 || offset + limit - 1 > Integer.MAX_VALUE) {
            return Uni.createFrom().item(List.of());
        }
        return meters.timeQuery("page", () -> find(FETCH_SPEC + filter.hqlWhere(), sort(ascending), filter.hqlParameters())
                .range((int) offset, (int) (offset + limit - 1))
                .list());
    }

    private Uni<Long> count(JobFilter filter) {
        return countPool.preparedQuery("SELECT count(*) FROM job WHERE " + filter.sqlWhere())
                .execute(filter.sqlParameters())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** R20: created, then uuid, in the requested direction: a total order, so paging is stable. */
    private static Sort sort(boolean ascending) {
        Sort.Direction direction = ascending ? Sort.Direction.Ascending : Sort.Direction.Descending;
        return Sort.by("j.created", direction).and("j.uuid", direction);
    }
}
