package dev.bencher.jobs.security;

import java.security.Permission;
import java.util.Objects;
import java.util.UUID;

/** The "view" permission on one project (auth.md A8), checked with {@code SecurityIdentity#checkPermission}. */
public final class ViewProjectPermission extends Permission {

    private final UUID project;
    private final UUID organization;

    public ViewProjectPermission(UUID project, UUID organization) {
        super("view:" + project);
        this.project = project;
        this.organization = organization;
    }

    public UUID project() {
        return project;
    }

    public UUID organization() {
        return organization;
    }

    @Override
    public boolean implies(Permission permission) {
        return equals(permission);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ViewProjectPermission view && project.equals(view.project)
                && organization.equals(view.organization);
    }

    @Override
    public int hashCode() {
        return Objects.hash(project, organization);
    }

    @Override
    public String getActions() {
        return "view";
    }
}
