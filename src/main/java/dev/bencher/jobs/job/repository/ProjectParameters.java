package dev.bencher.jobs.job.repository;

import java.util.UUID;

import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.security.ProjectRoles;
import io.quarkus.panache.common.Parameters;
import org.hibernate.reactive.mutiny.Mutiny;

/** The parameters of {@code Project.VISIBLE}: which project, and what the caller's roles allow. */
final class ProjectParameters {

    private ProjectParameters() {
    }

    static Parameters of(ProjectRef project, ProjectRoles caller) {
        return Parameters.with("uuid", project.uuid().orElse(null))
                .and("slug", project.slug().orElse(null))
                .and("admin", caller.admin())
                .and("leaderOf", caller.leaderOf().toArray(UUID[]::new))
                .and("withRole", caller.projectsWithRole().toArray(UUID[]::new));
    }

    /** For queries of {@code Job}, whose {@code status} is a {@code JobStatus}. */
    static Parameters forJobs(JobFilter filter) {
        Parameters parameters = of(filter.project(), filter.caller());
        filter.status().ifPresent(status -> parameters.and("status", status));
        return parameters;
    }

    /** For queries of {@code JobCount}, whose {@code status} is the status's text. */
    static Parameters forJobCounts(JobFilter filter) {
        Parameters parameters = of(filter.project(), filter.caller());
        filter.status().ifPresent(status -> parameters.and("status", status.value()));
        return parameters;
    }

    /** Binds {@code parameters} to a named query (Panache binds them itself for its own queries). */
    static <R> Mutiny.SelectionQuery<R> bind(Mutiny.SelectionQuery<R> query, Parameters parameters) {
        parameters.map().forEach(query::setParameter);
        return query;
    }
}
