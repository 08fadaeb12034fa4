package dev.bencher.jobs.error;

import java.util.UUID;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.bencher.jobs.http.RequestId;
import io.quarkus.logging.Log;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place that decides how a failure is answered (jobs-api.md R52-R57) and logs what an
 * operator must see: a 503 (the database is unavailable) as a warning, a 500 with its cause under a
 * fresh {@code error_code}. Failures in the resources arrive through {@link #map}; those before
 * them (the request gate's refusals, the router's failures) through {@link #decide} directly.
 * {@link ErrorResponses} renders the answer.
 */
public class ErrorMapper {

    @ServerExceptionMapper
    public RestResponse<String> map(Throwable failure, RoutingContext context) {
        return ErrorResponses.restResponse(decide(failure, RequestId.of(context)));
    }

    public static ErrorAnswer decide(Throwable failure, String requestId) {
        ApiException error = classify(failure);
        if (error.status() == 503) {
            Log.warnf("Database unavailable (request %s): %s", requestId, Causes.root(failure));
        }
        if (error.status() != 500) {
            return new ErrorAnswer(error, requestId, null);
        }
        String errorCode = UUID.randomUUID().toString();
        Log.errorf(failure, "Internal error %s (request %s)", errorCode, requestId);
        return new ErrorAnswer(error, requestId, errorCode);
    }

    private static ApiException classify(Throwable failure) {
        for (Throwable cause : Causes.of(failure)) {
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
        if (DatabaseFailures.isUnavailable(failure) || DatabaseFailures.isSchemaMissing(failure)) {
            return ApiException.databaseUnavailable();
        }
        return ApiException.internalError();
    }
}
