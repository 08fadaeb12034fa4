package dev.bencher.jobs.job.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.job.Direction;
import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.job.Spec;
import dev.bencher.jobs.observability.JobsMeters;
import dev.bencher.jobs.security.ProjectRoles;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * All SQL of the service (database.md D13), one statement per question, each a single round trip:
 * <ul>
 * <li>the list's page and its total run at the same time on two connections (jobs-api.md R25), the
 * total on a pool of its own (docs/performance.md "Two pools");</li>
 * <li>totals are sums over {@code job_count}, which triggers keep exact (V2 migration,
 * docs/job-counts.md), so they cost the same for ten jobs or ten million;</li>
 * <li>a deep page does not walk the rows it skips: it is read from the nearer end, entering the
 * index at the 12-day bucket of {@code created} that holds its first row (R19-R23 unchanged, see
 * {@link #pageSql});</li>
 * <li>every statement finds the project and applies visibility itself ({@link #VISIBLE_PROJECT}):
 * a missing, deleted and private-but-not-viewable project are the same empty answer, found with the
 * same work (R56, R58).</li>
 * </ul>
 */
@ApplicationScoped
public class JobRepository {

    /**
     * The live project named by {@code {project}} (R11: a UUID matches the UUID only, a slug the slug
     * only), if the caller may view it. R58 and auth.md A8 in one place: public projects are open;
     * private ones need the admin role, leadership of the owning organization, or a role on the
     * project. {@code $1} is the UUID or slug, {@code $2} admin, {@code $3} the organizations led,
     * {@code $4} the projects the caller has a role on.
     */
    private static final String VISIBLE_PROJECT = """
            SELECT p.uuid FROM project p
            WHERE p.%s = $1 AND p.deleted IS NULL
              AND (p.visibility = 'public' OR $2 OR p.organization_uuid = ANY ($3) OR p.uuid = ANY ($4))""";

    /** The columns of a job and its spec, in the order {@link #job(Row)} reads them (R32, R34). */
    private static final String JOB_COLUMNS = """
            j.uuid, j.status, j.runner_uuid, j.claimed, j.started, j.completed, j.created, j.modified,
            s.uuid, s.name, s.slug, s.os, s.architecture, s.sandbox, s.cpu, s.memory, s.disk,
            s.network, s.fallback, s.created, s.modified, s.archived""";

    /** The row of a job and of a spec, for {@link #JOB_COLUMNS} over lateral subqueries named j and s. */
    private static final String JOB_ROW = """
            job.uuid, job.status, job.spec_uuid, job.runner_uuid, job.claimed, job.started, job.completed,
            job.created, job.modified""";
    private static final String SPEC_ROW = """
            spec.uuid, spec.name, spec.slug, spec.os, spec.architecture, spec.sandbox, spec.cpu, spec.memory,
            spec.disk, spec.network, spec.fallback, spec.created, spec.modified, spec.archived""";

    /** R30: the statuses whose stored output the view reads. */
    private static final String[] TERMINAL = Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal)
            .map(JobStatus::value).toArray(String[]::new);

    /**
     * The text of each statement, built once per shape ({@code {project}} a UUID or a slug, with or
     * without a status, direction) rather than on every request.
     */
    private static final Map<String, String> STATEMENTS = new ConcurrentHashMap<>();

    private final Pool pool;
    private final Pool countPool;
    private final JobsMeters meters;

    public JobRepository(Pool pool, @ReactiveDataSource("count") Pool countPool, JobsMeters meters) {
        this.pool = pool;
        this.countPool = countPool;
        this.meters = meters;
    }

    /** R18-R25: one page and the total, read in parallel; empty when the project is not visible. */
    public Uni<Optional<JobPage>> findPageWithTotal(JobFilter filter, Direction direction, long offset, int limit) {
        Uni<Optional<List<Job>>> page = meters.timeQuery("page", () -> pool
                .preparedQuery(statement(shape("page", filter) + " " + direction.value(),
                        () -> pageSql(filter, direction)))
                .execute(filterParameters(filter).addLong(offset).addLong((long) limit))
                .map(JobRepository::pageRows));
        Uni<Optional<Long>> total = meters.timeQuery("count", () -> countPool
                .preparedQuery(statement(shape("count", filter), () -> countSql(filter)))
                .execute(filterParameters(filter))
                .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong(0))));
        return Uni.combine().all().unis(page, total)
                .with((jobs, count) -> jobs.isPresent() && count.isPresent()
                        ? Optional.of(new JobPage(jobs.get(), count.get()))
                        : Optional.empty());
    }

    /**
     * R28, R30: the job in the visible project, with its stored output when {@code withOutput} and
     * the job's status is terminal; empty when the project is not visible.
     */
    public Uni<Optional<StoredJob>> findInProject(ProjectRef project, ProjectRoles caller, UUID job, boolean withOutput) {
        String sql = statement(shape("view", project), () -> "SELECT project.uuid, " + JOB_COLUMNS + ", o.output::text"
                + " FROM (" + visibleProject(project) + ") AS project"
                + " LEFT JOIN (job j JOIN spec s ON s.uuid = j.spec_uuid) ON j.project_uuid = project.uuid AND j.uuid = $5"
                + " LEFT JOIN job_output o ON o.job_uuid = j.uuid AND $6 AND j.status = ANY ($7)");
        Tuple parameters = projectParameters(project, caller)
                .addUUID(job)
                .addBoolean(withOutput)
                .addArrayOfString(TERMINAL);
        return meters.timeQuery("view", () -> pool.preparedQuery(sql).execute(parameters))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new StoredJob(
                            row.getUUID(1) == null ? Optional.empty() : Optional.of(job(row)),
                            Optional.ofNullable(row.getString(23))));
                });
    }

    /**
     * R19-R23 without walking the skipped rows. The rows at positions [offset, offset + limit) in
     * one direction are the rows at [total - offset - limit, total - offset) in the other, because
     * (created, uuid) is a total order (R20), so the statement reads from the nearer end. From that
     * end it does not skip row by row either: {@code job_count} counts the jobs per 12-day bucket of
     * {@code created} (V2 migration), so a running sum over the project's buckets names the bucket
     * that holds the page's first row and how many rows come before it; the index
     * (project, [status,] created, uuid) is entered at that bucket's edge and walked for the rest
     * of the offset only, which is at most one bucket's rows. Counts and jobs are read in the same
     * snapshot, so the page is exact. Jobs and specs are then read by primary key for the page's
     * rows alone ({@code OFFSET 0} keeps PostgreSQL's generic plan, which cannot know the page
     * size, from joining them to the whole table). One-time filters make PostgreSQL run only one of
     * the two branches.
     */
    private static String pageSql(JobFilter filter, Direction direction) {
        String forward = direction.name();
        String backward = direction.reversed().name();
        boolean byStatus = filter.status().isPresent();
        int first = byStatus ? 6 : 5;
        String offset = "$" + first + "::bigint";
        String limit = "$" + (first + 1) + "::bigint";
        String total = "(SELECT n FROM total)";
        String rowsAfter = "greatest(" + total + " - " + offset + " - " + limit + ", 0)";
        String nearStart = "2 * " + offset + " + " + limit + " <= " + total;
        return "WITH project AS (" + visibleProject(filter.project()) + "),"
                + " buckets AS (SELECT c.created_bucket AS b, sum(c.n)::bigint AS n FROM job_count c"
                + " WHERE c.project_uuid = (SELECT uuid FROM project)" + (byStatus ? " AND c.status = $5" : "")
                + " GROUP BY c.created_bucket),"
                + " total AS (SELECT coalesce(sum(n), 0)::bigint AS n FROM buckets),"
                + " ahead AS (" + bucketAt(forward, offset) + "),"
                + " behind AS (" + bucketAt(backward, rowsAfter) + "),"
                + " keys AS (" + keys(byStatus, forward, nearStart, "ahead", limit, offset)
                + " UNION ALL "
                + keys(byStatus, backward, "NOT (" + nearStart + ")", "behind",
                        "greatest(least(" + limit + ", " + total + " - " + offset + "), 0)", rowsAfter)
                + ")"
                + " SELECT project.uuid, " + JOB_COLUMNS
                + " FROM project LEFT JOIN (keys k"
                + " CROSS JOIN LATERAL (SELECT " + JOB_ROW + " FROM job WHERE job.uuid = k.uuid OFFSET 0) AS j"
                + " CROSS JOIN LATERAL (SELECT " + SPEC_ROW + " FROM spec WHERE spec.uuid = j.spec_uuid OFFSET 0) AS s)"
                + " ON true"
                + " ORDER BY k.created " + forward + ", k.uuid " + forward;
    }

    /** The bucket holding the row at {@code position} in this direction, and the rows before it. */
    private static String bucketAt(String direction, String position) {
        return "SELECT b, before FROM (SELECT b, sum(n) OVER w - n AS before, sum(n) OVER w AS through"
                + " FROM buckets WINDOW w AS (ORDER BY b " + direction + ")) AS running"
                + " WHERE through > " + position + " ORDER BY b " + direction + " LIMIT 1";
    }

    /** One branch: the page's keys in this direction, entering the index at the start bucket's edge. */
    private static String keys(boolean byStatus, String direction, String condition, String start, String limit,
            String offset) {
        String edge = direction.equals("DESC")
                ? "j.created < job_count_bucket_start((SELECT b FROM " + start + ") + 1)"
                : "j.created >= job_count_bucket_start((SELECT b FROM " + start + "))";
        return "(SELECT j.uuid, j.created FROM job j WHERE j.project_uuid = (SELECT uuid FROM project)"
                + (byStatus ? " AND j.status = $5" : "") + " AND " + condition + " AND " + edge
                + " ORDER BY j.created " + direction + ", j.uuid " + direction
                + " LIMIT " + limit + " OFFSET " + offset + " - (SELECT before FROM " + start + "))";
    }

    /** R24: the total of the same filter as the page; no row when the project is not visible. */
    private static String countSql(JobFilter filter) {
        return "SELECT coalesce(sum(c.n), 0)::bigint FROM (" + visibleProject(filter.project()) + ") AS project"
                + " LEFT JOIN job_count c ON c.project_uuid = project.uuid"
                + (filter.status().isPresent() ? " AND c.status = $5" : "")
                + " GROUP BY project.uuid";
    }

    /** The statement of this shape, built the first time it is asked for. */
    private static String statement(String shape, Supplier<String> text) {
        return STATEMENTS.computeIfAbsent(shape, ignored -> text.get());
    }

    /** A statement's shape: its kind and whether {@code {project}} is a UUID or a slug. */
    private static String shape(String kind, ProjectRef project) {
        return kind + (project.uuid().isPresent() ? " uuid" : " slug");
    }

    /** A list statement's shape: also whether a status is filtered. */
    private static String shape(String kind, JobFilter filter) {
        return shape(kind, filter.project()) + (filter.status().isPresent() ? " status" : "");
    }

    private static String visibleProject(ProjectRef project) {
        return VISIBLE_PROJECT.formatted(project.uuid().isPresent() ? "uuid" : "slug");
    }

    private static Tuple filterParameters(JobFilter filter) {
        Tuple parameters = projectParameters(filter.project(), filter.caller());
        filter.status().map(JobStatus::value).ifPresent(parameters::addString);
        return parameters;
    }

    private static Tuple projectParameters(ProjectRef project, ProjectRoles caller) {
        return Tuple.of(project.uuid().isPresent() ? project.uuid().get() : project.slug().orElseThrow(),
                caller.admin(),
                caller.leaderOf().toArray(UUID[]::new),
                caller.projectsWithRole().toArray(UUID[]::new));
    }

    /** No row: the project is not visible. One row without a job: an empty page. */
    private static Optional<List<Job>> pageRows(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        List<Job> jobs = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row.getUUID(1) != null) {
                jobs.add(job(row));
            }
        }
        return Optional.of(jobs);
    }

    /** Columns 1-22: {@link #JOB_COLUMNS}. */
    private static Job job(Row row) {
        Spec spec = new Spec(row.getUUID(9), row.getString(10), row.getString(11), row.getString(12),
                row.getString(13), row.getString(14), row.getInteger(15), row.getLong(16), row.getLong(17),
                row.getBoolean(18), instant(row, 19), instant(row, 20), instant(row, 21), instant(row, 22));
        return new Job(row.getUUID(1), JobStatus.stored(row.getString(2)), spec, row.getUUID(3), instant(row, 4), instant(row, 5),
                instant(row, 6), instant(row, 7), instant(row, 8));
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
