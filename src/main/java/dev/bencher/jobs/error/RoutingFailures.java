package dev.bencher.jobs.error;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bencher.jobs.http.ProtocolVersion;
import dev.bencher.jobs.http.RequestId;
import dev.bencher.jobs.observability.AccessLog;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.RoutingContext;

/**
 * The error answers of the router itself, outside the resources: the spec's 404 for a path nothing
 * serves (R5, R54: also under {@code /q/}) and every failure the router reports. The request gate
 * installs both where the router needs them.
 */
@ApplicationScoped
public class RoutingFailures {

    /** R5, R54: a path nothing serves, {@code /q/...} included. */
    public void notFound(RoutingContext context) {
        ErrorResponses.send(context, ErrorMapper.decide(ApiException.notFound(), RequestId.of(context)));
    }

    /**
     * A failure the router reports: before the request gate ran, the request itself is unusable
     * (no or an invalid {@code Host}, RFC 9112 §3.2): 400 under a fixed template, or 505 for another
     * major version (§2.3); later, whatever
     * the failure says (R57).
     */
    public void fail(RoutingContext context) {
        if (context.response().ended()) {
            return;
        }
        String requestId = RequestId.of(context);
        if (requestId == null) {
            requestId = RequestId.assign(context);
            AccessLog.track(context, AccessLog.INVALID_REQUEST);
            // RFC 9112 §2.3 before §3.2: another major version is a 505 whether or not it names a Host
            ApiException refusal = ProtocolVersion.of(context.request()) == ProtocolVersion.Verdict.NOT_SUPPORTED
                    ? ApiException.versionNotSupported()
                    : ApiException.badRequest();
            ErrorResponses.send(context, ErrorMapper.decide(refusal, requestId));
            return;
        }
        Throwable failure = context.failure() != null
                ? context.failure()
                : new ApiException(context.statusCode(), HttpResponseStatus.valueOf(context.statusCode()).reasonPhrase());
        ErrorResponses.send(context, ErrorMapper.decide(failure, requestId));
    }
}
