package dev.bencher.jobs.job.rest;

import java.util.List;

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
import dev.bencher.jobs.api.ResponseHeaders;
import dev.bencher.jobs.job.mapping.JsonJob;
import dev.bencher.jobs.job.service.JobService;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Project Jobs API (jobs-api.md): HTTP only. Path and query are validated here (R17 steps
 * 2-3), everything else is the service's. Access is decided in the service from the token
 * (auth.md), so the endpoints themselves are open.
 */
@Path("/v0/projects/{project}/jobs")
@PermitAll
public class JobResource {

    private final JobService service;

    public JobResource(JobService service) {
        this.service = service;
    }

    @GET
    public Uni<RestResponse<List<JsonJob>>> listJobs(@RestPath String project, HttpServerRequest request) {
        var ref = PathParams.project(project);
        var query = JobsQuery.parse(request.query());
        return service.findJobsPage(ref, query, request.getHeader(HttpHeaders.AUTHORIZATION))
                .map(listing -> ResponseHeaders.ok(
                        listing.page().jobs().stream().map(JsonJob::from).toList(),
                        listing.page().total(),
                        listing.authenticated()));
    }

    @GET
    @Path("{job}")
    public Uni<RestResponse<JsonJob>> viewJob(@RestPath String project, @RestPath String job,
            HttpServerRequest request) {
        var ref = PathParams.project(project);
        var jobUuid = PathParams.job(job);
        return service.findJobById(ref, jobUuid, request.getHeader(HttpHeaders.AUTHORIZATION))
                .map(view -> ResponseHeaders.ok(JsonJob.from(view.job(), view.output().orElse(null)), 1,
                        view.authenticated()));
    }

    /** R47-R49: validates like the GET, never reads the database or the token. */
    @OPTIONS
    @NonBlocking
    public RestResponse<JsonNode> preflightJobs(@RestPath String project, HttpServerRequest request) {
        PathParams.project(project);
        JobsQuery.parse(request.query());
        return ResponseHeaders.preflight(NullNode.getInstance());
    }

    /** R47, R48, R50. */
    @OPTIONS
    @NonBlocking
    @Path("{job}")
    public RestResponse<JsonNode> preflightJob(@RestPath String project, @RestPath String job) {
        PathParams.project(project);
        PathParams.job(job);
        return ResponseHeaders.preflight(NullNode.getInstance());
    }
}
