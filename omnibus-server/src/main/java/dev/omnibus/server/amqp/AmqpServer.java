package dev.omnibus.server.amqp;

import dev.omnibus.core.Broker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMQP 1.0 listener (plain TCP, as the SDKs use it with {@code UseDevelopmentEmulator=true}). Each accepted
 * connection lives on one Netty event loop with its own protonj2 engine. The broker is not owned: closing the server
 * closes its connections only.
 *
 * <pre>{@code
 * try (AmqpServer server = AmqpServer.start(AmqpServerOptions.defaults(), broker)) {
 *     String cs = ConnectionString.forEmulator("localhost", server.port(), keyName, key);
 * }
 * }</pre>
 */
public final class AmqpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpServer.class);

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final ChannelGroup channels;
    private final Channel listener;

    private AmqpServer(EventLoopGroup acceptor, EventLoopGroup workers, ChannelGroup channels, Channel listener) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.channels = channels;
        this.listener = listener;
    }

    /**
     * Binds and starts accepting connections.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static AmqpServer start(AmqpServerOptions options, Broker broker) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(broker, "broker");
        // Daemon threads: an embedded broker somebody forgot to close must not keep a JVM alive.
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("omnibus-amqp-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(options.ioThreads(),
                new DefaultThreadFactory("omnibus-amqp", true));
        ChannelGroup channels = new DefaultChannelGroup("omnibus-amqp", GlobalEventExecutor.INSTANCE);
        try {
            Channel listener = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            ch.pipeline().addLast(new AmqpChannelHandler(broker, options));
                            options.pipelineHook().accept(ch.pipeline());
                        }
                    })
                    .bind(options.host(), options.port())
                    .syncUninterruptibly()
                    .channel();
            AmqpServer server = new AmqpServer(acceptor, workers, channels, listener);
            LOG.info("AMQP listening on {}:{}", options.host(), server.port());
            return server;
        } catch (Exception e) {
            acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("Cannot listen for AMQP on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The port bound (the random one when the options said 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection and stops the event loops. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
