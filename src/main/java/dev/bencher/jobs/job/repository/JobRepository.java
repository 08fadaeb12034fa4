package dev.bencher.jobs.job.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.observability.JobsMeters;
import dev.bencher.jobs.project.Project;
import dev.bencher.jobs.security.ProjectRoles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The jobs of a project (database.md D13), through Panache on the default persistence unit, one
 * session per question (the list's total is {@link JobCountRepository}'s, on a session and
 * connection of its own, jobs-api.md R25). Every query finds its project through
 * {@link Project#VISIBLE}: a missing, a deleted and a private-but-not-viewable project are the same
 * empty answer, found with the same work (R56, R58).
 */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {

    /**
     * Pages that start before this offset are read straight from the index, as the naive page query
     * of D13 reads them: at most this many entries are walked, which costs less than the deep
     * path's bucket sums and transaction (docs/performance.md "Deep pages").
     */
    private static final long SHALLOW_OFFSET = 1_024;

    /** The filter's jobs with their specs (R18); {@code j.project.uuid} is the column project_uuid. */
    private static final String PAGE = "from Job j join fetch j.spec"
            + " where j.project.uuid = (select p.uuid from Project p where " + Project.VISIBLE + ")";
    private static final String PAGE_WITH_STATUS = PAGE + " and j.status = :status";

    /**
     * A deep page's keys (PageStart): the filter's jobs from a bucket's edge, UUIDs only, so that
     * PostgreSQL skips in the index alone; then the page's jobs by key.
     */
    private static final String KEYS = "select j.uuid from Job j"
            + " where j.project.uuid = (select p.uuid from Project p where " + Project.VISIBLE + ")"
            + " and j.created >= function('job_count_bucket_start', :fromBucket)"
            + " and j.created < function('job_count_bucket_start', :untilBucket)";
    private static final String KEYS_WITH_STATUS = KEYS + " and j.status = :status";
    private static final String BY_KEYS = "from Job j join fetch j.spec where j.uuid in :keys";

    private final JobsMeters meters;

    public JobRepository(JobsMeters meters) {
        this.meters = meters;
    }

    /** R18-R23: the page at {@code offset} of {@code limit} jobs; empty when the project is not visible. */
    public Uni<List<Job>> findPage(JobFilter filter, Direction direction, long offset, int limit) {
        if (limit == 0) {
            return Uni.createFrom().item(List.of());
        }
        return meters.timeQuery("page", () -> Uncancelled.run(() -> offset < SHALLOW_OFFSET
                ? Panache.withSession(() -> find(filter.status().isPresent() ? PAGE_WITH_STATUS : PAGE,
                        byCreated(direction), ProjectParameters.forJobs(filter))
                        .range((int) offset, (int) offset + limit - 1).list())
                : Panache.withTransaction(() -> deepPage(filter, direction, offset, limit))));
    }

    /**
     * R28, R30: the job in the visible project, with its stored output when {@code withOutput} and
     * the job's status is terminal; empty when the project is not visible.
     */
    public Uni<Optional<StoredJob>> findInProject(ProjectRef project, ProjectRoles caller, UUID job, boolean withOutput) {
        Parameters parameters = ProjectParameters.of(project, caller)
                .and("job", job).and("withOutput", withOutput);
        return meters.timeQuery("view", () -> Uncancelled.run(() -> Panache.withSession(() -> getSession()
                .chain(session -> ProjectParameters.bind(session.createNamedQuery("Job.view", Object[].class), parameters)
                        .getResultList()))))
                .map(rows -> rows.stream().findFirst().map(row -> new StoredJob(
                        Optional.ofNullable((Job) row[0]), Optional.ofNullable((String) row[1]))));
    }

    /**
     * A deep page (docs/performance.md "Deep pages"): the bucket sums place it (PageStart), its keys
     * are skipped to in the index alone, then its jobs are read by key. All in one transaction whose
     * snapshot is fixed before the first read, so the sums and the page agree while writers write.
     */
    private Uni<List<Job>> deepPage(JobFilter filter, Direction direction, long offset, int limit) {
        return getSession().chain(session -> session
                // HQL has no statement for the isolation level
                .createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate()
                .chain(() -> ProjectParameters.bind(session.createNamedQuery(
                        filter.status().isPresent() ? "JobCount.bucketsWithStatus" : "JobCount.buckets", Object[].class),
                        ProjectParameters.forJobCounts(filter)).getResultList()))
                .map(buckets -> PageStart.of(buckets.stream().map(JobRepository::bucket).toList(), direction, offset, limit))
                .chain(start -> start.isEmpty() ? Uni.createFrom().item(List.<Job>of()) : pageAt(filter, direction, start.get()));
    }

    private Uni<List<Job>> pageAt(JobFilter filter, Direction direction, PageStart start) {
        Parameters parameters = ProjectParameters.forJobs(filter)
                .and("fromBucket", start.fromBucket())
                .and("untilBucket", start.untilBucket());
        return find(filter.status().isPresent() ? KEYS_WITH_STATUS : KEYS, byCreated(start.reading()), parameters)
                .project(UUID.class)
                .range(start.skip(), start.skip() + start.take() - 1).list()
                .chain(keys -> find(BY_KEYS, byCreated(direction), Parameters.with("keys", keys)).list());
    }

    /** R19, R20: by created, then by UUID, both in the given direction. */
    private static Sort byCreated(Direction direction) {
        Sort.Direction order = direction == Direction.ASC ? Sort.Direction.Ascending : Sort.Direction.Descending;
        return Sort.by("j.created", order).and("j.uuid", order).disableEscaping();
    }

    private static PageStart.Bucket bucket(Object[] row) {
        return new PageStart.Bucket((Integer) row[0], (Long) row[1]);
    }
}
