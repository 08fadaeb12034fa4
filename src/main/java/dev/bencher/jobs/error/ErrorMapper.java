package dev.bencher.jobs.error;

import java.util.UUID;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.bencher.jobs.api.RequestGate;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place where failures become HTTP responses (jobs-api.md R52-R57): the spec's status,
 * message and CORS headers, never a framework error page, stack trace or SQL.
 */
public class ErrorMapper {

    @ServerExceptionMapper
    public RestResponse<String> map(Throwable failure, RoutingContext context) {
        ApiException error = classify(unwrap(failure));
        String requestId = RequestGate.requestId(context);
        String errorCode = null;
        if (error.status() == 500) {
            errorCode = UUID.randomUUID().toString();
            Log.errorf(failure, "Internal error %s (request %s)", errorCode, requestId);
        } else if (error.status() == 503) {
            Log.warnf("Database unavailable (request %s): %s", requestId, unwrap(failure).toString());
        }
        String body = ErrorResponses.render(new ErrorBody(requestId, errorCode, error.getMessage()));
        RestResponse.ResponseBuilder<String> response = RestResponse.ResponseBuilder
                .create(RestResponse.Status.fromStatusCode(error.status()), body);
        response.type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE);
        ErrorResponses.CORS_HEADERS.forEach(response::header);
        if (error.status() == 405) {
            response.header("Allow", ErrorResponses.ALLOW);
        }
        if (error.status() == 503) {
            response.header("Retry-After", "1");
        }
        return response.build();
    }

    private static ApiException classify(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
        }
        if (failure instanceof NotFoundException) {
            return ApiException.notFound();
        }
        if (failure instanceof NotAllowedException) {
            return ApiException.methodNotAllowed();
        }
        if (DatabaseFailures.isUnavailable(failure)) {
            return ApiException.databaseUnavailable();
        }
        return new ApiException(500, "Internal Server Error");
    }

    /** Mutiny combines the failures of parallel queries (page + count): report the first. */
    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
            current = composite.getCauses().get(0);
        }
        return current;
    }
}
