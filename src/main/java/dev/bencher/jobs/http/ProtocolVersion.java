package dev.bencher.jobs.http;

import java.lang.reflect.Field;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.http.impl.Http1xServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * The protocol version of a request and of its answer (RFC 9112 §2.3, RFC 9110 §2.5;
 * docs/decisions.md "Protocol version"). Netty's request decoder, as Vert.x sets it up, takes any
 * {@code NAME/DIGITS.DIGITS} for a version and keeps it upper-cased and without leading zeros. Vert.x
 * knows the request as HTTP/1.0 or HTTP/1.1 only when its request line says exactly {@code HTTP/1.0}
 * or {@code HTTP/1.1} (Netty's two constants), tells a handler nothing for any other, and would
 * answer in the version the request named ({@code HTTP/9.9 200 OK}).
 */
@RegisterForReflection(targets = { Http1xServerConnection.class, Http1xServerRequest.class }, fields = true, methods = false)
public final class ProtocolVersion {

    /** What the request line's version asks of the service. */
    public enum Verdict {
        /** Exactly {@code HTTP/1.0} or {@code HTTP/1.1}. */
        SERVE,
        /** {@code HTTP/1.2} to {@code HTTP/1.9}: served as HTTP/1.1, the highest 1.x we speak. */
        SERVE_AS_HTTP_11,
        /** Another major version, {@code HTTP/0.9} or {@code HTTP/2.0} to {@code HTTP/9.9} as text: 505. */
        NOT_SUPPORTED,
        /** Not {@code HTTP/DIGIT.DIGIT} as RFC 9112 writes it (a lower-case name, a leading zero, two digits, another name): 400. */
        MALFORMED
    }

    /**
     * Vert.x keeps the version Netty read in the request it is answering, out of an application's
     * reach: these two fields of its HTTP/1 server are the one way to it.
     */
    private static final Field RESPONSE_IN_PROGRESS = field(Http1xServerConnection.class, "responseInProgress");
    private static final Field NETTY_REQUEST = field(Http1xServerRequest.class, "request");

    private ProtocolVersion() {
    }

    public static Verdict of(HttpServerRequest request) {
        if (request.version() != null) {
            return Verdict.SERVE;
        }
        HttpVersion read = versionRead(request);
        if (read == null || !read.protocolName().equals("HTTP") || read.majorVersion() > 9 || read.minorVersion() > 9
                // Netty's own constants are the exact texts; an equal one was written otherwise
                || read.equals(HttpVersion.HTTP_1_0) || read.equals(HttpVersion.HTTP_1_1)) {
            return Verdict.MALFORMED;
        }
        return read.majorVersion() == 1 ? Verdict.SERVE_AS_HTTP_11 : Verdict.NOT_SUPPORTED;
    }

    /** The version as Netty read it, or null if Vert.x no longer keeps it where {@link #RESPONSE_IN_PROGRESS} says. */
    private static HttpVersion versionRead(HttpServerRequest request) {
        if (RESPONSE_IN_PROGRESS == null || NETTY_REQUEST == null || !(request.connection() instanceof Http1xServerConnection connection)) {
            return null;
        }
        try {
            Object answering = RESPONSE_IN_PROGRESS.get(connection);
            return answering == null ? null : ((HttpRequest) NETTY_REQUEST.get(answering)).protocolVersion();
        } catch (IllegalAccessException | ClassCastException e) {
            return null;
        }
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // every version Vert.x does not know is then MALFORMED, a 400
        }
    }

    /**
     * An answer to a request of a version Vert.x does not know names HTTP/1.1, never the request's
     * text, and says {@code Connection: close}, as Vert.x keeps no such connection open. Vert.x fixes a
     * response's version before any handler runs and has no way to change it, so a Netty handler of
     * ours, beside Vert.x's own on this connection, sets it as the response leaves. Vert.x's connection
     * class ({@link ConnectionBase}, internal) is the one way to the connection's Netty pipeline.
     */
    public static void answerUnknownAsHttp11(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() != null || !(request.connection() instanceof ConnectionBase connection)) {
            return;
        }
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        ChannelHandlerContext vertx = connection.channelHandlerContext();
        if (vertx.pipeline().get(Http11StatusLine.class) == null) {
            vertx.pipeline().addBefore(vertx.name(), Http11StatusLine.class.getName(), new Http11StatusLine());
        }
    }

    /** Sets HTTP/1.1 on every response that passes, before it is encoded. */
    private static final class Http11StatusLine extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof HttpResponse response) {
                response.setProtocolVersion(HttpVersion.HTTP_1_1);
            }
            super.write(context, message, promise);
        }
    }
}
