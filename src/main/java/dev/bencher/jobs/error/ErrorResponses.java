package dev.bencher.jobs.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.quarkus.logging.Log;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders an {@link ApiException} as the error response of jobs-api.md R52-R57: the body, the CORS
 * headers of R53, {@code Allow} on 405 and {@code Retry-After} on 503. Used by {@link ErrorMapper}
 * inside resources and by the request gate before them, so every error looks the same (R54).
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Map<String, String> headers(ApiException error) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
        headers.put("Access-Control-Allow-Headers", "Content-Type, Authorization");
        headers.put("Access-Control-Expose-Headers", "X-Total-Count");
        if (error.status() == 405) {
            headers.put("Allow", "GET, OPTIONS");
        }
        if (error.status() == 503) {
            headers.put("Retry-After", "1");
        }
        return headers;
    }

    /**
     * R52: members in order, two-space indentation as Bencher sends it. A 500 gets a fresh
     * {@code error_code}, logged with the cause (R57); the client never sees the cause.
     */
    public static String body(String requestId, ApiException error, Throwable cause) {
        StringBuilder json = new StringBuilder("{\n  \"request_id\": ").append(quote(requestId));
        if (error.status() == 500) {
            String errorCode = UUID.randomUUID().toString();
            Log.errorf(cause, "Internal error %s (request %s)", errorCode, requestId);
            json.append(",\n  \"error_code\": ").append(quote(errorCode));
        }
        return json.append(",\n  \"message\": ").append(quote(error.getMessage())).append("\n}").toString();
    }

    /** Answers a request that never reached a resource, with its request id (R45). */
    public static void send(RoutingContext context, String requestId, ApiException error, Throwable cause) {
        var response = context.response().setStatusCode(error.status()).putHeader("X-Request-Id", requestId);
        headers(error).forEach(response::putHeader);
        response.end(body(requestId, error, cause));
    }

    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
