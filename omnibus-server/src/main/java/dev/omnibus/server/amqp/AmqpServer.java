package dev.omnibus.server.amqp;

import dev.omnibus.core.Broker;
import dev.omnibus.core.LoopTurns;
import dev.omnibus.server.net.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMQP 1.0 front door. Connections come in three ways: the plain port (what the SDKs use with
 * {@code UseDevelopmentEmulator=true}), the optional TLS port (AMQPS: TLS first, then the same SASL and AMQP), and
 * HTTP connections that another listener upgraded to AMQP over WebSockets and hands over through
 * {@link #webSocketAcceptor()}. Each connection lives on one Netty event loop with its own protonj2 engine. The
 * broker is not owned: closing the server closes its connections, wherever they came in, and nothing else.
 *
 * <pre>{@code
 * try (AmqpServer server = AmqpServer.start(AmqpServerOptions.defaults(), broker)) {
 *     String cs = ConnectionString.forEmulator("localhost", server.port(), keyName, key);
 * }
 * }</pre>
 */
public final class AmqpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpServer.class);

    private final Broker broker;
    private final AmqpServerOptions options;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    /** Every connection, including those adopted from WebSocket upgrades, so closing reaches them all. */
    private final ChannelGroup channels = new DefaultChannelGroup("omnibus-amqp", GlobalEventExecutor.INSTANCE);
    /** Links detached because they were idle, over all connections. */
    private final LongAdder idleLinksDetached = new LongAdder();
    private Channel listener;
    private Channel tlsListener;
    private volatile boolean closed;

    private AmqpServer(Broker broker, AmqpServerOptions options) {
        this.broker = broker;
        this.options = options;
        // Daemon threads: an embedded broker somebody forgot to close must not keep a JVM alive.
        this.acceptor = EventLoops.group(1, new DefaultThreadFactory("omnibus-amqp-accept", true));
        this.workers = EventLoops.group(options.ioThreads() > 0 ? options.ioThreads() : defaultIoThreads(),
                new DefaultThreadFactory("omnibus-amqp", true));
        if (!"false".equals(System.getProperty("omnibus.loopTurns"))) {
            // A connection's requests run their entity's turn on its own loop when the entity is idle: no pool
            // thread to wake and no hop back (LoopTurns). -Domnibus.loopTurns=false keeps every turn on the pool.
            workers.forEach(loop -> loop.execute(() -> LoopTurns.adopt(loop)));
        }
    }

    /**
     * One per processor. The loops run their connections' entity turns too (LoopTurns), so they carry most of the
     * broker's work beside the store writer: on two cores, two loops did 8 - 10 % more durable messages per second
     * than one (for 2 - 3 % more CPU per message) once warm. Before entity turns ran on the loops, one loop did the
     * same work as four with a fifth less CPU; more loops than processors only add wake-ups.
     */
    static int defaultIoThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Binds and starts accepting connections.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static AmqpServer start(AmqpServerOptions options, Broker broker) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(broker, "broker");
        AmqpServer server = new AmqpServer(broker, options);
        try {
            server.listener = server.bind(options.port(), null);
            if (options.tls() != null) {
                server.tlsListener = server.bind(options.tls().port(), options.tls().context());
            }
        } catch (Exception e) {
            server.close();
            int port = server.listener == null ? options.port() : options.tls().port();
            throw new IllegalStateException("Cannot listen for AMQP" + (server.listener == null ? "" : "S") + " on "
                    + options.host() + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("AMQP listening on {}:{}{} ({} transport)", options.host(), server.port(),
                server.tlsListener == null ? "" : ", AMQPS on port " + server.tlsPort(),
                EventLoops.name(server.workers));
        return server;
    }

    /**
     * One listening port. On the TLS port the TLS handler comes first and the pipeline hook is not run: what it
     * installs (the HTTP sniffer) reads plain bytes.
     */
    private Channel bind(int port, SslContext tls) {
        return new ServerBootstrap()
                .group(acceptor, workers)
                .channel(EventLoops.serverChannel(acceptor))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new AmqpChannelHandler(broker, options, idleLinksDetached::increment));
                        if (tls == null) {
                            options.pipelineHook().accept(ch.pipeline());
                        }
                    }
                })
                .bind(options.host(), port)
                .syncUninterruptibly()
                .channel();
    }

    /**
     * What an HTTP listener calls once it has agreed to upgrade a connection to AMQP over WebSockets and put the
     * WebSocket handlers in its pipeline: the AMQP handler goes last, and the connection becomes one of this
     * server's, closed with it. The connection stays on the HTTP listener's event loop.
     */
    public Consumer<ChannelPipeline> webSocketAcceptor() {
        return pipeline -> {
            if (closed) {
                pipeline.channel().close();
                return;
            }
            channels.add(pipeline.channel());
            pipeline.addLast(new AmqpChannelHandler(broker, options, idleLinksDetached::increment));
        };
    }

    /** The port bound (the random one when the options said 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The AMQPS port bound, or -1 when there is none. */
    public int tlsPort() {
        return tlsListener == null ? -1 : ((InetSocketAddress) tlsListener.localAddress()).getPort();
    }

    /**
     * How many links were detached so far because they carried no traffic for the link idle timeout
     * ({@link AmqpServerOptions#linkIdleTimeout()}).
     */
    public long idleLinksDetached() {
        return idleLinksDetached.sum();
    }

    /** Stops accepting, closes every connection and stops the event loops. */
    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (tlsListener != null) {
            tlsListener.close().syncUninterruptibly();
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        // The JDK closes a listening socket only when its selector lets go of it: until the acceptor loop has ended,
        // a connect may still land in the backlog and then be reset, so closing waits for that loop too.
        var acceptorDone = acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptorDone.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
