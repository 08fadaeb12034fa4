package dev.bencher.jobs.error;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import org.jboss.resteasy.reactive.RestResponse;

import dev.bencher.jobs.http.ResponseHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders an {@link ErrorAnswer} as the error response of jobs-api.md R52-R54: the status, the
 * headers of {@link ResponseHeaders#error} and the body. The same rendering for errors inside the
 * resources ({@link #restResponse}) and before them ({@link #send}), so every error looks the same.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** R52: members in order, two-space indentation as Bencher sends it; {@code error_code} on a 500 only. */
    public static String body(ErrorAnswer answer) {
        StringBuilder json = new StringBuilder("{\n  \"request_id\": ").append(quote(answer.requestId()));
        if (answer.errorCode() != null) {
            json.append(",\n  \"error_code\": ").append(quote(answer.errorCode()));
        }
        return json.append(",\n  \"message\": ").append(quote(answer.error().getMessage())).append("\n}").toString();
    }

    /** The answer as the return value of a resource method (through {@link ErrorMapper}). */
    public static RestResponse<String> restResponse(ErrorAnswer answer) {
        RestResponse.ResponseBuilder<String> response = RestResponse.ResponseBuilder.create(
                RestResponse.Status.fromStatusCode(answer.status()), body(answer));
        ResponseHeaders.error(answer.status()).forEach(response::header);
        return response.build();
    }

    /** Ends a request that never reached a resource with the answer. */
    public static void send(RoutingContext context, ErrorAnswer answer) {
        var response = context.response().setStatusCode(answer.status());
        ResponseHeaders.error(answer.status()).forEach(response::putHeader);
        response.end(body(answer));
    }

    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
