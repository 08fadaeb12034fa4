package dev.bencher.jobs.job.repository;

import java.util.Optional;

import dev.bencher.jobs.api.ProjectRef;
import dev.bencher.jobs.job.JobStatus;
import dev.bencher.jobs.security.ProjectRoles;

/**
 * The jobs a list request asks for (jobs-api.md R18): those of the live project named by
 * {@code project}, if a caller with these roles may view it (R58), with the given status if any.
 * The page and the total are both read with this one filter, so they can never disagree on it.
 */
public record JobFilter(ProjectRef project, ProjectRoles caller, Optional<JobStatus> status) {
}
