package dev.bencher.jobs.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A project row (database.md D8), read-only: the scope and visibility of the two endpoints. */
@Entity
@Immutable
@Table(name = "project")
public class Project {

    public static final String PUBLIC = "public";

    @Id
    public UUID uuid;

    @Column(name = "organization_uuid")
    public UUID organizationUuid;

    @Column(columnDefinition = "text")
    public String slug;

    /** {@code public} or {@code private} (R58). */
    @Column(columnDefinition = "text")
    public String visibility;

    public Instant deleted;

    public boolean isPublic() {
        return PUBLIC.equals(visibility);
    }
}
