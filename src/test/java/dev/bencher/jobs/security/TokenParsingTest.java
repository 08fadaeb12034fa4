package dev.bencher.jobs.security;

import static dev.bencher.jobs.security.AuthFixture.MALFORMED;
import static dev.bencher.jobs.security.AuthFixture.TOKEN_REJECTED;
import static dev.bencher.jobs.security.AuthFixture.admin;
import static dev.bencher.jobs.security.AuthFixture.assertError;
import static dev.bencher.jobs.security.AuthFixture.assertOk;
import static dev.bencher.jobs.security.AuthFixture.assertPreflight;
import static dev.bencher.jobs.security.AuthFixture.assertProjectNotFound;
import static dev.bencher.jobs.security.AuthFixture.bearer;
import static dev.bencher.jobs.security.AuthFixture.bearerAsIs;
import static dev.bencher.jobs.security.AuthFixture.bearerWithGroups;
import static dev.bencher.jobs.security.AuthFixture.get;
import static dev.bencher.jobs.security.AuthFixture.options;
import static dev.bencher.jobs.security.AuthFixture.raw;
import static dev.bencher.jobs.testsupport.Tokens.claimsWithGroups;
import static dev.bencher.jobs.testsupport.Tokens.nowSecond;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bencher.jobs.security.AuthFixture.Project;
import dev.bencher.jobs.security.AuthFixture.Reply;
import dev.bencher.jobs.testsupport.PostgresResource;
import dev.bencher.jobs.testsupport.Tokens;
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The finer rules of auth.md behind the case table: header transport (A1), API keys (A2), compact
 * form (A3), verification failures (A4, A5), token validity without roles (A6, A12), the groups
 * grammar (A7), the view permission (A8), processing order (A11, R17) and OPTIONS (A13, R48).
 *
 * <p>Header templates may contain {@code {jwt}} (a valid token with the {@code admin} group),
 * {@code {header}}, {@code {payload}}, {@code {sig}} (its three segments) and {@code {none}} (an
 * unsecured {@code alg: none} token with the same claims). A template that would authenticate as
 * admin if parsed leniently makes an over-lenient parser visible as a 200 on the private project.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class TokenParsingTest {

    private static Project publicProject;
    private static Project privateProject;
    private static Project missingProject;
    private static Project otherProjectSameOrg;
    private static Project otherOrgProject;

    @BeforeAll
    static void writeRows() {
        UUID organization = Writer.organization();
        publicProject = AuthFixture.project("tok", organization, "public");
        privateProject = AuthFixture.project("tok", organization, "private");
        missingProject = AuthFixture.missingProject("tok", organization);
        otherProjectSameOrg = AuthFixture.project("tok-q", organization, "private");
        otherOrgProject = AuthFixture.project("tok-o2", Writer.organization(), "private");
    }

    private static String fill(String template) {
        String jwt = Tokens.valid("admin");
        String[] segments = jwt.split("\\.");
        return template.replace("{jwt}", jwt)
                .replace("{header}", segments[0])
                .replace("{payload}", segments[1])
                .replace("{sig}", segments[2])
                .replace("{none}", Tokens.unsecured(claimsWithGroups("admin")));
    }

    // ------------------------------------------------------------------ A1

    /** A1: the request is anonymous: public project readable without output, private project 404. */
    private static void assertAnonymous(String... headerLines) {
        assertOk(raw("GET", publicProject.listPath(), headerLines), false, false, publicProject.job());
        assertOk(raw("GET", publicProject.viewPath(), headerLines), true, false, publicProject.job());
        assertProjectNotFound(raw("GET", privateProject.listPath(), headerLines), privateProject);
        assertProjectNotFound(raw("GET", privateProject.viewPath(), headerLines), privateProject);
    }

    /** The request authenticated as admin: private project readable with output. */
    private static void assertAdmin(String... headerLines) {
        assertOk(raw("GET", privateProject.listPath(), headerLines), false, true, privateProject.job());
        assertOk(raw("GET", privateProject.viewPath(), headerLines), true, true, privateProject.job());
    }

    @ParameterizedTest(name = "a1_anonymous [Authorization: {0}]")
    @ValueSource(strings = { "Basic dXNlcjpwYXNz", "Basic {jwt}", "Token xyz", "Token {jwt}", "Bearertoken",
            "Bearer{jwt}", "Bearer\t{jwt}", "Bearer", "Bearer    ", "Bearer \t ", "Bearer-{jwt}", "Bearer:{jwt}",
            "Bearer. {jwt}", "Bearerx {jwt}", "JWT {jwt}" })
    void a1_otherSchemeNoSpaceOrEmptyTokenIsAnonymousNotAnError(String template) {
        assertAnonymous("Authorization: " + fill(template));
    }

    @Test
    void a1_absentHeaderIsAnonymous() {
        assertAnonymous();
    }

    @ParameterizedTest(name = "a1_anonymous [Authorization: {0}]")
    @ValueSource(strings = { "Bearer {jwt}\u00e9", "Bearer \u00ff{jwt}", "B\u00e9arer {jwt}", "Bearer {jwt} \u0080",
            "Bearer abc\u00e9", "Bearer bencher_run_\u00e9" })
    void a1_headerWithANonVisibleAsciiByteIsAnonymous(String template) {
        // RawHttp writes ISO-8859-1, so each of these characters is one byte 0x80-0xFF on the wire.
        assertAnonymous("Authorization: " + fill(template));
    }

    @ParameterizedTest(name = "a1_schemeIsCaseInsensitive [{0}]")
    @ValueSource(strings = { "bearer", "BEARER", "bEaReR" })
    void a1_bearerSchemeIsCaseInsensitive(String scheme) {
        assertAdmin("Authorization: " + scheme + " " + fill("{jwt}"));
    }

    @ParameterizedTest(name = "a1_tokenIsStripped [Authorization: {0}]")
    @ValueSource(strings = { "Bearer   {jwt}", "Bearer \t{jwt}", "Bearer {jwt}\t", "Bearer  {jwt}  " })
    void a1_whitespaceAroundTheTokenIsRemoved(String template) {
        assertAdmin("Authorization: " + fill(template));
    }

    @Test
    void a1_onlyTheFirstAuthorizationHeaderCounts() {
        String admin = fill("{jwt}");
        // A valid first header wins over a malformed second one.
        assertAdmin("Authorization: Bearer " + admin, "Authorization: Bearer abc");
        // A non-Bearer first header makes the request anonymous, although a valid token follows.
        assertAnonymous("Authorization: Basic dXNlcjpwYXNz", "Authorization: Bearer " + admin);
        // A malformed first header fails the request, although a valid token follows.
        assertError(raw("GET", publicProject.listPath(), "Authorization: Bearer abc", "Authorization: Bearer " + admin),
                401, MALFORMED);
    }

    // ------------------------------------------------------------------ A2

    @ParameterizedTest(name = "a2_apiKeyIsRejected [{0}]")
    @ValueSource(strings = { "bencher_run_0123456789abcdef", "bencher_run_", "bencher_run_{jwt}", "bencher_user_0123456789abcdef",
            "bencher_user_", "bencher_user_{jwt}" })
    void a2_bencherApiKeysAre401(String template) {
        String token = fill(template);
        String message = token.startsWith("bencher_run_") ? "Invalid project key" : "Invalid user key";
        for (String path : new String[] { publicProject.listPath(), publicProject.viewPath(), privateProject.viewPath(),
                missingProject.listPath() }) {
            Reply reply = get(path, "Bearer " + token);
            assertError(reply, 401, message);
            assertThat(reply.json().get("message").asText()).isEqualTo(message);
        }
    }

    // ------------------------------------------------------------------ A3

    @ParameterizedTest(name = "a3_malformed [Bearer {0}]")
    @ValueSource(strings = { "abc", "a.b", "a.b.c.d", "{jwt}.{sig}", "{jwt}=", "{jwt}==", "{header}=.{payload}.{sig}",
            "{header}.{payload}=.{sig}", "{none}", "{header}..{sig}", ".{payload}.{sig}", "{header}.{payload}.", "..",
            "{jwt} more", "{jwt} {jwt}", "{header}.{payload}.{sig}+", "{header}.{payload}/.{sig}", "{jwt}!" })
    void a3_tokenNotInCompactFormIs401(String template) {
        String authorization = "Bearer " + fill(template);
        for (String path : new String[] { publicProject.listPath(), publicProject.viewPath(), privateProject.viewPath() }) {
            Reply reply = get(path, authorization);
            assertError(reply, 401, MALFORMED);
            assertThat(reply.json().get("message").asText()).isEqualTo(MALFORMED);
        }
    }

    /**
     * A3: "each [segment] decoding as unpadded base64url". A segment whose length is 1 modulo 4
     * cannot be decoded by any base64 decoder (6 bits do not make a byte); Bencher's
     * {@code is_valid_jwt} rejects it, so it is malformed (401), not a verification failure (400).
     */
    @ParameterizedTest(name = "a3_malformed [Bearer {0}]")
    @ValueSource(strings = { "abcde.abcde.abcde", "{header}.{payload}.abcde", "x.{payload}.{sig}", "{header}.{payload}+.{sig}" })
    void a3_segmentThatDoesNotDecodeAsBase64urlIs401(String template) {
        String token = fill(template);
        if (template.contains("{payload}+")) {
            // Lengthen the payload segment with 'A's until its length is 1 modulo 4.
            String[] segments = token.split("\\.");
            StringBuilder payload = new StringBuilder(segments[1].replace("+", "A"));
            while (payload.length() % 4 != 1) {
                payload.append('A');
            }
            token = segments[0] + "." + payload + "." + segments[2];
        }
        assertThat(Arrays.stream(token.split("\\.")).anyMatch(segment -> segment.length() % 4 == 1))
                .as("the template must produce an undecodable segment").isTrue();
        Reply reply = get(privateProject.viewPath(), "Bearer " + token);
        assertError(reply, 401, MALFORMED);
    }

    // ------------------------------------------------------------------ A4, A5

    /** Claim sets that are in compact form, correctly signed, and must fail verification (A4). */
    enum BadClaims {
        SUB_MISSING, SUB_MISSING_UPN_PRESENT, SUB_EMPTY_STRING, SUB_NUMBER, SUB_NULL, EXP_MISSING, EXP_STRING,
        NBF_FIVE_MINUTES_AHEAD, ISS_MISSING, ISS_DIFFERENT, ISS_WITH_TRAILING_SLASH;

        Map<String, Object> claims() {
            Map<String, Object> claims = claimsWithGroups("admin");
            long now = nowSecond();
            switch (this) {
                case SUB_MISSING -> claims.remove("sub");
                case SUB_MISSING_UPN_PRESENT -> {
                    claims.remove("sub");
                    claims.put("upn", "alice@example.test");
                    claims.put("preferred_username", "alice");
                }
                case SUB_EMPTY_STRING -> claims.put("sub", "");
                case SUB_NUMBER -> claims.put("sub", 42);
                case SUB_NULL -> claims.put("sub", null);
                case EXP_MISSING -> claims.remove("exp");
                case EXP_STRING -> claims.put("exp", Long.toString(now + 3600));
                case NBF_FIVE_MINUTES_AHEAD -> claims.put("nbf", now + 300);
                case ISS_MISSING -> claims.remove("iss");
                case ISS_DIFFERENT -> claims.put("iss", "https://auth.example.test.evil");
                case ISS_WITH_TRAILING_SLASH -> claims.put("iss", Tokens.ISSUER + "/");
            }
            return claims;
        }

        @Override
        public String toString() {
            String[] words = name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder camel = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return camel.toString();
        }
    }

    @ParameterizedTest(name = "a4_verificationFails [{0}]")
    @EnumSource(BadClaims.class)
    void a4_tokenFailingVerificationIs400WithTheValidateMessage(BadClaims bad) {
        String authorization = bearerAsIs(bad.claims());
        for (String path : new String[] { publicProject.listPath(), publicProject.viewPath(), privateProject.viewPath(),
                missingProject.viewPath() }) {
            assertError(get(path, authorization), 400, TOKEN_REJECTED);
        }
    }

    /**
     * Sends a token minted for the current second and returns the answer only if the clock was
     * still in that second after the response: then the server necessarily evaluated the token at
     * exactly that second. Otherwise (rare: the request straddled a second boundary) it tries
     * again with a fresh token. This tests the boundary itself without sleeping and without flakiness.
     */
    private static Reply atOneSecond(String path, LongFunction<Map<String, Object>> claimsForSecond) {
        for (int attempt = 0; attempt < 20; attempt++) {
            long second = nowSecond();
            Reply reply = get(path, bearer(claimsForSecond.apply(second)));
            if (nowSecond() == second) {
                return reply;
            }
        }
        throw new AssertionError("the clock moved to the next second during each of 20 attempts");
    }

    @Test
    void a5_expEqualToTheCurrentSecondIsStillValid() {
        Reply reply = atOneSecond(privateProject.viewPath(), second -> {
            Map<String, Object> claims = claimsWithGroups("admin");
            claims.put("iat", second - 60);
            claims.put("exp", second);
            return claims;
        });
        assertOk(reply, true, true, privateProject.job());
    }

    @Test
    void a5_expOneSecondInThePastIsExpired() {
        // Whenever the server evaluates it, "now" is at least the minting second, so exp < now.
        Map<String, Object> claims = claimsWithGroups("admin");
        long now = nowSecond();
        claims.put("iat", now - 60);
        claims.put("exp", now - 1);
        assertError(get(privateProject.viewPath(), bearer(claims)), 400, TOKEN_REJECTED);
    }

    @Test
    void a5_expFiveMinutesInThePastIsExpired() {
        for (String path : new String[] { publicProject.listPath(), publicProject.viewPath(), privateProject.viewPath() }) {
            assertError(get(path, expiredAdmin()), 400, TOKEN_REJECTED);
        }
    }

    @Test
    void a4_nbfOneSecondAheadIsRejected() {
        Reply reply = atOneSecond(privateProject.viewPath(), second -> {
            Map<String, Object> claims = claimsWithGroups("admin");
            claims.put("nbf", second + 1);
            return claims;
        });
        assertError(reply, 400, TOKEN_REJECTED);
    }

    @Test
    void a4_nbfEqualToTheCurrentSecondOrInThePastIsAccepted() {
        Reply reply = atOneSecond(privateProject.viewPath(), second -> {
            Map<String, Object> claims = claimsWithGroups("admin");
            claims.put("nbf", second);
            return claims;
        });
        assertOk(reply, true, true, privateProject.job());
        Map<String, Object> past = claimsWithGroups("admin");
        past.put("nbf", nowSecond() - 300);
        assertOk(get(privateProject.viewPath(), bearer(past)), true, true, privateProject.job());
    }

    // ------------------------------------------------------------------ A6, A7 (claims), A12

    @Test
    void a6_a10_tokenWithoutGroupsAuthenticatesButGrantsNoRole() {
        String authorization = bearer(Tokens.claims());
        assertOk(get(publicProject.viewPath(), authorization), true, true, publicProject.job());
        assertOk(get(publicProject.listPath(), authorization), false, true, publicProject.job());
        assertProjectNotFound(get(privateProject.viewPath(), authorization), privateProject);
        assertProjectNotFound(get(privateProject.listPath(), authorization), privateProject);
    }

    @Test
    void a12_subjectIsNotLookedUpAnywhere() {
        Map<String, Object> claims = claimsWithGroups("admin");
        claims.put("sub", "nobody-" + UUID.randomUUID() + "@example.test");
        assertOk(get(privateProject.viewPath(), bearer(claims)), true, true, privateProject.job());
    }

    @Test
    void a7_tokenWithoutIatIsAccepted() {
        Map<String, Object> claims = claimsWithGroups("admin");
        claims.remove("iat");
        assertOk(get(privateProject.viewPath(), bearerAsIs(claims)), true, true, privateProject.job());
    }

    @Test
    void a7_otherClaimsAreIgnoredAndAudIsNotCheckedWithoutConfiguredAudiences() {
        Map<String, Object> claims = claimsWithGroups("admin");
        claims.put("upn", "someone-else@example.test");
        claims.put("email", "someone-else@example.test");
        claims.put("preferred_username", "someone-else");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("aud", List.of("https://unrelated.example.test"));
        claims.put("scope", "openid");
        assertOk(get(privateProject.viewPath(), bearer(claims)), true, true, privateProject.job());
    }

    @Test
    void a6_a7_deeplyNestedClaimsAreIgnored() {
        Map<String, Object> claims = claimsWithGroups("admin");
        claims.put("deep", nested(999));
        assertOk(get(privateProject.viewPath(), bearer(claims)), true, true, privateProject.job());
    }

    @Test
    void a7_aGroupsClaimOfNestedArraysGrantsNoRoleButAuthenticates() {
        Map<String, Object> claims = Tokens.claims();
        claims.put("groups", nested(999));
        String authorization = bearerAsIs(claims);
        assertOk(get(publicProject.viewPath(), authorization), true, true, publicProject.job());
        assertProjectNotFound(get(privateProject.listPath(), authorization), privateProject);
    }

    /** A stated limit (docs/decisions.md): SmallRye JWT cannot represent a number beyond a double. */
    @Test
    void a4_aNumericClaimBeyondTheDoubleRangeFailsVerification() {
        Map<String, Object> within = claimsWithGroups("admin");
        within.put("big", new java.math.BigInteger("9".repeat(300)));
        assertOk(get(privateProject.viewPath(), bearer(within)), true, true, privateProject.job());
        Map<String, Object> beyond = claimsWithGroups("admin");
        beyond.put("big", new java.math.BigInteger("9".repeat(400)));
        assertThat(get(privateProject.viewPath(), bearerAsIs(beyond)).status()).isEqualTo(400);
    }

    private static Object nested(int depth) {
        Object value = List.of();
        for (int i = 1; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    // ------------------------------------------------------------------ A7 (groups grammar)

    /** Values of {@code groups} and whether they grant view on the private project P of organization O. */
    enum Groups {
        ADMIN_CAPITALISED(false), ADMIN_UPPERCASE(false), ADMIN_WITH_LEADING_SPACE(false), ORG_SLUG_LEADER(false),
        PROJECT_OWNER(false), PROJECT_VIEWER_CAPITALISED_ROLE(false), PROJECT_CAPITALISED_PREFIX(false),
        PROJECT_VIEWER_WITH_SUFFIX(false), PROJECT_BRACED_UUID(false), PROJECT_UUID_WITHOUT_HYPHENS(false),
        ORG_LEADER_CAPITALISED_ROLE(false), ORG_MEMBER_ONLY(false), ONLY_NON_STRING_ELEMENTS(false),
        GROUPS_AS_STRING_ADMIN(false), GROUPS_AS_STRING_VIEWER(false), GROUPS_AS_OBJECT(false), GROUPS_NULL(false),
        DUPLICATE_USELESS_GROUPS(false),
        NON_STRING_ELEMENTS_BESIDE_VIEWER(true), PROJECT_VIEWER_UPPERCASE_UUID(true), PROJECT_MAINTAINER_MIXED_CASE_UUID(true),
        ORG_LEADER_UPPERCASE_UUID(true), DUPLICATE_GROUPS(true), UNPARSEABLE_BESIDE_ADMIN(true);

        final boolean grantsView;

        Groups(boolean grantsView) {
            this.grantsView = grantsView;
        }

        Object value(Project p) {
            String uuid = p.uuid().toString();
            String org = p.organization().toString();
            return switch (this) {
                case ADMIN_CAPITALISED -> List.of("Admin");
                case ADMIN_UPPERCASE -> List.of("ADMIN");
                case ADMIN_WITH_LEADING_SPACE -> List.of(" admin", "admin ");
                case ORG_SLUG_LEADER -> List.of("org:acme:leader");
                case PROJECT_OWNER -> List.of("project:" + uuid + ":owner");
                case PROJECT_VIEWER_CAPITALISED_ROLE -> List.of("project:" + uuid + ":Viewer");
                case PROJECT_CAPITALISED_PREFIX -> List.of("Project:" + uuid + ":viewer");
                case PROJECT_VIEWER_WITH_SUFFIX -> List.of("project:" + uuid + ":viewer:extra", "project:" + uuid + ":");
                case PROJECT_BRACED_UUID -> List.of("project:{" + uuid + "}:viewer", "project:urn:uuid:" + uuid + ":viewer");
                case PROJECT_UUID_WITHOUT_HYPHENS -> List.of("project:" + uuid.replace("-", "") + ":viewer");
                case ORG_LEADER_CAPITALISED_ROLE -> List.of("org:" + org + ":Leader");
                case ORG_MEMBER_ONLY -> List.of("org:" + org + ":member");
                case ONLY_NON_STRING_ELEMENTS -> Arrays.asList(42, Map.of("role", "admin"), List.of("admin"), null, true);
                case GROUPS_AS_STRING_ADMIN -> "admin";
                case GROUPS_AS_STRING_VIEWER -> "project:" + uuid + ":viewer";
                case GROUPS_AS_OBJECT -> Map.of("admin", true);
                case GROUPS_NULL -> null;
                case DUPLICATE_USELESS_GROUPS -> List.of("org:" + org + ":member", "org:" + org + ":member");
                case NON_STRING_ELEMENTS_BESIDE_VIEWER -> Arrays.asList(42, Map.of("role", "admin"), null,
                        "project:" + uuid + ":viewer");
                case PROJECT_VIEWER_UPPERCASE_UUID -> List.of("project:" + uuid.toUpperCase(Locale.ROOT) + ":viewer");
                case PROJECT_MAINTAINER_MIXED_CASE_UUID -> List.of("project:" + mixedCase(uuid) + ":maintainer");
                case ORG_LEADER_UPPERCASE_UUID -> List.of("org:" + org.toUpperCase(Locale.ROOT) + ":leader");
                case DUPLICATE_GROUPS -> List.of("project:" + uuid + ":viewer", "project:" + uuid + ":viewer", "admin",
                        "admin");
                case UNPARSEABLE_BESIDE_ADMIN -> List.of("Admin", "org:acme:leader", "project:" + uuid + ":owner", "admin");
            };
        }

        private static String mixedCase(String uuid) {
            StringBuilder mixed = new StringBuilder();
            for (int i = 0; i < uuid.length(); i++) {
                char c = uuid.charAt(i);
                mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
            }
            return mixed.toString();
        }
    }

    @ParameterizedTest(name = "a7_a8_groups [{0}]")
    @EnumSource(Groups.class)
    void a7_a8_groupsGrammarDecidesTheViewPermission(Groups groups) {
        Map<String, Object> claims = Tokens.claims();
        claims.put("groups", groups.value(privateProject));
        String authorization = bearerAsIs(claims);
        // A6: whatever its groups, the token is valid and authenticates.
        assertOk(get(publicProject.viewPath(), authorization), true, true, publicProject.job());
        if (groups.grantsView) {
            assertOk(get(privateProject.viewPath(), authorization), true, true, privateProject.job());
            assertOk(get(privateProject.listPath(), authorization), false, true, privateProject.job());
        } else {
            assertProjectNotFound(get(privateProject.viewPath(), authorization), privateProject);
            assertProjectNotFound(get(privateProject.listPath(), authorization), privateProject);
        }
    }

    // ------------------------------------------------------------------ A8 (permissions)

    @ParameterizedTest(name = "a8_grantsView [project:P:{0}]")
    @ValueSource(strings = { "viewer", "developer", "maintainer" })
    void a8_projectRoleOnPGrantsView(String role) {
        String authorization = bearerWithGroups("project:" + privateProject.uuid() + ":" + role);
        assertOk(get(privateProject.viewPath(), authorization), true, true, privateProject.job());
        assertOk(get(privateProject.listPath(), authorization), false, true, privateProject.job());
        // The role is on P only: another private project of the same organization stays hidden.
        assertProjectNotFound(get(otherProjectSameOrg.viewPath(), authorization), otherProjectSameOrg);
    }

    @Test
    void a8_leaderOfTheOwningOrganizationSeesItsProjectsOnly() {
        String authorization = bearerWithGroups("org:" + privateProject.organization() + ":leader");
        assertOk(get(privateProject.viewPath(), authorization), true, true, privateProject.job());
        assertOk(get(otherProjectSameOrg.viewPath(), authorization), true, true, otherProjectSameOrg.job());
        assertProjectNotFound(get(otherOrgProject.viewPath(), authorization), otherOrgProject);
    }

    @Test
    void a8_adminSeesEveryProject() {
        String authorization = admin();
        assertOk(get(privateProject.viewPath(), authorization), true, true, privateProject.job());
        assertOk(get(otherOrgProject.viewPath(), authorization), true, true, otherOrgProject.job());
    }

    @Test
    void a8_rolesOnAnotherProjectOrOrganizationGrantNothingOnP() {
        String q = otherProjectSameOrg.uuid().toString();
        String o2 = otherOrgProject.organization().toString();
        List<String[]> denied = List.of(
                new String[] { "project:" + q + ":maintainer" },
                new String[] { "project:" + q + ":viewer", "project:" + q + ":developer", "org:"
                        + privateProject.organization() + ":member" },
                new String[] { "org:" + o2 + ":leader" },
                new String[] { "org:" + o2 + ":leader", "org:" + o2 + ":member", "project:" + otherOrgProject.uuid()
                        + ":maintainer" });
        for (String[] groups : denied) {
            String authorization = bearerWithGroups(groups);
            assertProjectNotFound(get(privateProject.viewPath(), authorization), privateProject);
            assertProjectNotFound(get(privateProject.listPath(), authorization), privateProject);
        }
        // The same roles do work where they apply, so the 404s above are the permission check.
        assertOk(get(otherProjectSameOrg.viewPath(), bearerWithGroups("project:" + q + ":maintainer")), true, true,
                otherProjectSameOrg.job());
        assertOk(get(otherOrgProject.viewPath(), bearerWithGroups("org:" + o2 + ":leader")), true, true,
                otherOrgProject.job());
    }

    // ------------------------------------------------------------------ A11 / R17 (order)

    @Test
    void a11_r17_expiredTokenOnAnUnknownProjectIs400Not404() {
        String expired = expiredAdmin();
        assertError(get(missingProject.listPath(), expired), 400, TOKEN_REJECTED);
        assertError(get(missingProject.viewPath(), expired), 400, TOKEN_REJECTED);
    }

    @Test
    void a11_r17_malformedTokenOnAnUnknownProjectIs401Not404() {
        assertError(get(missingProject.listPath(), "Bearer abc"), 401, MALFORMED);
        assertError(get(missingProject.viewPath(), "Bearer a.b.c.d"), 401, MALFORMED);
    }

    @Test
    void a11_r17_badTokenOnAPublicProjectIsNeverDowngradedToAnonymous() {
        assertError(get(publicProject.listPath(), expiredAdmin()), 400, TOKEN_REJECTED);
        assertError(get(publicProject.viewPath(), "Bearer abc"), 401, MALFORMED);
    }

    @Test
    void a11_r17_invalidPathParameterWithExpiredTokenIsThePathError() {
        String expired = expiredAdmin();
        assertError(get(publicProject.listPath() + "/not-a-uuid", expired), 400, "bad parameter in URL path: ");
        assertError(get(privateProject.listPath() + "/1-2-3-4-5", "Bearer abc"), 400, "bad parameter in URL path: ");
        assertError(get("/v0/projects/Bad_Slug/jobs", expired), 400, "bad parameter in URL path: ");
    }

    @Test
    void a11_r16_r17_invalidQueryParameterWithMalformedTokenIsTheQueryError() {
        assertError(get(publicProject.listPath() + "?per_page=abc", "Bearer abc"), 400, "unable to parse query string: ");
        assertError(get(missingProject.listPath() + "?per_page=256", expiredAdmin()), 400,
                "unable to parse query string: ");
        // R16: the view takes no query parameters, so there the token decides.
        assertError(get(publicProject.viewPath() + "?per_page=abc", "Bearer abc"), 401, MALFORMED);
    }

    private static String expiredAdmin() {
        return Tokens.bearer(Tokens.expired("admin"));
    }

    // ------------------------------------------------------------------ A13 / R48 (OPTIONS)

    @ParameterizedTest(name = "a13_optionsIgnoresAuthorization [{0}]")
    @ValueSource(strings = { "Bearer abc", "Bearer {jwt}=", "Bearer bencher_run_x", "Bearer bencher_user_x", "Bearer {none}",
            "Basic dXNlcjpwYXNz", "Bearer" })
    void a13_r48_optionsIgnoresEvenAMalformedAuthorizationHeader(String template) {
        String authorization = fill(template);
        for (Project project : new Project[] { publicProject, privateProject, missingProject }) {
            assertPreflight(options(project.listPath(), authorization));
            assertPreflight(options(project.viewPath(), authorization));
        }
        assertPreflight(options(privateProject.viewPath(), expiredAdmin()));
        assertPreflight(options(missingProject.listPath(), bearerAsIs(BadClaims.SUB_MISSING.claims())));
    }

    // ------------------------------------------------------------------ no challenge (auth.md §5)

    @ParameterizedTest(name = "a2_a3_a4_noWwwAuthenticate [Bearer {0}]")
    @ValueSource(strings = { "abc", "{jwt}=", "{none}", "bencher_run_x", "bencher_user_x", "{header}.e30.{sig}",
            "{header}.{payload}.AAAA" })
    void a2_a3_a4_noResponseToABadTokenCarriesAWwwAuthenticateChallenge(String template) {
        String authorization = "Bearer " + fill(template);
        for (String path : new String[] { publicProject.listPath(), publicProject.viewPath(), privateProject.viewPath(),
                missingProject.listPath() }) {
            Reply reply = get(path, authorization);
            assertThat(reply.status()).as("status of %s", reply).isIn(400, 401);
            assertThat(reply.header("WWW-Authenticate")).as("WWW-Authenticate of %s", reply).isNull();
        }
        Reply expired = get(privateProject.viewPath(), expiredAdmin());
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.header("WWW-Authenticate")).isNull();
    }
}
