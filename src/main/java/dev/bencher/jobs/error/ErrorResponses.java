package dev.bencher.jobs.error;

import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.vertx.ext.web.RoutingContext;

/**
 * Renders the error body of jobs-api.md R52 with the headers of R53. Used by {@link ErrorMapper}
 * for failures inside resources and by the request gate for routing errors, so every error looks
 * the same (R54).
 */
public final class ErrorResponses {

    /** R53: on every error response, including routing and parsing errors (R54). */
    public static final Map<String, String> CORS_HEADERS = Map.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS",
            "Access-Control-Allow-Headers", "Content-Type, Authorization",
            "Access-Control-Expose-Headers", "X-Total-Count");

    /** R5: sent with every 405. */
    public static final String ALLOW = "GET, OPTIONS";

    private ErrorResponses() {
    }

    /** R52: members in this order, two-space indentation as Bencher sends it. */
    public static String render(ErrorBody body) {
        StringBuilder json = new StringBuilder("{\n  \"request_id\": ").append(quote(body.requestId()));
        if (body.errorCode() != null) {
            json.append(",\n  \"error_code\": ").append(quote(body.errorCode()));
        }
        return json.append(",\n  \"message\": ").append(quote(body.message())).append("\n}").toString();
    }

    /** Answers a request that never reached a resource (R4, R5). */
    public static void send(RoutingContext context, String requestId, ApiException error) {
        var response = context.response().setStatusCode(error.status());
        CORS_HEADERS.forEach(response::putHeader);
        if (error.status() == 405) {
            response.putHeader("Allow", ALLOW);
        }
        response.putHeader("Content-Type", "application/json")
                .end(render(new ErrorBody(requestId, null, error.getMessage())));
    }

    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
