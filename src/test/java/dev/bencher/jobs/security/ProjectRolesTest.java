package dev.bencher.jobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The roles a {@code groups} claim grants, {@link ProjectRoles#fromGroups} (auth.md A7, in the terms
 * of the view rule A8): exact lower-case words, UUIDs in the hyphenated form compared by value, an
 * organization member kept as nothing, and every element outside the grammar ignored. Whether these
 * roles open a project over HTTP is {@link TokenParsingTest} and {@link AuthCaseTableTest}.
 */
class ProjectRolesTest {

    private static final UUID P = UUID.fromString("0190f7a2-6b1c-7d3e-9a4b-5c6d7e8f9a0b");
    private static final UUID Q = UUID.fromString("0190f7a3-1c2d-7e3f-8a4b-5c6d7e8f9a0c");
    private static final UUID O = UUID.fromString("0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff");

    private static final ProjectRoles ADMIN = new ProjectRoles(true, Set.of(), Set.of());

    static Stream<Arguments> groups() {
        return Stream.of(
                // rule, groups, roles
                row("A7 no groups", List.of(), ProjectRoles.NONE),
                row("A7 admin", List.of("admin"), ADMIN),
                row("A7 org leader", List.of("org:" + O + ":leader"), leaderOf(O)),
                row("A8 org member views nothing", List.of("org:" + O + ":member"), ProjectRoles.NONE),
                row("A7 project viewer", List.of("project:" + P + ":viewer"), roleOn(P)),
                row("A7 project developer", List.of("project:" + P + ":developer"), roleOn(P)),
                row("A7 project maintainer", List.of("project:" + P + ":maintainer"), roleOn(P)),
                row("A7 upper-case UUID compared by value", List.of("project:" + upper(P) + ":viewer"), roleOn(P)),
                row("A7 upper-case org UUID", List.of("org:" + upper(O) + ":leader"), leaderOf(O)),
                row("A7 repeated elements", List.of("admin", "admin", "project:" + P + ":viewer",
                        "project:" + upper(P) + ":viewer"), new ProjectRoles(true, Set.of(), Set.of(P))),
                row("A7 several projects", List.of("project:" + P + ":viewer", "project:" + Q + ":maintainer"),
                        new ProjectRoles(false, Set.of(), Set.of(P, Q))),
                row("A7 all kinds together", List.of("org:" + O + ":member", "org:" + O + ":leader",
                        "project:" + P + ":developer", "admin"), new ProjectRoles(true, Set.of(O), Set.of(P))),
                row("A7 Admin capitalised", List.of("Admin"), ProjectRoles.NONE),
                row("A7 ADMIN", List.of("ADMIN"), ProjectRoles.NONE),
                row("A7 admin with spaces", List.of(" admin", "admin "), ProjectRoles.NONE),
                row("A7 org by slug", List.of("org:acme:leader"), ProjectRoles.NONE),
                row("A7 unknown project role", List.of("project:" + P + ":owner"), ProjectRoles.NONE),
                row("A7 role capitalised", List.of("project:" + P + ":Viewer", "org:" + O + ":Leader"), ProjectRoles.NONE),
                row("A7 prefix capitalised", List.of("Project:" + P + ":viewer", "ORG:" + O + ":leader"), ProjectRoles.NONE),
                row("A7 trailing text", List.of("project:" + P + ":viewer:extra", "project:" + P + ":"), ProjectRoles.NONE),
                row("A7 braced UUID", List.of("project:{" + P + "}:viewer"), ProjectRoles.NONE),
                row("A7 URN UUID", List.of("project:urn:uuid:" + P + ":viewer"), ProjectRoles.NONE),
                row("A7 simple UUID", List.of("project:" + P.toString().replace("-", "") + ":viewer"), ProjectRoles.NONE),
                row("A7 short groups", List.of("project:1-2-3-4-5:viewer", "org:1-2-3-4-5:leader"), ProjectRoles.NONE),
                row("A7 org role on a project", List.of("project:" + P + ":leader"), ProjectRoles.NONE),
                row("A7 project role on an org", List.of("org:" + O + ":viewer"), ProjectRoles.NONE),
                row("A7 empty element", List.of(""), ProjectRoles.NONE),
                row("A7 unparseable beside admin", List.of("Admin", "org:acme:leader", "admin"), ADMIN));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("groups")
    void a7_a8_groupsGrantTheseRoles(String rule, List<String> groups, ProjectRoles roles) {
        assertThat(ProjectRoles.fromGroups(groups)).isEqualTo(roles);
    }

    private static Arguments row(String rule, List<String> groups, ProjectRoles roles) {
        return Arguments.of(rule, groups, roles);
    }

    private static ProjectRoles leaderOf(UUID organization) {
        return new ProjectRoles(false, Set.of(organization), Set.of());
    }

    private static ProjectRoles roleOn(UUID project) {
        return new ProjectRoles(false, Set.of(), Set.of(project));
    }

    private static String upper(UUID uuid) {
        return uuid.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
