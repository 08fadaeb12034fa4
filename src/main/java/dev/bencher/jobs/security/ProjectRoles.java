package dev.bencher.jobs.security;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The roles a token's {@code groups} claim grants (auth.md A7) and the one rule that decides the
 * view permission on a project (A8, after Bencher's {@code bencher.polar}): server admin, leader of
 * the owning organization, or viewer/developer/maintainer of the project. An organization member
 * alone may not view.
 */
public record ProjectRoles(boolean admin, Set<UUID> leaderOf, Set<UUID> projectsWithRole) {

    private static final ProjectRoles NONE = new ProjectRoles(false, Set.of(), Set.of());

    private static final String UUID_TEXT = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static final Pattern LEADER = Pattern.compile("org:" + UUID_TEXT + ":leader");
    private static final Pattern PROJECT_ROLE = Pattern.compile("project:" + UUID_TEXT + ":(viewer|developer|maintainer)");

    /** A7: an element that is not a string of the grammar is ignored; a non-array grants nothing. */
    public static ProjectRoles fromGroups(JsonNode groups) {
        if (groups == null || !groups.isArray()) {
            return NONE;
        }
        boolean admin = false;
        Set<UUID> leaderOf = new HashSet<>();
        Set<UUID> projects = new HashSet<>();
        for (JsonNode group : groups) {
            String text = group.isTextual() ? group.textValue() : "";
            Matcher leader = LEADER.matcher(text);
            Matcher project = PROJECT_ROLE.matcher(text);
            if (text.equals("admin")) {
                admin = true;
            } else if (leader.matches()) {
                leaderOf.add(UUID.fromString(leader.group(1)));
            } else if (project.matches()) {
                projects.add(UUID.fromString(project.group(1)));
            }
        }
        return new ProjectRoles(admin, Set.copyOf(leaderOf), Set.copyOf(projects));
    }

    /** A8. */
    public boolean canView(ViewProjectPermission permission) {
        return admin || leaderOf.contains(permission.organization()) || projectsWithRole.contains(permission.project());
    }
}
