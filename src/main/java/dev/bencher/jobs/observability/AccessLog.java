package dev.bencher.jobs.observability;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.bencher.jobs.http.RequestId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per API request, when its response ends: method, route template (never the raw
 * path with a project slug or job UUID), status, duration and request id. The same template is
 * handed to the HTTP metrics ({@code http_server_requests_seconds{uri=...}}) and names the request's
 * server span, so neither grows with the number of projects or jobs; the request id (R45) is the
 * span's attribute {@code bencher.request_id}, so a log line, a span and an error body can be
 * joined. Tokens, bodies and SQL parameters are never logged.
 */
public final class AccessLog {

    /** The templates of requests refused before routing: fixed words, never the request's path. */
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String INVALID_PATH = "INVALID_PATH";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("bencher.request_id");

    private static final Logger LOG = Logger.getLogger("dev.bencher.jobs.access");

    private AccessLog() {
    }

    /** Call once per request, on the routing pass that answers it, after {@link RequestId#assign}. */
    public static void track(RoutingContext context, String route) {
        String requestId = RequestId.of(context);
        long start = RequestId.arrivedAt(context);
        JobsMeters.tagHttpRoute(route);
        Span.current().setAttribute(REQUEST_ID, requestId);
        String method = context.request().method().name();
        context.addEndHandler(ignored -> {
            int status = context.response().getStatusCode();
            long millis = (System.nanoTime() - start) / 1_000_000;
            MDC.put("request_id", requestId);
            MDC.put("method", method);
            MDC.put("route", route);
            MDC.put("status", status);
            MDC.put("duration_ms", millis);
            try {
                LOG.infof("%s %s %d %d ms", method, route, status, millis);
            } finally {
                for (String key : new String[] { "request_id", "method", "route", "status", "duration_ms" }) {
                    MDC.remove(key);
                }
            }
        });
    }
}
