package dev.bencher.jobs.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The error body of jobs-api.md R52, byte for byte: members in order, {@code error_code} on a 500
 * only, two-space indentation and {@code ": "} separators as Bencher's serde_json writes them, and
 * ordinary JSON escaping (R43, R56: a line break is {@code \n}).
 */
class ErrorResponsesTest {

    private static final String REQUEST_ID = "6f1c2b7e-0d3a-4a8e-9a51-2b8f0f6c9d11";

    @Test
    void r52_anErrorBodyIsRequestIdAndMessagePrettyPrinted() {
        assertThat(ErrorResponses.body(new ErrorAnswer(ApiException.notFound(), REQUEST_ID, null)))
                .isEqualTo("{\n  \"request_id\": \"" + REQUEST_ID + "\",\n  \"message\": \"Not Found\"\n}");
    }

    @Test
    void r52_r57_aServerErrorCarriesItsErrorCodeBetweenTheTwo() {
        String errorCode = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f";
        assertThat(ErrorResponses.body(new ErrorAnswer(ApiException.internalError(), REQUEST_ID, errorCode)))
                .isEqualTo("{\n  \"request_id\": \"" + REQUEST_ID + "\",\n  \"error_code\": \"" + errorCode
                        + "\",\n  \"message\": \"Internal Server Error\"\n}");
    }

    @Test
    void r43_r56_messagesAreEscapedAsJsonStringsOnly() {
        ApiException error = ApiException.badPathParameter("project: expected a UUID or a slug, found `a\"b\\c\td\u0001é日本🙂`");
        assertThat(ErrorResponses.body(new ErrorAnswer(error, REQUEST_ID, null))).isEqualTo("{\n  \"request_id\": \""
                + REQUEST_ID + "\",\n  \"message\": \"bad parameter in URL path: project: expected a UUID or a slug,"
                + " found `a\\\"b\\\\c\\td\\u0001é日本🙂`\"\n}");
        assertThat(ErrorResponses.body(new ErrorAnswer(ApiException.projectNotFound("<p&>"), REQUEST_ID, null)))
                .contains("\"message\": \"Project (<p&>) not found\\nProject may be private");
    }
}
