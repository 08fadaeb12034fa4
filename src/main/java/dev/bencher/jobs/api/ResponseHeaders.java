package dev.bencher.jobs.api;

import org.jboss.resteasy.reactive.RestResponse;

/** The headers of successful responses (jobs-api.md R44, R47; auth.md A10). Error headers: R53. */
public final class ResponseHeaders {

    private ResponseHeaders() {
    }

    /** R44: a successful GET; {@code total} is the list count or 1 for a view (R24, R29). */
    public static <T> RestResponse<T> ok(T body, long total, boolean authenticated) {
        return build(body, total, authenticated ? "Content-Type, Authorization" : "Content-Type");
    }

    /** R47: a successful OPTIONS. */
    public static <T> RestResponse<T> preflight(T body) {
        return build(body, 1, "Content-Type, Authorization");
    }

    private static <T> RestResponse<T> build(T body, long total, String allowHeaders) {
        return RestResponse.ResponseBuilder.ok(body)
                .header("Content-Type", "application/json")
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "GET")
                .header("Access-Control-Allow-Headers", allowHeaders)
                .header("Access-Control-Expose-Headers", "X-Total-Count")
                .header("X-Total-Count", Long.toString(total))
                .build();
    }
}
