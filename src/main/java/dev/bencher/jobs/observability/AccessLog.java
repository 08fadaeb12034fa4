package dev.bencher.jobs.observability;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per API request, when its response ends: method, route template (never the raw
 * path with a project slug or job UUID), status, duration and request id. The same template is
 * handed to the HTTP metrics ({@code http_server_requests_seconds{uri=...}}), so neither grows with
 * the number of projects or jobs. Tokens, bodies and SQL parameters are never logged.
 */
public final class AccessLog {

    /** The Vert.x context key Quarkus' Micrometer binder reads the {@code uri} tag from. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final Logger LOG = Logger.getLogger("dev.bencher.jobs.access");

    private AccessLog() {
    }

    /** Call once per request, on the routing pass that answers it; {@code start} is from {@link System#nanoTime()}. */
    public static void track(RoutingContext context, String route, String requestId, long start) {
        Vertx.currentContext().putLocal(URL_PATH_TEMPLATE, route);
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
