package dev.bencher.jobs.job.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bencher.jobs.api.JobsQuery;
import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.job.mapping.JsonJobOutput;
import dev.bencher.jobs.job.mapping.OutputNormalizer;
import dev.bencher.jobs.job.repository.JobFilter;
import dev.bencher.jobs.job.repository.JobPage;
import dev.bencher.jobs.job.repository.JobRepository;
import dev.bencher.jobs.observability.JobsMeters;
import dev.bencher.jobs.security.ProjectRoles;
import dev.bencher.jobs.security.TokenAuthenticator;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The business steps 5-8 of jobs-api.md R17, after the resource has validated path and query:
 * authenticate, then find the visible project and read, in one statement per question (steps 6-8,
 * see {@link JobRepository}).
 */
@ApplicationScoped
public class JobService {

    private final TokenAuthenticator authenticator;
    private final JobRepository jobs;
    private final OutputNormalizer outputs;
    private final JobsMeters meters;

    public JobService(TokenAuthenticator authenticator, JobRepository jobs, OutputNormalizer outputs,
            JobsMeters meters) {
        this.authenticator = authenticator;
        this.jobs = jobs;
        this.outputs = outputs;
        this.meters = meters;
    }

    /** R18-R25: one page of the project's jobs and their total, read in parallel. */
    public Uni<Listing> findJobsPage(ProjectRef ref, JobsQuery query, String authorization) {
        Log.debugf("findJobsPage %s %s", ref.raw(), query);
        return authenticator.authenticate(authorization)
                .chain(identity -> jobs.findPageWithTotal(
                                new JobFilter(ref, ProjectRoles.of(identity), query.status()),
                                query.direction(), query.offset(), query.perPage())
                        .map(page -> new Listing(page.orElseThrow(() -> ApiException.projectNotFound(ref.raw())),
                                !identity.isAnonymous())));
    }

    /** R28-R31: one job of the project, with its output when the job is terminal and the caller authenticated. */
    public Uni<View> findJobById(ProjectRef ref, UUID jobUuid, String authorization) {
        Log.debugf("findJobById %s %s", ref.raw(), jobUuid);
        return authenticator.authenticate(authorization)
                .chain(identity -> jobs.findInProject(ref, ProjectRoles.of(identity), jobUuid, !identity.isAnonymous())
                        .map(found -> found.orElseThrow(() -> ApiException.projectNotFound(ref.raw())))
                        .map(stored -> new View(stored.job().orElseThrow(() -> ApiException.jobNotFound(jobUuid)),
                                shownOutput(jobUuid, stored.output()), !identity.isAnonymous())));
    }

    /** R31, R41: a stored output that is not well-formed is not shown; the job is. */
    private Optional<JsonJobOutput> shownOutput(UUID job, Optional<String> stored) {
        Optional<JsonJobOutput> output = stored.flatMap(outputs::normalize);
        if (stored.isPresent() && output.isEmpty()) {
            Log.warnf("Stored output of job %s is malformed; shown without output (R31)", job);
        }
        output.ifPresent(shown -> meters.outputServed());
        return output;
    }

    /** A page of jobs and whether the request was authenticated (A10: CORS allow-headers). */
    public record Listing(JobPage page, boolean authenticated) {
    }

    /** A job, its output when shown, and whether the request was authenticated. */
    public record View(Job job, Optional<JsonJobOutput> output, boolean authenticated) {
    }
}
