package dev.bencher.jobs.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.bencher.jobs.error.ApiException;
import dev.bencher.jobs.error.ErrorMapper;
import dev.bencher.jobs.error.ErrorResponses;
import dev.bencher.jobs.error.RoutingFailures;
import dev.bencher.jobs.http.ProtocolVersion;
import dev.bencher.jobs.http.RequestId;
import dev.bencher.jobs.http.ResponseHeaders;
import dev.bencher.jobs.observability.AccessLog;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Routing: the first handler of every request, before the JAX-RS resources. It applies dropshot's
 * routing rules (R4, R5: 400/404/405) and the message checks of RFC 9112 that these endpoints need
 * (a malformed version is a 400, another major version than 1 a 505, as {@link ProtocolVersion} tells),
 * then hands a request for one of the two paths on under its canonical path, so the resources only
 * ever see {@code GET} or {@code OPTIONS} on {@code /v0/projects/{project}/jobs[/{job}]}. Refusals
 * are answered by {@code error/}, as are the router's own failures and the final 404
 * ({@link RoutingFailures}), which the gate installs.
 */
@ApplicationScoped
public class RequestGate {

    /**
     * Before Quarkus REST and the security handlers, after the framework's bookkeeping handlers; the
     * failure handler at the same place comes before the framework's error pages.
     */
    private static final int ORDER = Integer.MIN_VALUE + 100;

    private static final String ROUTE = "bencher.route";

    private final RoutingFailures failures;

    public RequestGate(RoutingFailures failures) {
        this.failures = failures;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle).failureHandler(failures::fail);
        router.route().last().handler(failures::notFound);
    }

    private void handle(RoutingContext context) {
        if (RequestId.of(context) != null) { // a rerouted pass (canonical API path, or the framework's own reroute)
            if (context.get(ROUTE) != null) {
                answerApiRequest(context);
            } else {
                context.next();
            }
            return;
        }
        String requestId = RequestId.assign(context);
        HttpServerRequest request = context.request();
        ApiRoute route = null;
        try {
            switch (ProtocolVersion.of(request)) { // RFC 9112 §2.3; docs/decisions.md "Protocol version"
                case MALFORMED -> throw ApiException.badRequest();
                case NOT_SUPPORTED -> throw ApiException.versionNotSupported();
                case SERVE_AS_HTTP_11 -> ProtocolVersion.answerUnknownAsHttp11(context);
                case SERVE -> { }
            }
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
                context.next();
                return;
            }
            route = ApiRoute.match(segments);
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.OPTIONS) {
                throw ApiException.methodNotAllowed();
            }
        } catch (ApiException error) {
            AccessLog.track(context, route != null ? route.template() : template(error));
            ErrorResponses.send(context, ErrorMapper.decide(error, requestId));
            return;
        }
        context.put(ROUTE, route.template());
        String canonical = route.canonicalPath();
        if (canonical.equals(request.path())) {
            answerApiRequest(context);
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

    /** The metric and log template of a request refused before it matched a route: never its path. */
    private static String template(ApiException error) {
        if (error.status() == 404) {
            return AccessLog.NOT_FOUND;
        }
        return error.getMessage().equals(ApiException.invalidPathEncoding().getMessage())
                ? AccessLog.INVALID_PATH
                : AccessLog.INVALID_REQUEST;
    }

    /**
     * Hands a canonical API request to the resources with its request id, plain JSON type (R6) and
     * access log, which a reroute to the canonical path would have cleared.
     */
    private static void answerApiRequest(RoutingContext context) {
        RequestId.sendWith(context);
        ResponseHeaders.keepPlainJsonType(context);
        AccessLog.track(context, context.get(ROUTE));
        context.next();
    }
}
