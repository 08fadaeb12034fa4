package dev.bencher.jobs.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The one definition of the headers the API sends (jobs-api.md R44, R47, R53; auth.md A10): each
 * method names the set it builds, for successes and errors alike. {@code X-Request-Id} (R45) is set
 * by {@link RequestId}.
 */
public final class ResponseHeaders {

    public static final String REQUEST_ID = "X-Request-Id";

    /** R6: plain, without a charset parameter. */
    private static final String JSON = "application/json";
    private static final String WITH_AUTHORIZATION = "Content-Type, Authorization";

    private ResponseHeaders() {
    }

    /** R44, A10: a successful GET; {@code total} is the list's count or 1 for a view (R24, R29). */
    public static Map<String, String> success(long total, boolean authenticated) {
        Map<String, String> headers = cors("GET", authenticated ? WITH_AUTHORIZATION : "Content-Type");
        headers.put("X-Total-Count", Long.toString(total));
        return headers;
    }

    /** R47: a successful OPTIONS. */
    public static Map<String, String> preflight() {
        return success(1, true);
    }

    /** R53: an error, with {@code Allow} on 405 (R5) and {@code Retry-After} on 503 (R57). */
    public static Map<String, String> error(int status) {
        Map<String, String> headers = cors("GET, POST, PUT, PATCH, DELETE, OPTIONS", WITH_AUTHORIZATION);
        if (status == 405) {
            headers.put("Allow", "GET, OPTIONS");
        }
        if (status == 503) {
            headers.put("Retry-After", "1");
        }
        return headers;
    }

    /**
     * R6: whatever the framework would add to the JSON type (a charset) is dropped when the
     * response's headers are written.
     */
    public static void keepPlainJsonType(RoutingContext context) {
        HttpServerResponse response = context.response();
        context.addHeadersEndHandler(ignored -> {
            if (response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
                response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
            }
        });
    }

    private static Map<String, String> cors(String methods, String allowHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Methods", methods);
        headers.put("Access-Control-Allow-Headers", allowHeaders);
        headers.put("Access-Control-Expose-Headers", "X-Total-Count");
        return headers;
    }
}
