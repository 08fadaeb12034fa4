package dev.bencher.jobs.job.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.bencher.jobs.api.JobsQuery;
import dev.bencher.jobs.api.PathParams;
import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.http.ResponseHeaders;
import dev.bencher.jobs.job.mapping.JsonJob;
import dev.bencher.jobs.job.service.JobService;
import dev.bencher.jobs.security.TokenAuthenticator;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Project Jobs API (jobs-api.md), in the order of R17: path and query are validated (steps 2-3),
 * then the caller is authenticated from the token (step 5, auth.md), then the service reads. The
 * endpoints themselves are open: access is the view rule's (A8), applied where projects are found.
 */
@Path("/v0/projects/{project}/jobs")
@PermitAll
public class JobResource {

    private final TokenAuthenticator authenticator;
    private final JobService service;

    public JobResource(TokenAuthenticator authenticator, JobService service) {
        this.authenticator = authenticator;
        this.service = service;
    }

    @GET
    public Uni<RestResponse<List<JsonJob>>> listJobs(@RestPath String project, HttpServerRequest request) {
        var ref = PathParams.project(project);
        var query = JobsQuery.parse(request.query());
        return authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION))
                .chain(caller -> list(ref, query, caller));
    }

    @GET
    @Path("{job}")
    public Uni<RestResponse<JsonJob>> viewJob(@RestPath String project, @RestPath String job,
            HttpServerRequest request) {
        var ref = PathParams.project(project);
        var jobUuid = PathParams.job(job);
        return authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION))
                .chain(caller -> view(ref, jobUuid, caller));
    }

    /** R47-R49: validates like the GET, never reads the database or the token. */
    @OPTIONS
    @NonBlocking
    public RestResponse<JsonNode> preflightJobs(@RestPath String project, HttpServerRequest request) {
        PathParams.project(project);
        JobsQuery.parse(request.query());
        return ok(NullNode.getInstance(), ResponseHeaders.preflight());
    }

    /** R47, R48, R50. */
    @OPTIONS
    @NonBlocking
    @Path("{job}")
    public RestResponse<JsonNode> preflightJob(@RestPath String project, @RestPath String job) {
        PathParams.project(project);
        PathParams.job(job);
        return ok(NullNode.getInstance(), ResponseHeaders.preflight());
    }

    private Uni<RestResponse<List<JsonJob>>> list(ProjectRef ref, JobsQuery query, SecurityIdentity caller) {
        return service.findJobsPage(ref, query, caller)
                .map(page -> ok(page.jobs().stream().map(JsonJob::from).toList(),
                        ResponseHeaders.success(page.total(), !caller.isAnonymous())));
    }

    private Uni<RestResponse<JsonJob>> view(ProjectRef ref, UUID job, SecurityIdentity caller) {
        return service.findJobById(ref, job, caller)
                .map(view -> ok(JsonJob.from(view.job(), view.output().orElse(null)),
                        ResponseHeaders.success(1, !caller.isAnonymous())));
    }

    private static <T> RestResponse<T> ok(T body, Map<String, String> headers) {
        RestResponse.ResponseBuilder<T> response = RestResponse.ResponseBuilder.ok(body);
        headers.forEach(response::header);
        return response.build();
    }
}
