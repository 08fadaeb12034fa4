package dev.bencher.jobs.project;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A row of {@code job_count} (V2 migration, docs/job-counts.md): how many of a project's jobs with a
 * status were created in a 12-day bucket, split over the writing backends' rows. Triggers keep the
 * sums exact; the service only reads them:
 * <ul>
 * <li>{@code JobCount.total*}: X-Total-Count (jobs-api.md R24), on the {@code count} persistence
 * unit; no row when the project is not visible (R58);</li>
 * <li>{@code JobCount.buckets*}: the jobs per bucket, in the transaction of a deep page
 * (docs/performance.md "Deep pages").</li>
 * </ul>
 */
@Entity
@Table(name = "job_count")
@IdClass(JobCount.Key.class)
@Immutable
@NamedQuery(name = "JobCount.total", query = "select coalesce(sum(c.n), 0) from Project p"
        + " left join JobCount c on c.project = p.uuid where " + Project.VISIBLE + " group by p.uuid")
@NamedQuery(name = "JobCount.totalWithStatus", query = "select coalesce(sum(c.n), 0) from Project p"
        + " left join JobCount c on c.project = p.uuid and c.status = :status where " + Project.VISIBLE
        + " group by p.uuid")
@NamedQuery(name = "JobCount.buckets", query = "select c.bucket, sum(c.n) from JobCount c"
        + " where c.project = (select p.uuid from Project p where " + Project.VISIBLE + ")"
        + " group by c.bucket order by c.bucket")
@NamedQuery(name = "JobCount.bucketsWithStatus", query = "select c.bucket, sum(c.n) from JobCount c"
        + " where c.project = (select p.uuid from Project p where " + Project.VISIBLE + ") and c.status = :status"
        + " group by c.bucket order by c.bucket")
public class JobCount {

    @Id
    @Column(name = "project_uuid")
    private UUID project;

    /** The status's text (a converter may not map a key column). */
    @Id
    @Column(columnDefinition = "text")
    private String status;

    @Id
    @Column(name = "created_bucket")
    private int bucket;

    @Id
    private int backend;

    @Id
    private int batch;

    private long n;

    protected JobCount() {
    }

    /** The primary key (project_uuid, status, created_bucket, backend, batch). */
    public record Key(UUID project, String status, int bucket, int backend, int batch) implements Serializable {
    }
}
