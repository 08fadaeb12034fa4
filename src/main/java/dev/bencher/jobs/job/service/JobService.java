package dev.bencher.jobs.job.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bencher.jobs.api.JobsQuery;
import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.job.Job;
import dev.bencher.jobs.job.Project;
import dev.bencher.jobs.job.mapping.JsonJobOutput;
import dev.bencher.jobs.job.mapping.OutputNormalizer;
import dev.bencher.jobs.job.repository.JobFilter;
import dev.bencher.jobs.job.repository.JobPage;
import dev.bencher.jobs.job.repository.JobRepository;
import dev.bencher.jobs.job.repository.ProjectRepository;
import dev.bencher.jobs.observability.JobsMeters;
import dev.bencher.jobs.security.TokenAuthenticator;
import dev.bencher.jobs.security.ViewProjectPermission;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The business steps 5-8 of jobs-api.md R17, after the resource has validated path and query:
 * authenticate, find the live project, check visibility, then read.
 */
@ApplicationScoped
public class JobService {

    private final TokenAuthenticator authenticator;
    private final ProjectRepository projects;
    private final JobRepository jobs;
    private final OutputNormalizer outputs;
    private final JobsMeters meters;

    public JobService(TokenAuthenticator authenticator, ProjectRepository projects, JobRepository jobs,
            OutputNormalizer outputs, JobsMeters meters) {
        this.authenticator = authenticator;
        this.projects = projects;
        this.jobs = jobs;
        this.outputs = outputs;
        this.meters = meters;
    }

    /** R18-R25: one page of the project's jobs and their total, read in parallel. */
    @WithSession
    public Uni<Listing> findJobsPage(ProjectRef ref, JobsQuery query, String authorization) {
        Log.debugf("findJobsPage %s %s", ref.raw(), query);
        return authenticator.authenticate(authorization)
                .chain(identity -> findVisibleProject(ref, identity)
                        .chain(project -> jobs.findPageWithTotal(new JobFilter(project.uuid, query.status()),
                                query.ascending(), query.offset(), query.perPage()))
                        .map(page -> new Listing(page, !identity.isAnonymous())));
    }

    /** R28-R31: one job of the project, with its output when the job is terminal and the caller authenticated. */
    @WithSession
    public Uni<View> findJobById(ProjectRef ref, UUID jobUuid, String authorization) {
        Log.debugf("findJobById %s %s", ref.raw(), jobUuid);
        return authenticator.authenticate(authorization)
                .chain(identity -> findVisibleProject(ref, identity)
                        .chain(project -> jobs.findInProject(jobUuid, project.uuid))
                        .onItem().ifNull().failWith(() -> ApiException.jobNotFound(jobUuid))
                        .chain(job -> findOutput(job, !identity.isAnonymous())
                                .map(output -> new View(job, output, !identity.isAnonymous()))));
    }

    /** R11, R58: a missing, deleted, or private-and-not-viewable project is the same 404. */
    private Uni<Project> findVisibleProject(ProjectRef ref, SecurityIdentity identity) {
        Uni<Project> found = ref.uuid().isPresent()
                ? projects.findLiveByUuid(ref.uuid().get())
                : projects.findLiveBySlug(ref.slug().orElseThrow());
        return found
                .onItem().ifNull().failWith(() -> ApiException.projectNotFound(ref.raw()))
                .call(project -> project.isPublic()
                        ? Uni.createFrom().voidItem()
                        : identity.checkPermission(new ViewProjectPermission(project.uuid, project.organizationUuid))
                                .invoke(allowed -> {
                                    if (!allowed) {
                                        throw ApiException.projectNotFound(ref.raw());
                                    }
                                }));
    }

    /** R30, R31: only terminal jobs, only for authenticated requests, only a well-formed stored output. */
    private Uni<Optional<JsonJobOutput>> findOutput(Job job, boolean authenticated) {
        if (!job.isTerminal() || !authenticated) {
            return Uni.createFrom().item(Optional.empty());
        }
        return jobs.findOutput(job.uuid)
                .map(stored -> {
                    Optional<JsonJobOutput> output = stored == null ? Optional.empty() : outputs.normalize(stored.output);
                    if (stored != null && output.isEmpty()) {
                        Log.warnf("Stored output of job %s is malformed; shown without output (R31)", job.uuid);
                    }
                    output.ifPresent(shown -> meters.outputServed());
                    return output;
                });
    }

    /** A page of jobs and whether the request was authenticated (A10: CORS allow-headers). */
    public record Listing(JobPage page, boolean authenticated) {
    }

    /** A job, its output when shown, and whether the request was authenticated. */
    public record View(Job job, Optional<JsonJobOutput> output, boolean authenticated) {
    }
}
