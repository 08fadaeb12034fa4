package dev.bencher.jobs.api;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.error.ErrorMapper;
import dev.bencher.jobs.error.ErrorResponses;
import dev.bencher.jobs.observability.AccessLog;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every request, before the JAX-RS resources: request id (R45), dropshot's
 * routing (R4, R5: 400/404/405 with the spec's body), no content negotiation (R6). A request for
 * one of the two paths is handed on under its canonical path, so the resources only ever see
 * {@code GET} or {@code OPTIONS} on {@code /v0/projects/{project}/jobs[/{job}]}.
 */
@ApplicationScoped
public class RequestGate {

    /** Before Quarkus REST and the security handlers, after the framework's bookkeeping handlers. */
    private static final int ORDER = Integer.MIN_VALUE + 100;

    private static final String REQUEST_ID = "bencher.request-id";
    private static final String START = "bencher.start";
    private static final String ROUTE = "bencher.route";

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
        router.route().order(ORDER).failureHandler(this::fail);
        // R5, R54: an operational path that nothing serves (/q/...) gets the spec's 404 too
        router.route().last().handler(context -> ErrorResponses.send(context, requestId(context),
                ApiException.notFound(), null));
    }

    /** R45: the id of this request, also the {@code request_id} of an error body. */
    public static String requestId(RoutingContext context) {
        return context.get(REQUEST_ID);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requestId = requestId(context);
        if (requestId != null) { // a rerouted pass (canonical API path, or the framework's own reroute)
            if (context.get(ROUTE) != null) {
                answerApiRequest(context, requestId);
            } else {
                context.next();
            }
            return;
        }
        requestId = UUID.randomUUID().toString();
        context.put(REQUEST_ID, requestId);
        context.put(START, System.nanoTime());
        ApiRoute route = null;
        try {
            requireUnambiguousFraming(context);
            requireOriginOrAbsoluteForm(request.uri());
            if (request.headers().getAll(HttpHeaders.HOST).size() > 1) { // RFC 9112 §3.2
                throw ApiException.badRequest();
            }
            List<String> segments = ApiRoute.segments(request.path());
            request.headers().remove(HttpHeaders.ACCEPT); // R6: no content negotiation, never a 406
            if (ApiRoute.isOperational(request.path())) {
                if (PercentDecoding.hasInvalidEscape(request.path())) {
                    throw ApiException.invalidPathEncoding();
                }
                context.response().putHeader("X-Request-Id", requestId);
                context.next();
                return;
            }
            route = ApiRoute.match(segments);
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.OPTIONS) {
                throw ApiException.methodNotAllowed();
            }
        } catch (ApiException error) {
            AccessLog.track(context, route != null ? route.template() : errorTemplate(error), requestId, context.get(START));
            ErrorResponses.send(context, requestId, error, error);
            return;
        }
        context.put(ROUTE, route.template());
        String canonical = route.canonicalPath();
        if (canonical.equals(request.path())) {
            answerApiRequest(context, requestId);
        } else {
            context.reroute(request.method(), request.query() == null ? canonical : canonical + "?" + request.query());
        }
    }

    /**
     * RFC 9112 §6.1: a {@code Transfer-Encoding} other than plain {@code chunked}, or together with
     * {@code Content-Length}, may be framed differently by a proxy in front of the service (request
     * smuggling). These endpoints take no body, so such a request is refused and the connection closed.
     */
    private static void requireUnambiguousFraming(RoutingContext context) {
        HttpServerRequest request = context.request();
        List<String> encodings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!encodings.isEmpty() && (encodings.size() > 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked")
                || request.headers().contains(HttpHeaders.CONTENT_LENGTH))) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            context.addEndHandler(ignored -> request.connection().close());
            throw ApiException.badRequest();
        }
    }

    /** RFC 9112 §3.2: {@code /path} or {@code http://host/path}; never {@code path} or {@code *}. */
    private static void requireOriginOrAbsoluteForm(String target) {
        if (!target.startsWith("/") && !target.regionMatches(true, 0, "http://", 0, 7)
                && !target.regionMatches(true, 0, "https://", 0, 8)) {
            throw ApiException.badRequest();
        }
    }

    /** The metric and log template of a request the gate refuses: a fixed word, never its path. */
    private static String errorTemplate(ApiException error) {
        if (error.status() == 404) {
            return "NOT_FOUND";
        }
        return error.getMessage().equals(ApiException.invalidPathEncoding().getMessage()) ? "INVALID_PATH" : "INVALID_REQUEST";
    }

    /** Hands a canonical API request to the resources: request id (R45), plain JSON type (R6), access log. */
    private static void answerApiRequest(RoutingContext context, String requestId) {
        HttpServerResponse response = context.response();
        response.putHeader("X-Request-Id", requestId);
        context.addHeadersEndHandler(ignored -> {
            if (response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
                response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            }
        });
        AccessLog.track(context, context.get(ROUTE), requestId, context.get(START));
        context.next();
    }

    /**
     * A failure the router reports: before the gate ran, the request itself is unusable (no or an
     * invalid {@code Host}): 400 under a fixed template; later, whatever the failure says (R57).
     */
    private void fail(RoutingContext context) {
        if (context.response().ended()) {
            return;
        }
        String requestId = requestId(context);
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
            AccessLog.track(context, "INVALID_REQUEST", requestId, System.nanoTime());
            ErrorResponses.send(context, requestId, ApiException.badRequest(), context.failure());
            return;
        }
        ApiException error = context.failure() != null
                ? ErrorMapper.classify(context.failure())
                : new ApiException(context.statusCode(), HttpResponseStatus.valueOf(context.statusCode()).reasonPhrase());
        ErrorResponses.send(context, requestId, error, context.failure());
    }
}
