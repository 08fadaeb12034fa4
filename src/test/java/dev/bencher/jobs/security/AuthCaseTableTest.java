package dev.bencher.jobs.security;

import static dev.bencher.jobs.security.AuthFixture.MALFORMED;
import static dev.bencher.jobs.security.AuthFixture.TOKEN_REJECTED;
import static dev.bencher.jobs.security.AuthFixture.admin;
import static dev.bencher.jobs.security.AuthFixture.assertError;
import static dev.bencher.jobs.security.AuthFixture.assertJobNotFound;
import static dev.bencher.jobs.security.AuthFixture.assertOk;
import static dev.bencher.jobs.security.AuthFixture.assertPreflight;
import static dev.bencher.jobs.security.AuthFixture.assertProjectNotFound;
import static dev.bencher.jobs.security.AuthFixture.bearer;
import static dev.bencher.jobs.security.AuthFixture.bearerAsIs;
import static dev.bencher.jobs.security.AuthFixture.bearerWithGroups;
import static dev.bencher.jobs.security.AuthFixture.get;
import static dev.bencher.jobs.security.AuthFixture.options;
import static dev.bencher.jobs.testsupport.Tokens.claimsWithGroups;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bencher.jobs.security.AuthFixture.Project;
import dev.bencher.jobs.security.AuthFixture.Reply;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * auth.md §4, the case table: every row, for the list and the view of a completed job with a stored
 * output, on a public and a private project; then the paragraph under the table (missing or deleted
 * project, missing job, OPTIONS). Row 19 needs configured audiences: {@link AudienceTest}.
 *
 * <p>Every token that must be rejected carries the {@code admin} group, so that a token wrongly
 * accepted (or wrongly downgraded to anonymous) shows up as a 200 or a 404 on the private project.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class AuthCaseTableTest {

    /** What a row gives (auth.md §4). */
    enum Expect {
        ANON_200, AUTH_200, NOT_FOUND_404, UNAUTHORIZED_401, BAD_REQUEST_400;

        boolean isOk() {
            return this == ANON_200 || this == AUTH_200;
        }
    }

    /** The rows of the case table; a row with several examples has one constant per example. */
    enum Row {
        ROW01_ABSENT("row01_noAuthorizationHeader", Expect.ANON_200, Expect.NOT_FOUND_404, null),
        ROW02_BASIC("row02_basicScheme", Expect.ANON_200, Expect.NOT_FOUND_404, null),
        ROW02_OTHER_SCHEME("row02_otherSchemeWithValidAdminJwt", Expect.ANON_200, Expect.NOT_FOUND_404, null),
        ROW02_BEARER_ONLY("row02_bearerWithEmptyToken", Expect.ANON_200, Expect.NOT_FOUND_404, null),
        ROW02_BEARER_SPACES("row02_bearerFollowedBySpacesOnly", Expect.ANON_200, Expect.NOT_FOUND_404, null),
        ROW02_NO_SPACE("row02_noSpaceAfterBearerBeforeValidAdminJwt", Expect.ANON_200, Expect.NOT_FOUND_404, null),
        ROW02_TAB("row02_tabInsteadOfSpaceBeforeValidAdminJwt", Expect.ANON_200, Expect.NOT_FOUND_404, null),
        ROW03_MALFORMED("row03_malformedTokenAbc", Expect.UNAUTHORIZED_401, Expect.UNAUTHORIZED_401, MALFORMED),
        ROW03_UNSECURED("row03_unsecuredAlgNoneToken", Expect.UNAUTHORIZED_401, Expect.UNAUTHORIZED_401, MALFORMED),
        ROW04_PROJECT_KEY("row04_projectApiKey", Expect.UNAUTHORIZED_401, Expect.UNAUTHORIZED_401,
                "Invalid project key"),
        ROW04_USER_KEY("row04_userApiKey", Expect.UNAUTHORIZED_401, Expect.UNAUTHORIZED_401, "Invalid user key"),
        ROW05_ADMIN("row05_admin", Expect.AUTH_200, Expect.AUTH_200, null),
        ROW06_ORG_LEADER("row06_leaderOfOwningOrg", Expect.AUTH_200, Expect.AUTH_200, null),
        ROW07_ORG_MEMBER("row07_memberOfOwningOrgOnly", Expect.AUTH_200, Expect.NOT_FOUND_404, null),
        ROW08_VIEWER("row08_projectViewer", Expect.AUTH_200, Expect.AUTH_200, null),
        ROW09_DEVELOPER("row09_projectDeveloper", Expect.AUTH_200, Expect.AUTH_200, null),
        ROW10_MAINTAINER("row10_projectMaintainer", Expect.AUTH_200, Expect.AUTH_200, null),
        ROW11_OTHER_PROJECT("row11_maintainerOfOtherProjectOnly", Expect.AUTH_200, Expect.NOT_FOUND_404, null),
        ROW11_OTHER_ORG("row11_leaderOfOtherOrgOnly", Expect.AUTH_200, Expect.NOT_FOUND_404, null),
        ROW12_NO_GROUPS_CLAIM("row12_noGroupsClaim", Expect.AUTH_200, Expect.NOT_FOUND_404, null),
        ROW12_EMPTY_GROUPS("row12_emptyGroups", Expect.AUTH_200, Expect.NOT_FOUND_404, null),
        ROW12_UNPARSEABLE_GROUPS("row12_onlyUnparseableGroups", Expect.AUTH_200, Expect.NOT_FOUND_404, null),
        ROW13_EXPIRED("row13_expiredToken", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400, TOKEN_REJECTED),
        ROW14_OTHER_KEY("row14_signedWithAnotherKey", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400, TOKEN_REJECTED),
        ROW15_WRONG_ISSUER("row15_wrongIssuer", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400, TOKEN_REJECTED),
        ROW15_NO_ISSUER("row15_issuerMissing", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400, TOKEN_REJECTED),
        ROW16_HS256("row16_hs256WhileRs256IsConfigured", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400,
                TOKEN_REJECTED),
        ROW17_NO_EXP("row17_expMissing", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400, TOKEN_REJECTED),
        ROW17_NO_SUB("row17_subMissing", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400, TOKEN_REJECTED),
        ROW18_NBF_IN_FUTURE("row18_nbfInTheFuture", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400, TOKEN_REJECTED),
        ROW20_HEADER_NOT_JSON("row20_headerSegmentNotJson", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400,
                TOKEN_REJECTED),
        ROW20_PAYLOAD_NOT_JSON("row20_payloadSegmentNotJson", Expect.BAD_REQUEST_400, Expect.BAD_REQUEST_400,
                TOKEN_REJECTED);

        private final String id;
        final Expect onPublic;
        final Expect onPrivate;
        final String errorMessage;

        Row(String id, Expect onPublic, Expect onPrivate, String errorMessage) {
            this.id = id;
            this.onPublic = onPublic;
            this.onPrivate = onPrivate;
            this.errorMessage = errorMessage;
        }

        Expect on(Target target) {
            return target.isPublic() ? onPublic : onPrivate;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    enum Endpoint {
        LIST, VIEW;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** The projects a request can address. */
    enum Target {
        PUBLIC, PRIVATE, MISSING, DELETED_PUBLIC, DELETED_PRIVATE;

        boolean isPublic() {
            return this == PUBLIC || this == DELETED_PUBLIC;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-') + "Project";
        }
    }

    private static final Map<Target, Project> PROJECTS = new EnumMap<>(Target.class);
    private static UUID otherProjectSameOrg;
    private static UUID otherOrganization;

    @BeforeAll
    static void writeRows() {
        UUID organization = Writer.organization();
        PROJECTS.put(Target.PUBLIC, AuthFixture.project("case", organization, "public"));
        PROJECTS.put(Target.PRIVATE, AuthFixture.project("case", organization, "private"));
        PROJECTS.put(Target.MISSING, AuthFixture.missingProject("case", organization));
        PROJECTS.put(Target.DELETED_PUBLIC, AuthFixture.deletedProject("case", organization, "public"));
        PROJECTS.put(Target.DELETED_PRIVATE, AuthFixture.deletedProject("case", organization, "private"));
        otherProjectSameOrg = AuthFixture.project("case-q", organization, "private").uuid();
        otherOrganization = Writer.organization();
        AuthFixture.project("case-other-org", otherOrganization, "private");
    }

    /** The Authorization header of a row, for a request about project {@code p} (null: no header). */
    static String authorization(Row row, Project p) {
        return switch (row) {
            case ROW01_ABSENT -> null;
            case ROW02_BASIC -> "Basic dXNlcjpwYXNz";
            case ROW02_OTHER_SCHEME -> "Token " + Tokens.valid("admin");
            case ROW02_BEARER_ONLY -> "Bearer";
            case ROW02_BEARER_SPACES -> "Bearer    ";
            case ROW02_NO_SPACE -> "Bearer" + Tokens.valid("admin");
            case ROW02_TAB -> "Bearer\t" + Tokens.valid("admin");
            case ROW03_MALFORMED -> "Bearer abc";
            case ROW03_UNSECURED -> Tokens.bearer(Tokens.unsecured(claimsWithGroups("admin")));
            case ROW04_PROJECT_KEY -> "Bearer bencher_run_0123456789abcdefghijklmnop";
            case ROW04_USER_KEY -> "Bearer bencher_user_0123456789abcdefghijklmnop";
            case ROW05_ADMIN -> admin();
            case ROW06_ORG_LEADER -> bearerWithGroups("org:" + p.organization() + ":leader");
            case ROW07_ORG_MEMBER -> bearerWithGroups("org:" + p.organization() + ":member");
            case ROW08_VIEWER -> bearerWithGroups("project:" + p.uuid() + ":viewer");
            case ROW09_DEVELOPER -> bearerWithGroups("project:" + p.uuid() + ":developer");
            case ROW10_MAINTAINER -> bearerWithGroups("project:" + p.uuid() + ":maintainer");
            case ROW11_OTHER_PROJECT -> bearerWithGroups("project:" + otherProjectSameOrg + ":maintainer");
            case ROW11_OTHER_ORG -> bearerWithGroups("org:" + otherOrganization + ":leader",
                    "org:" + otherOrganization + ":member");
            case ROW12_NO_GROUPS_CLAIM -> bearer(Tokens.claims());
            case ROW12_EMPTY_GROUPS -> bearerWithGroups();
            case ROW12_UNPARSEABLE_GROUPS -> bearerWithGroups("Admin", "org:acme:leader", "project:" + p.uuid() + ":owner");
            case ROW13_EXPIRED -> Tokens.bearer(Tokens.expired("admin"));
            case ROW14_OTHER_KEY -> Tokens.bearer(Tokens.signWithUntrustedKey(claimsWithGroups("admin")));
            case ROW15_WRONG_ISSUER -> {
                Map<String, Object> claims = claimsWithGroups("admin");
                claims.put("iss", "https://other-issuer.example.test");
                yield bearer(claims);
            }
            case ROW15_NO_ISSUER -> {
                Map<String, Object> claims = claimsWithGroups("admin");
                claims.remove("iss");
                yield bearerAsIs(claims);
            }
            case ROW16_HS256 -> Tokens.bearer(Tokens.hs256(claimsWithGroups("admin")));
            case ROW17_NO_EXP -> {
                Map<String, Object> claims = claimsWithGroups("admin");
                claims.remove("exp");
                yield bearerAsIs(claims);
            }
            case ROW17_NO_SUB -> {
                Map<String, Object> claims = claimsWithGroups("admin");
                claims.remove("sub");
                yield bearerAsIs(claims);
            }
            case ROW18_NBF_IN_FUTURE -> {
                Map<String, Object> claims = claimsWithGroups("admin");
                claims.put("nbf", Tokens.nowSecond() + 300);
                yield bearer(claims);
            }
            case ROW20_HEADER_NOT_JSON -> Tokens.bearer(Tokens.headerNotJson());
            case ROW20_PAYLOAD_NOT_JSON -> Tokens.bearer(Tokens.notJsonPayload());
        };
    }

    static Stream<Arguments> rowsByEndpointAndVisibility() {
        return Stream.of(Row.values()).flatMap(row -> Stream.of(Endpoint.values())
                .flatMap(endpoint -> Stream.of(Target.PUBLIC, Target.PRIVATE)
                        .map(target -> Arguments.of(row, endpoint, target))));
    }

    static Stream<Arguments> rowsByEndpointAndAbsentProject() {
        return Stream.of(Row.values()).flatMap(row -> Stream.of(Endpoint.values())
                .flatMap(endpoint -> Stream.of(Target.MISSING, Target.DELETED_PUBLIC, Target.DELETED_PRIVATE)
                        .map(target -> Arguments.of(row, endpoint, target))));
    }

    static Stream<Arguments> rowsByVisibility() {
        return Stream.of(Row.values())
                .flatMap(row -> Stream.of(Target.PUBLIC, Target.PRIVATE).map(target -> Arguments.of(row, target)));
    }

    static Stream<Arguments> rowsByEndpointAndAnyProject() {
        return Stream.of(Row.values()).flatMap(row -> Stream.of(Endpoint.values())
                .flatMap(endpoint -> Stream.of(Target.values()).map(target -> Arguments.of(row, endpoint, target))));
    }

    /** The table itself: status, allow-headers variant (A10, R44) and "+output" (R30) per row and visibility (A9, R58). */
    @ParameterizedTest(name = "caseTable_{0} [{1}, {2}]")
    @MethodSource("rowsByEndpointAndVisibility")
    void caseTable_a9_a10_r29_r30_r44_r55_r58_existingProjectAndJob(Row row, Endpoint endpoint, Target target) {
        Project project = PROJECTS.get(target);
        String path = endpoint == Endpoint.VIEW ? project.viewPath() : project.listPath();
        Reply reply = get(path, authorization(row, project));
        assertRow(reply, row, row.on(target), endpoint, project);
    }

    /** Under the table: a missing or deleted project is 404 in rows 1, 2, 5-12, 401 in rows 3-4, 400 in rows 13-20 (A11, R11). */
    @ParameterizedTest(name = "caseTable_{0} [{1}, {2}]")
    @MethodSource("rowsByEndpointAndAbsentProject")
    void caseTable_a11_r11_r55_r56_missingOrDeletedProject(Row row, Endpoint endpoint, Target target) {
        Project project = PROJECTS.get(target);
        String path = endpoint == Endpoint.VIEW ? project.viewPath() : project.listPath();
        Reply reply = get(path, authorization(row, project));
        Expect expect = row.onPublic.isOk() ? Expect.NOT_FOUND_404 : row.onPublic;
        assertRow(reply, row, expect, endpoint, project);
    }

    /** Under the table: a job that is not in a visible project is the job 404 wherever the row would give 200 (R28, R56). */
    @ParameterizedTest(name = "caseTable_{0} [view of a missing job, {1}]")
    @MethodSource("rowsByVisibility")
    void caseTable_r28_r56_missingJobInTheProject(Row row, Target target) {
        Project project = PROJECTS.get(target);
        UUID missingJob = UUID.randomUUID();
        Reply reply = get(project.viewPath(missingJob), authorization(row, project));
        Expect expect = row.on(target);
        if (expect.isOk()) {
            assertJobNotFound(reply, missingJob);
        } else {
            assertRow(reply, row, expect, Endpoint.VIEW, project);
        }
    }

    /** Under the table: OPTIONS is 200 in every row, on any project, even a private, missing or deleted one (A13, R47, R48). */
    @ParameterizedTest(name = "caseTable_{0} [OPTIONS {1}, {2}]")
    @MethodSource("rowsByEndpointAndAnyProject")
    void caseTable_a13_r47_r48_optionsIgnoresAuthorization(Row row, Endpoint endpoint, Target target) {
        Project project = PROJECTS.get(target);
        String path = endpoint == Endpoint.VIEW ? project.viewPath() : project.listPath();
        assertPreflight(options(path, authorization(row, project)));
    }

    /** R56, R58: "private and you may not view it" must not be distinguishable from "does not exist". */
    @ParameterizedTest(name = "caseTable_{0} [same 404 message as a missing project]")
    @MethodSource("rowsHidingThePrivateProject")
    void caseTable_r56_r58_invisiblePrivateProjectLooksExactlyLikeAMissingOne(Row row) {
        Project hidden = PROJECTS.get(Target.PRIVATE);
        Project missing = PROJECTS.get(Target.MISSING);
        for (Endpoint endpoint : Endpoint.values()) {
            Reply invisible = get(endpoint == Endpoint.VIEW ? hidden.viewPath() : hidden.listPath(), authorization(row, hidden));
            Reply absent = get(endpoint == Endpoint.VIEW ? missing.viewPath() : missing.listPath(), authorization(row, missing));
            assertProjectNotFound(invisible, hidden);
            assertProjectNotFound(absent, missing);
            assertThat(invisible.json().get("message").asText().replace(hidden.slug(), "<project>"))
                    .isEqualTo(absent.json().get("message").asText().replace(missing.slug(), "<project>"));
        }
    }

    static Stream<Row> rowsHidingThePrivateProject() {
        return Stream.of(Row.values()).filter(row -> row.onPrivate == Expect.NOT_FOUND_404);
    }

    private static void assertRow(Reply reply, Row row, Expect expect, Endpoint endpoint, Project project) {
        switch (expect) {
            case ANON_200 -> assertOk(reply, endpoint == Endpoint.VIEW, false, project.job());
            case AUTH_200 -> assertOk(reply, endpoint == Endpoint.VIEW, true, project.job());
            case NOT_FOUND_404 -> assertProjectNotFound(reply, project);
            case UNAUTHORIZED_401 -> assertError(reply, 401, row.errorMessage);
            case BAD_REQUEST_400 -> assertError(reply, 400, row.errorMessage);
        }
    }
}
