package dev.bencher.jobs.security;

import static dev.bencher.jobs.security.AuthFixture.TOKEN_REJECTED;
import static dev.bencher.jobs.security.AuthFixture.assertError;
import static dev.bencher.jobs.security.AuthFixture.assertOk;
import static dev.bencher.jobs.security.AuthFixture.assertPreflight;
import static dev.bencher.jobs.security.AuthFixture.bearer;
import static dev.bencher.jobs.security.AuthFixture.get;
import static dev.bencher.jobs.security.AuthFixture.options;
import static dev.bencher.jobs.testsupport.Tokens.claimsWithGroups;

import java.util.List;
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
import dev.bencher.jobs.testsupport.Writer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * auth.md case table row 19, A4 and A17: with {@code mp.jwt.verify.audiences} configured, a token
 * passes only if its {@code aud} (a string or an array) contains one of the configured audiences.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(AudienceTest.ConfiguredAudiences.class)
class AudienceTest {

    static final String JOBS_AUDIENCE = "https://jobs.example.test";
    static final String SECOND_AUDIENCE = "bencher-jobs";

    /** Two audiences, as an operator would set {@code MP_JWT_VERIFY_AUDIENCES}. */
    public static class ConfiguredAudiences implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.audiences", JOBS_AUDIENCE + "," + SECOND_AUDIENCE);
        }
    }

    /** The {@code aud} claims under test; {@code null} value: no {@code aud} claim at all. */
    enum Aud {
        MATCHING_STRING("audMatchingString", true),
        SECOND_CONFIGURED_STRING("audSecondConfiguredAudience", true),
        ARRAY_CONTAINING_MATCH("audArrayContainingOneConfiguredAudience", true),
        NON_MATCHING_STRING("audNotConfigured", false),
        NON_MATCHING_ARRAY("audArrayWithoutAConfiguredAudience", false),
        CASE_DIFFERS("audDiffersInCase", false),
        EMPTY_ARRAY("audEmptyArray", false),
        MISSING("audMissing", false);

        private final String id;
        final boolean accepted;

        Aud(String id, boolean accepted) {
            this.id = id;
            this.accepted = accepted;
        }

        Object value() {
            return switch (this) {
                case MATCHING_STRING -> JOBS_AUDIENCE;
                case SECOND_CONFIGURED_STRING -> SECOND_AUDIENCE;
                case ARRAY_CONTAINING_MATCH -> List.of("https://other.example.test", JOBS_AUDIENCE);
                case NON_MATCHING_STRING -> "https://other.example.test";
                case NON_MATCHING_ARRAY -> List.of("https://other.example.test", "jobs");
                case CASE_DIFFERS -> JOBS_AUDIENCE.toUpperCase();
                case EMPTY_ARRAY -> List.of();
                case MISSING -> null;
            };
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private static Project publicProject;
    private static Project privateProject;

    @BeforeAll
    static void writeRows() {
        UUID organization = Writer.organization();
        publicProject = AuthFixture.project("aud", organization, "public");
        privateProject = AuthFixture.project("aud", organization, "private");
    }

    static Stream<Arguments> audiences() {
        return Stream.of(Aud.values()).flatMap(aud -> Stream.of("list", "view")
                .flatMap(endpoint -> Stream.of("public", "private").map(visibility -> Arguments.of(aud, endpoint, visibility))));
    }

    @ParameterizedTest(name = "caseTable_row19_{0} [{1}, {2}]")
    @MethodSource("audiences")
    void caseTable_row19_a4_a17_audienceMustMatchWhenConfigured(Aud aud, String endpoint, String visibility) {
        Project project = visibility.equals("public") ? publicProject : privateProject;
        Map<String, Object> claims = claimsWithGroups("admin");
        if (aud.value() != null) {
            claims.put("aud", aud.value());
        }
        boolean view = endpoint.equals("view");
        Reply reply = get(view ? project.viewPath() : project.listPath(), bearer(claims));
        if (aud.accepted) {
            assertOk(reply, view, true, project.job());
        } else {
            assertError(reply, 400, TOKEN_REJECTED);
        }
    }

    @ParameterizedTest(name = "caseTable_row19_{0} [OPTIONS]")
    @MethodSource("optionsAudiences")
    void caseTable_row19_a13_optionsIgnoresTheAudience(Aud aud) {
        Map<String, Object> claims = claimsWithGroups("admin");
        if (aud.value() != null) {
            claims.put("aud", aud.value());
        }
        assertPreflight(options(privateProject.viewPath(), bearer(claims)));
    }

    static Stream<Aud> optionsAudiences() {
        return Stream.of(Aud.NON_MATCHING_STRING, Aud.MISSING);
    }
}
