package dev.bencher.jobs.error;

/**
 * What an error response says (jobs-api.md R52): the error, the request it answers and, for a 500
 * only, the {@code error_code} under which the cause was logged (R57).
 */
public record ErrorAnswer(ApiException error, String requestId, String errorCode) {

    public int status() {
        return error.status();
    }
}
