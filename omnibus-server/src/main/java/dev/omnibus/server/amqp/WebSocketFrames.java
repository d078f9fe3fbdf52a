package dev.omnibus.server.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Between Netty's WebSocket protocol handler and {@link AmqpChannelHandler}: the AMQP side sees a plain byte stream.
 * Binary frames (and their continuations) in become their bytes; bytes out become binary frames, one per write. The
 * AMQP handler sees {@code channelActive} only once the handshake is complete, because the channel was active long
 * before (it spoke HTTP) and the AMQP connection must not start before the WebSocket exists. Control frames (ping,
 * close) are answered by the protocol handler and never get here; a text frame is a protocol error, AMQP is binary.
 */
final class WebSocketFrames extends ChannelDuplexHandler {

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.fireChannelActive();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
        } else if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            ByteBuf bytes = frame.content().retain();
            frame.release();
            ctx.fireChannelRead(bytes);
        } else {
            frame.release();
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE))
                    .addListener(f -> ctx.close());
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // An empty buffer carries no AMQP bytes: the AMQP handler writes one to flush before it closes.
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            ctx.write(new BinaryWebSocketFrame(bytes), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
