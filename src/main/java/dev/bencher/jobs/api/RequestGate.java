package dev.bencher.jobs.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.error.ErrorMapper;
import dev.bencher.jobs.error.ErrorResponses;
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
    static final int ORDER = Integer.MIN_VALUE + 100;

    private static final String REQUEST_ID = "bencher.request-id";

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
        router.route().order(ORDER).failureHandler(this::fail);
    }

    /** R45: the id of this request, also the {@code request_id} of an error body. */
    public static String requestId(RoutingContext context) {
        return context.get(REQUEST_ID);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requestId = requestId(context);
        if (requestId != null) {
            prepareApiResponse(context, requestId); // rerouted below: the response was reset
            context.next();
            return;
        }
        requestId = UUID.randomUUID().toString();
        context.put(REQUEST_ID, requestId);
        if (ApiRoute.isOperational(request.path())) {
            context.response().putHeader("X-Request-Id", requestId);
            context.next();
            return;
        }
        ApiRoute route;
        try {
            route = ApiRoute.match(request.path());
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.OPTIONS) {
                throw ApiException.methodNotAllowed();
            }
        } catch (ApiException error) {
            context.response().putHeader("X-Request-Id", requestId);
            ErrorResponses.send(context, requestId, error, error);
            return;
        }
        request.headers().remove(HttpHeaders.ACCEPT);
        String canonical = route.canonicalPath();
        if (canonical.equals(request.path())) {
            prepareApiResponse(context, requestId);
            context.next();
        } else {
            context.reroute(request.method(), request.query() == null ? canonical : canonical + "?" + request.query());
        }
    }

    /** A failure the router reports before any resource ran: the spec's envelope, not a framework page. */
    private void fail(RoutingContext context) {
        if (context.response().ended()) {
            return;
        }
        String requestId = requestId(context) != null ? requestId(context) : UUID.randomUUID().toString();
        context.response().putHeader("X-Request-Id", requestId);
        ApiException error = context.failure() != null
                ? ErrorMapper.classify(context.failure())
                : new ApiException(context.statusCode(), HttpResponseStatus.valueOf(context.statusCode()).reasonPhrase());
        ErrorResponses.send(context, requestId, error, context.failure());
    }

    /** R45, R6: the request id, and a plain {@code application/json} whatever the framework chose. */
    private static void prepareApiResponse(RoutingContext context, String requestId) {
        HttpServerResponse response = context.response();
        response.putHeader("X-Request-Id", requestId);
        context.addHeadersEndHandler(ignored -> {
            if (response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
                response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            }
        });
    }
}
