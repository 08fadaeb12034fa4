package dev.bencher.jobs.job.repository;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.panache.common.Parameters;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one filter of the list endpoint (jobs-api.md R18), rendered once for the page (HQL, through
 * Panache) and once for the count (SQL, on the count pool), side by side so that the total can
 * never disagree with the page.
 */
public record JobFilter(UUID projectUuid, Optional<String> status) {

    String hqlWhere() {
        return status.isPresent() ? "j.projectUuid = :project and j.status = :status" : "j.projectUuid = :project";
    }

    Parameters hqlParameters() {
        Parameters parameters = Parameters.with("project", projectUuid);
        status.ifPresent(s -> parameters.and("status", s));
        return parameters;
    }

    String sqlWhere() {
        return status.isPresent() ? "project_uuid = $1 AND status = $2" : "project_uuid = $1";
    }

    Tuple sqlParameters() {
        return status.isPresent() ? Tuple.of(projectUuid, status.get()) : Tuple.of(projectUuid);
    }
}
