package dev.bencher.jobs.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import dev.bencher.jobs.project.Project;

/**
 * A row of {@code job} (database.md D11), read only. The {@code config} column is deliberately not
 * mapped: the service never emits it (jobs-api.md R37). Queries read the spec with the job
 * ({@code join fetch}), never lazily.
 * <p>
 * {@code Job.view} (R28, R30): one row when the project is visible ({@link Project#VISIBLE}), with
 * the job if it is one of the project's, and its stored output (PostgreSQL's text of the document)
 * only when {@code :withOutput} and the job's status is terminal (R30, {@link JobStatus#isTerminal()}).
 */
@Entity
@Table(name = "job")
@Immutable
@NamedQuery(name = "Job.view", query = "select j, cast(o.output as String) from Project p"
        + " left join Job j on j.project.uuid = p.uuid and j.uuid = :job"
        + " left join fetch j.spec"
        + " left join JobOutput o on o.job = j.uuid and :withOutput = true and j.status in ("
        + "dev.bencher.jobs.job.JobStatus.COMPLETED, dev.bencher.jobs.job.JobStatus.PROCESSED,"
        + " dev.bencher.jobs.job.JobStatus.FAILED, dev.bencher.jobs.job.JobStatus.CANCELED)"
        + " where " + Project.VISIBLE)
public class Job {

    @Id
    private UUID uuid;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_uuid")
    private Project project;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "spec_uuid")
    private Spec spec;

    @Convert(converter = JobStatusConverter.class)
    @Column(columnDefinition = "text")
    private JobStatus status;

    @Column(name = "runner_uuid")
    private UUID runner;

    @Column(columnDefinition = "timestamptz")
    private Instant claimed;

    @Column(columnDefinition = "timestamptz")
    private Instant started;

    @Column(columnDefinition = "timestamptz")
    private Instant completed;

    @Column(columnDefinition = "timestamptz")
    private Instant created;

    @Column(columnDefinition = "timestamptz")
    private Instant modified;

    protected Job() {
    }

    public UUID uuid() {
        return uuid;
    }

    public JobStatus status() {
        return status;
    }

    public Spec spec() {
        return spec;
    }

    public UUID runner() {
        return runner;
    }

    public Instant claimed() {
        return claimed;
    }

    public Instant started() {
        return started;
    }

    public Instant completed() {
        return completed;
    }

    public Instant created() {
        return created;
    }

    public Instant modified() {
        return modified;
    }
}
