package dev.bencher.jobs.job.repository;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.panache.common.Parameters;

/**
 * The one filter of the list endpoint (jobs-api.md R18), turned into HQL once and used by both the
 * page and the count query, so the total can never disagree with the page.
 */
public record JobFilter(UUID projectUuid, Optional<String> status) {

    String where() {
        return status.isPresent() ? "j.projectUuid = :project and j.status = :status" : "j.projectUuid = :project";
    }

    Parameters parameters() {
        Parameters parameters = Parameters.with("project", projectUuid);
        status.ifPresent(s -> parameters.and("status", s));
        return parameters;
    }
}
