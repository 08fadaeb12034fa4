package dev.bencher.jobs.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The roles a token's {@code groups} claim grants (auth.md A7), in the terms of the view rule (A8,
 * after Bencher's {@code bencher.polar}): server admin, leader of an organization, or
 * viewer/developer/maintainer of a project. An organization member alone may view nothing, so that
 * role is not kept. The rule itself is applied where projects are found
 * ({@code Project.VISIBLE}), so that a private project costs the same as a missing one.
 */
public record ProjectRoles(boolean admin, Set<UUID> leaderOf, Set<UUID> projectsWithRole) {

    /** Anonymous callers, and tokens without a usable {@code groups} claim. */
    public static final ProjectRoles NONE = new ProjectRoles(false, Set.of(), Set.of());

    private static final String ATTRIBUTE = ProjectRoles.class.getName();

    private static final String UUID_TEXT = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static final Pattern LEADER = Pattern.compile("org:" + UUID_TEXT + ":leader");
    private static final Pattern PROJECT_ROLE = Pattern.compile("project:" + UUID_TEXT + ":(viewer|developer|maintainer)");

    /** A7: an element that is not of the grammar is ignored. */
    public static ProjectRoles fromGroups(List<String> groups) {
        boolean admin = false;
        Set<UUID> leaderOf = new HashSet<>();
        Set<UUID> projects = new HashSet<>();
        for (String group : groups) {
            Matcher leader = LEADER.matcher(group);
            Matcher project = PROJECT_ROLE.matcher(group);
            if (group.equals("admin")) {
                admin = true;
            } else if (leader.matches()) {
                leaderOf.add(UUID.fromString(leader.group(1)));
            } else if (project.matches()) {
                projects.add(UUID.fromString(project.group(1)));
            }
        }
        return new ProjectRoles(admin, Set.copyOf(leaderOf), Set.copyOf(projects));
    }

    /** The roles {@link ProjectRolesAugmentor} attached to a verified identity; none for anonymous callers. */
    public static ProjectRoles of(SecurityIdentity identity) {
        ProjectRoles roles = identity.getAttribute(ATTRIBUTE);
        return roles == null ? NONE : roles;
    }

    SecurityIdentity attachTo(SecurityIdentity identity) {
        return QuarkusSecurityIdentity.builder(identity).addAttribute(ATTRIBUTE, this).build();
    }
}
