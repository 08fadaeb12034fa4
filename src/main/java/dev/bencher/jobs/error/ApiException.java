package dev.bencher.jobs.error;

import java.util.UUID;

/**
 * Every failure the service answers on purpose, with the status and message of jobs-api.md R55/R56
 * and auth.md A2-A4. {@link ErrorMapper} turns it into the error body of R52.
 */
public class ApiException extends RuntimeException {

    private static final String TOKEN_HINT = "Expected format is `Authorization: Bearer <token>`."
            + " Where `<token>` is your API token (JWT).";

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** R4. */
    public static ApiException invalidPathEncoding() {
        return new ApiException(400, "invalid path encoding");
    }

    /** R10. */
    public static ApiException badPathParameter(String detail) {
        return new ApiException(400, "bad parameter in URL path: " + detail);
    }

    /** R15. */
    public static ApiException badQuery(String detail) {
        return new ApiException(400, "unable to parse query string: " + detail);
    }

    /**
     * RFC 9112 §3.2, §3.2.2, §6.1 with the body of R52: no or an invalid {@code Host}, a request
     * target that is neither origin- nor absolute-form, an ambiguous message framing.
     */
    public static ApiException badRequest() {
        return new ApiException(400, "Bad Request");
    }

    /** RFC 9112 §2.3, RFC 9110 §15.6.6 with the body of R52: a major version other than 1. */
    public static ApiException versionNotSupported() {
        return new ApiException(505, "HTTP Version Not Supported");
    }

    /** R5. */
    public static ApiException notFound() {
        return new ApiException(404, "Not Found");
    }

    /** R5: the caller adds the Allow header. */
    public static ApiException methodNotAllowed() {
        return new ApiException(405, "Method Not Allowed");
    }

    /** R56/R58: the same text whether the project is missing, deleted or private and not visible. */
    public static ApiException projectNotFound(String project) {
        return new ApiException(404, "Project (" + project + ") not found\n"
                + "Project may be private and require authentication or it may not exist.\n" + TOKEN_HINT);
    }

    /** R28/R56. */
    public static ApiException jobNotFound(UUID job) {
        return new ApiException(404, "Job (" + job + ") not found\n"
                + "Job may be private and require authentication or it may not exist.\n" + TOKEN_HINT);
    }

    /** auth.md A3. */
    public static ApiException malformedToken() {
        return new ApiException(401, "Invalid authorization token");
    }

    /** auth.md A2. */
    public static ApiException projectKey() {
        return new ApiException(401, "Invalid project key");
    }

    /** auth.md A2. */
    public static ApiException userKey() {
        return new ApiException(401, "Invalid user key");
    }

    /** auth.md A4. */
    public static ApiException tokenRejected(String reason) {
        return new ApiException(400, "Failed to validate JSON Web Token: " + reason);
    }

    /** R57: the cause is logged with the response's {@code error_code}, never shown. */
    public static ApiException internalError() {
        return new ApiException(500, "Internal Server Error");
    }

    /** R57. */
    public static ApiException databaseUnavailable() {
        return new ApiException(503, "Service temporarily unavailable, please retry.");
    }
}
