package dev.bencher.jobs.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.resteasy.reactive.RestResponse;

import dev.bencher.jobs.http.ProtocolVersion;
import dev.bencher.jobs.http.ResponseHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders an {@link ErrorAnswer} as the error response of jobs-api.md R52-R54: the status, the
 * headers of {@link ResponseHeaders#error} and the body. The same rendering for errors inside the
 * resources ({@link #restResponse}) and before them ({@link #send}), so every error looks the same.
 */
public final class ErrorResponses {

    /**
     * R52 as Bencher's serde_json pretty-prints it: two spaces a level, {@code "name": value}, a line
     * feed between lines whatever the platform's. Success bodies stay compact (R42).
     */
    private static final ObjectWriter JSON = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private ErrorResponses() {
    }

    /** R52: members in order; {@code error_code} on a 500 only. */
    public static String body(ErrorAnswer answer) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("request_id", answer.requestId());
        if (answer.errorCode() != null) {
            json.put("error_code", answer.errorCode());
        }
        json.put("message", answer.error().getMessage());
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of three strings always serializes", e);
        }
    }

    /** The answer as the return value of a resource method (through {@link ErrorMapper}). */
    public static RestResponse<String> restResponse(ErrorAnswer answer) {
        RestResponse.ResponseBuilder<String> response = RestResponse.ResponseBuilder.create(
                RestResponse.Status.fromStatusCode(answer.status()), body(answer));
        ResponseHeaders.error(answer.status()).forEach(response::header);
        return response.build();
    }

    /**
     * Ends a request that never reached a resource with the answer, in HTTP/1.1 whatever version the
     * request named ({@link ProtocolVersion}).
     */
    public static void send(RoutingContext context, ErrorAnswer answer) {
        ProtocolVersion.answerUnknownAsHttp11(context);
        var response = context.response().setStatusCode(answer.status());
        ResponseHeaders.error(answer.status()).forEach(response::putHeader);
        response.end(body(answer));
    }
}
