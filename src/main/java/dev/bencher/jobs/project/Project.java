package dev.bencher.jobs.project;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A row of {@code project} (database.md D8), read only: what the view rule needs. Mapped in both
 * persistence units (the default one and {@code count}, application.properties), since every query
 * of either finds its project through {@link #VISIBLE}.
 */
@Entity
@Table(name = "project")
@Immutable
public class Project {

    /**
     * The one place of the view rule (jobs-api.md R11, R56, R58; auth.md A8), an HQL condition on a
     * project {@code p}: the live project named by {@code :uuid} (a {@code {project}} in UUID form)
     * or {@code :slug} (in slug form; the other parameter is null), if the caller may view it.
     * Public projects are open; private ones need the admin role ({@code :admin}), leadership of the
     * owning organization ({@code :leaderOf}) or a role on the project ({@code :withRole}). A
     * missing, a deleted and a private-but-not-viewable project all match nothing, with the same
     * work. The parameters come from {@code job.repository.ProjectParameters}; the role sets are
     * arrays, single parameters, so that Hibernate caches the statement it translates a query to
     * (it translates a query with a collection parameter again at every execution).
     */
    public static final String VISIBLE = "(p.uuid = :uuid or p.slug = :slug) and p.deleted is null"
            + " and (p.visibility = 'public' or :admin = true or array_contains(:leaderOf, p.organization)"
            + " or array_contains(:withRole, p.uuid))";

    @Id
    private UUID uuid;

    @Column(name = "organization_uuid")
    private UUID organization;

    @Column(columnDefinition = "text")
    private String slug;

    @Column(columnDefinition = "text")
    private String visibility;

    @Column(columnDefinition = "timestamptz")
    private Instant deleted;

    protected Project() {
    }
}
