package dev.omnibus.server.http;

import dev.omnibus.server.net.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The HTTP/1.1 listener (health, the management API), optionally over TLS, on its own event loops: keeping it off
 * the AMQP loops means a slow management call never delays message flow on the AMQP port. Its traffic is a few small
 * requests, so one loop is enough, unless an upgrade hook lets connections turn into something long-lived (AMQP over
 * WebSockets on the HTTPS listener), which is why the number of loops is the caller's choice.
 */
public final class HttpListener implements AutoCloseable {
    /** Management request bodies are entity descriptions, a few KB; anything far larger is refused by the codec. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final EventLoopGroup group;
    private final Channel channel;

    private HttpListener(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds and starts serving.
     *
     * @param port 0 for any free port; see {@link #port()}
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static HttpListener start(String host, int port, HttpRouter router) {
        return start(host, port, router, null);
    }

    /**
     * Binds and starts serving, over TLS when {@code tls} is given (HTTPS).
     *
     * @param tls a server-side context, or null for plain HTTP
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static HttpListener start(String host, int port, HttpRouter router, SslContext tls) {
        return start(host, port, router, tls, pipeline -> { }, 1);
    }

    /**
     * Binds and starts serving, over TLS when {@code tls} is given, with an upgrade hook.
     *
     * @param tls a server-side context, or null for plain HTTP
     * @param upgrades run on each connection's pipeline between the HTTP codec and the dispatch (see
     *     {@link #addHttpHandlers(ChannelPipeline, HttpRouter, Consumer)})
     * @param ioThreads event loops for connections, at least 1
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static HttpListener start(String host, int port, HttpRouter router, SslContext tls,
                                     Consumer<ChannelPipeline> upgrades, int ioThreads) {
        EventLoopGroup group = EventLoops.group(ioThreads, new DefaultThreadFactory("omnibus-http", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(EventLoops.serverChannel(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        addHttpHandlers(ch.pipeline(), router, upgrades);
                    }
                });
        try {
            Channel channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
            return new HttpListener(group, channel);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new UncheckedIOException("Cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * Adds the HTTP/1.1 codec and the router's dispatch to a pipeline: this listener's connections, and connections
     * another listener found to speak HTTP (the AMQP port's protocol sniffing).
     */
    public static void addHttpHandlers(ChannelPipeline pipeline, HttpRouter router) {
        addHttpHandlers(pipeline, router, p -> { });
    }

    /**
     * The same with an upgrade hook, which sees the pipeline after the codec and before the dispatch: handlers it
     * adds see every whole request ({@code FullHttpRequest}) first and may take the connection over (AMQP over
     * WebSockets does).
     */
    public static void addHttpHandlers(ChannelPipeline pipeline, HttpRouter router,
                                       Consumer<ChannelPipeline> upgrades) {
        pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES));
        upgrades.accept(pipeline);
        pipeline.addLast(new HttpDispatchHandler(router));
    }

    /** The bound port (the real one when started on port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting, closes open connections and stops the event loop; returns when all is done. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
