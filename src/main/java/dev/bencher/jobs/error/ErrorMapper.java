package dev.bencher.jobs.error;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.bencher.jobs.api.RequestGate;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place where failures inside resources become HTTP responses (jobs-api.md R52-R57): the
 * spec's status, message and headers, never a framework error page, stack trace or SQL.
 */
public class ErrorMapper {

    @ServerExceptionMapper
    public RestResponse<String> map(Throwable failure, RoutingContext context) {
        ApiException error = classify(failure);
        String requestId = RequestGate.requestId(context);
        if (error.status() == 503) {
            Log.warnf("Database unavailable (request %s): %s", requestId, unwrap(failure));
        }
        RestResponse.ResponseBuilder<String> response = RestResponse.ResponseBuilder.create(
                RestResponse.Status.fromStatusCode(error.status()), ErrorResponses.body(requestId, error, failure));
        ErrorResponses.headers(error).forEach(response::header);
        return response.build();
    }

    /** Also used for failures the router reports before any resource ran. */
    public static ApiException classify(Throwable failure) {
        for (Throwable cause = unwrap(failure); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
            if (cause.getCause() == cause) {
                break;
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
        return ApiException.internalError();
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
