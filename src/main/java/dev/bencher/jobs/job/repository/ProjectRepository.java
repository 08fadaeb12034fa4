package dev.bencher.jobs.job.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bencher.jobs.job.Project;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Finds live projects (database.md D8): soft-deleted projects do not exist for the service. */
@ApplicationScoped
@WithSession
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    public Uni<Project> findLiveByUuid(UUID uuid) {
        return find("uuid = ?1 and deleted is null", uuid).firstResult();
    }

    public Uni<Project> findLiveBySlug(String slug) {
        return find("slug = ?1 and deleted is null", slug).firstResult();
    }
}
