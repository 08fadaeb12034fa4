package dev.bencher.jobs.http;

import java.util.UUID;

import io.vertx.ext.web.RoutingContext;

/**
 * The id of a request (jobs-api.md R45) and the time it arrived: minted once, when the request is
 * first seen, and sent as {@code X-Request-Id}, so every response carries it; error bodies
 * repeat it as {@code request_id} (R52) and the access log names it.
 */
public final class RequestId {

    private static final String ID = "bencher.request-id";
    private static final String ARRIVED = "bencher.arrived";

    private RequestId() {
    }

    /** Gives the request its id and sets {@code X-Request-Id}; call once, on the first routing pass. */
    public static String assign(RoutingContext context) {
        String id = UUID.randomUUID().toString();
        context.put(ID, id);
        context.put(ARRIVED, System.nanoTime());
        sendWith(context);
        return id;
    }

    /**
     * Sets {@code X-Request-Id} on the response: at {@link #assign}, and again on a rerouted pass,
     * because a reroute clears the response's headers.
     */
    public static void sendWith(RoutingContext context) {
        context.response().putHeader(ResponseHeaders.REQUEST_ID, of(context));
    }

    /** The request's id, or {@code null} before {@link #assign}. */
    public static String of(RoutingContext context) {
        return context.get(ID);
    }

    /** When the request was assigned its id, from {@link System#nanoTime()}. */
    public static long arrivedAt(RoutingContext context) {
        return context.get(ARRIVED);
    }
}
