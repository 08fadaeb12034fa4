package dev.bencher.jobs.job.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bencher.jobs.api.JobsQuery;
import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.error.DatabaseFailures;
import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.job.mapping.JsonJobOutput;
import dev.bencher.jobs.job.mapping.OutputNormalizer;
import dev.bencher.jobs.job.repository.JobCountRepository;
import dev.bencher.jobs.job.repository.JobFilter;
import dev.bencher.jobs.job.repository.JobPage;
import dev.bencher.jobs.job.repository.JobRepository;
import dev.bencher.jobs.job.repository.StoredJob;
import dev.bencher.jobs.observability.JobsMeters;
import dev.bencher.jobs.security.ProjectRoles;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The business steps 6-8 of jobs-api.md R17, for a caller the resource has authenticated: find the
 * visible project and read, one query per question on a session of its own (see {@link JobRepository}).
 */
@ApplicationScoped
public class JobService {

    private final JobRepository jobs;
    private final JobCountRepository counts;
    private final OutputNormalizer outputs;
    private final JobsMeters meters;

    public JobService(JobRepository jobs, JobCountRepository counts, OutputNormalizer outputs, JobsMeters meters) {
        this.jobs = jobs;
        this.counts = counts;
        this.outputs = outputs;
        this.meters = meters;
    }

    /**
     * R18-R25: one page of the project's jobs and their total, read at the same time on two sessions
     * and connections; the total also says whether the project is visible (R58). When one of the two
     * fails, the answer waits for the other to end ({@code collectFailures}), so that a retry never
     * finds the first attempt's session still open in the request's context and shares it.
     */
    public Uni<JobPage> findJobsPage(ProjectRef ref, JobsQuery query, SecurityIdentity caller) {
        JobFilter filter = new JobFilter(ref, ProjectRoles.of(caller), query.status());
        return retriedOnceOnRecoveryConflict(Uni.combine().all()
                .unis(jobs.findPage(filter, query.direction(), query.offset(), query.perPage()), counts.total(filter))
                .collectFailures()
                .with((page, total) -> total.map(count -> new JobPage(page, count))))
                .map(page -> page.orElseThrow(() -> ApiException.projectNotFound(ref.raw())));
    }

    /** R28-R31: one job of the project, with its output when the job is terminal and the caller authenticated. */
    public Uni<JobView> findJobById(ProjectRef ref, UUID jobUuid, SecurityIdentity caller) {
        return retriedOnceOnRecoveryConflict(jobs.findInProject(ref, ProjectRoles.of(caller), jobUuid, !caller.isAnonymous()))
                .map(found -> found.orElseThrow(() -> ApiException.projectNotFound(ref.raw())))
                .map(stored -> read(jobUuid, stored))
                .invoke(this::record)
                .map(Read::view);
    }

    /**
     * R57 on a read replica (docs/operations.md "Read replica"): a standby cancels a query that
     * conflicts with the changes it replays, with SQLSTATE 40001 ("canceling statement due to
     * conflict with recovery"). Run again, on new sessions and connections from the pools, the same
     * reads normally succeed, so the whole operation runs once more; if that fails too, ErrorMapper
     * answers 503 with Retry-After like any other unavailability, never 500. The operation's Uni is
     * lazy (each subscription opens its own sessions), which is what makes resubscribing a retry.
     */
    private static <T> Uni<T> retriedOnceOnRecoveryConflict(Uni<T> operation) {
        return operation.onFailure(DatabaseFailures::isRecoveryConflict).retry().atMost(1);
    }

    /** R28, R31, R41: the job, and its output when the stored document is well-formed. */
    private Read read(UUID jobUuid, StoredJob stored) {
        Job job = stored.job().orElseThrow(() -> ApiException.jobNotFound(jobUuid));
        return new Read(new JobView(job, stored.output().flatMap(outputs::normalize)), stored.output().isPresent());
    }

    /** A stored output that is not shown is worth a warning; a shown one is counted. */
    private void record(Read read) {
        if (read.view().output().isPresent()) {
            meters.outputServed();
        } else if (read.outputStored()) {
            Log.warnf("Stored output of job %s is malformed; shown without output (R31)", read.view().job().uuid());
        }
    }

    /** A job and its output when shown (R30, R31). */
    public record JobView(Job job, Optional<JsonJobOutput> output) {
    }

    private record Read(JobView view, boolean outputStored) {
    }
}
