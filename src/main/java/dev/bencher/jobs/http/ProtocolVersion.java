package dev.bencher.jobs.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * The protocol version of a request and of its answer (RFC 9112 §2.3, RFC 9110 §2.5). Netty's
 * request decoder, as Vert.x sets it up, takes any {@code NAME/DIGITS.DIGITS} for a version,
 * upper-cased and without leading zeros; Vert.x knows the request as HTTP/1.0 or HTTP/1.1 only when
 * its request line says exactly {@code HTTP/1.0} or {@code HTTP/1.1}, and otherwise answers with the
 * version the request named: {@code HTTP/9.9 200 OK}, {@code FOO/1.1 404 Not Found}.
 */
public final class ProtocolVersion {

    private ProtocolVersion() {
    }

    /** The request line named {@code HTTP/1.0} or {@code HTTP/1.1}, exactly. */
    public static boolean isKnown(HttpServerRequest request) {
        return request.version() != null;
    }

    /**
     * An answer to a request of any other version names HTTP/1.1, never the request's text, and says
     * {@code Connection: close}, as Vert.x keeps no such connection open. Vert.x fixes a response's
     * version before any handler runs and has no way to change it, so a Netty handler of ours, beside
     * Vert.x's own on this connection, sets it as the response leaves. Vert.x's connection class
     * ({@link ConnectionBase}, internal) is the one way to the connection's Netty pipeline.
     */
    public static void answerUnknownAsHttp11(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (isKnown(request) || !(request.connection() instanceof ConnectionBase connection)) {
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
