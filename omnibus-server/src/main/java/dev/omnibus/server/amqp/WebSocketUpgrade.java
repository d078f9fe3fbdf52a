package dev.omnibus.server.amqp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sits in an HTTP connection's pipeline in front of the HTTP dispatch and watches for a request to the AMQP
 * WebSocket endpoint ({@link AmqpWebSockets}). Other requests pass by untouched. For that one, it turns the
 * connection into an AMQP connection: everything after it (the HTTP dispatch) goes, Netty's WebSocket protocol
 * handler, the frame bridge and, through the acceptor, the AMQP handler come in, and the request is passed on for
 * Netty to answer with {@code 101 Switching Protocols} (or 400 when it is not a valid WebSocket request). Then it
 * removes itself. Confined to the channel's event loop.
 */
final class WebSocketUpgrade extends ChannelInboundHandlerAdapter {
    static final String NAME = "omnibus-amqp-websocket-upgrade";
    /**
     * Our AMQP frames are at most 256 KiB and our client writes one frame per WebSocket frame; the margin lets a
     * client put several AMQP frames into one WebSocket frame.
     */
    private static final int MAX_FRAME_PAYLOAD = 1 << 20;

    private final Supplier<Consumer<ChannelPipeline>> acceptors;

    WebSocketUpgrade(Supplier<Consumer<ChannelPipeline>> acceptors) {
        this.acceptors = acceptors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !AmqpWebSockets.isEndpoint(request.uri())) {
            ctx.fireChannelRead(msg);
            return;
        }
        Consumer<ChannelPipeline> acceptor = acceptors.get();
        if (acceptor == null) {
            request.release();
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "AMQP is not available yet; try again later.");
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        removeHandlersAfter(ctx);
        // Netty matches the path exactly; the request may have named it in another accepted form.
        request.setUri(AmqpWebSockets.PATH);
        pipeline.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(AmqpWebSockets.PATH)
                .subprotocols(AmqpWebSockets.SUBPROTOCOL)
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .build()));
        pipeline.addLast(new WebSocketFrames());
        acceptor.accept(pipeline);
        ctx.fireChannelRead(request);
        pipeline.remove(this);
    }

    private static void removeHandlersAfter(ChannelHandlerContext self) {
        ChannelPipeline pipeline = self.pipeline();
        List<String> names = pipeline.names();
        for (int i = names.indexOf(self.name()) + 1; i < names.size(); i++) {
            ChannelHandler handler = pipeline.get(names.get(i));
            if (handler != null) {
                pipeline.remove(handler);
            }
        }
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        // The shape of the HTTP routes' error bodies.
        byte[] body = ("{\"status\":" + status.code() + ",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
