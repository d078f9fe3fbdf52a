package dev.omnibus.client.implementation;

import dev.omnibus.client.TransportType;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The byte pipe under an AMQP connection: TCP, optionally TLS (server name = the namespace host, checked against the
 * certificate as HTTPS clients do), optionally WebSockets (sub-protocol {@code AMQPWSB10}, binary frames). It
 * reports when the pipe is ready for AMQP bytes (after the TLS and WebSocket handshakes), hands received bytes on,
 * and reports closure once, with the cause of a failed handshake.
 *
 * <pre>
 *  [tls: SslHandler]  [websocket: http-codec aggregator ws-protocol FrameToBytes BytesToFrame]  Bridge
 * </pre>
 *
 * <p>All callbacks run on the channel's event loop.
 */
final class NettyTransport {
    /** What the transport tells its owner. */
    interface Listener {
        /** The pipe is ready: AMQP may start. */
        void onReady();

        /** Bytes arrived; the buffer is released after the call. */
        void onBytes(ByteBuf bytes);

        /** The pipe closed or failed; {@code cause} is null for an orderly close. Called once. */
        void onClosed(Throwable cause);
    }

    private static final String WEBSOCKET_PROTOCOL = "AMQPWSB10";
    /** Our AMQP frames are at most 256 KiB, and a server may put several into one WebSocket frame. */
    private static final int MAX_WEBSOCKET_FRAME = 1024 * 1024;

    private NettyTransport() {
    }

    /** Connects; the returned future fails if the TCP connection cannot be made. */
    static ChannelFuture connect(ClientConfig config, EventLoop loop, Listener listener) {
        return new Bootstrap()
                .group(loop)
                .channel(IoLoops.channelFor(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, config.retry().getTryTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) throws NoSuchAlgorithmException {
                        configure(channel, config, listener);
                    }
                })
                .connect(config.host(), config.port());
    }

    private static void configure(SocketChannel channel, ClientConfig config, Listener listener)
            throws NoSuchAlgorithmException {
        ChannelPipeline pipeline = channel.pipeline();
        boolean webSockets = config.transport() == TransportType.AMQP_WEB_SOCKETS;
        if (config.tls()) {
            pipeline.addLast("tls", tlsHandler(config));
        }
        if (webSockets) {
            pipeline.addLast(new HttpClientCodec());
            pipeline.addLast(new HttpObjectAggregator(64 * 1024));
            pipeline.addLast(new WebSocketClientProtocolHandler(URI.create(config.endpoint()), WebSocketVersion.V13,
                    WEBSOCKET_PROTOCOL, false, new DefaultHttpHeaders(), MAX_WEBSOCKET_FRAME));
            pipeline.addLast(new FrameToBytes());
            pipeline.addLast(new BytesToFrame());
        }
        pipeline.addLast("amqp", new Bridge(listener, webSockets, config.tls()));
    }

    /**
     * A JDK TLS engine for the namespace host: SNI names it, and the certificate must name it too (endpoint
     * identification "HTTPS", which Netty does not switch on by itself). Trust is the configured context's, or the
     * JVM default's (its trust store, {@code javax.net.ssl.trustStore} when set), as for any Java TLS client.
     */
    private static SslHandler tlsHandler(ClientConfig config) throws NoSuchAlgorithmException {
        SSLContext context = config.sslContext() != null ? config.sslContext() : SSLContext.getDefault();
        SSLEngine engine = context.createSSLEngine(config.host(), config.port());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return new SslHandler(engine);
    }

    /** Feeds bytes to the listener and reports readiness and closure. */
    private static final class Bridge extends ChannelInboundHandlerAdapter {
        private final Listener listener;
        private final boolean webSockets;
        private final boolean tls;
        private boolean closed;

        Bridge(Listener listener, boolean webSockets, boolean tls) {
            this.listener = listener;
            this.webSockets = webSockets;
            this.tls = tls;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (!webSockets && !tls) {
                listener.onReady();
            }
            ctx.fireChannelActive();
        }

        /**
         * Ready after the last handshake: TLS alone, or the WebSocket upgrade (which runs over TLS for wss). A failed
         * TLS handshake ends the pipe with its cause, whatever runs over it, so an untrusted certificate is reported
         * as such and not as a closed connection.
         */
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (!handshake.isSuccess()) {
                    closed(ctx, handshake.cause());
                } else if (!webSockets) {
                    listener.onReady();
                }
            } else if (webSockets
                    && event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                listener.onReady();
            } else if (webSockets
                    && event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                closed(ctx, new TimeoutException("The WebSocket upgrade at "
                        + ctx.channel().remoteAddress() + " was not answered"));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            try {
                listener.onBytes(bytes);
            } finally {
                bytes.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed(ctx, null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closed(ctx, cause);
        }

        private void closed(ChannelHandlerContext ctx, Throwable cause) {
            if (!closed) {
                closed = true;
                ctx.close();
                listener.onClosed(cause);
            }
        }
    }

    /** WebSocket binary (and continuation) frames in, their content out. */
    private static final class FrameToBytes extends MessageToMessageDecoder<WebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            }
        }
    }

    /** Bytes out, wrapped in binary WebSocket frames. */
    private static final class BytesToFrame extends MessageToMessageEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
            out.add(new BinaryWebSocketFrame(bytes.retain()));
        }
    }

    /** Closes a channel, ignoring one that is already closed. */
    static void close(Channel channel) {
        if (channel != null) {
            channel.close();
        }
    }
}
