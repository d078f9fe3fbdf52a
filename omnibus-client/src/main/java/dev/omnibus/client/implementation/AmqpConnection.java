package dev.omnibus.client.implementation;

import dev.omnibus.client.exceptions.OperationTimeoutException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.engine.Connection;
import org.apache.qpid.protonj2.engine.Engine;
import org.apache.qpid.protonj2.engine.EngineFactory;
import org.apache.qpid.protonj2.engine.Session;
import org.apache.qpid.protonj2.engine.sasl.SaslOutcome;
import org.apache.qpid.protonj2.engine.sasl.SaslClientContext;
import org.apache.qpid.protonj2.engine.sasl.SaslClientListener;
import org.apache.qpid.protonj2.types.Symbol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP connection to the namespace: a protonj2 engine (which does no I/O) fed by a {@link NettyTransport}.
 * SASL is ANONYMOUS (authorisation happens afterwards on {@code $cbs}, as in every Service Bus SDK).
 *
 * <p>Confined to its event loop: every engine call happens in {@link #execute(Runnable)} tasks. When the
 * connection fails or closes, every registered {@linkplain #onClosed(Consumer) close listener} is told once, so
 * links fail their pending work at once instead of waiting for timeouts.
 */
public final class AmqpConnection {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    private static final Symbol ANONYMOUS = Symbol.valueOf("ANONYMOUS");
    /** Frames up to 256 KiB, like Service Bus; larger messages span several transfer frames. */
    private static final int MAX_FRAME_SIZE = 256 * 1024;

    private final ClientConfig config;
    private final EventLoop loop;
    private final CompletableFuture<AmqpConnection> opened = new CompletableFuture<>();
    private final Set<Consumer<ServiceBusException>> closeListeners = new LinkedHashSet<>();
    private final CbsAuthorizer authorizer;
    private Engine engine;
    private Connection connection;
    private Channel channel;
    private boolean flushScheduled;
    private volatile ServiceBusException failure;

    private AmqpConnection(ClientConfig config, EventLoop loop) {
        this.config = config;
        this.loop = loop;
        this.authorizer = new CbsAuthorizer(this, config);
    }

    /** Connects and opens; the future completes (on the event loop) when the service has opened the connection. */
    public static CompletableFuture<AmqpConnection> open(ClientConfig config, EventLoop loop) {
        AmqpConnection amqp = new AmqpConnection(config, loop);
        loop.execute(amqp::connect);
        // A peer that accepts TCP but never opens AMQP must not leave the connection pending forever.
        Duration timeout = config.retry().getTryTimeout();
        loop.schedule(() -> {
            if (!amqp.opened.isDone()) {
                amqp.fail(new OperationTimeoutException("Opening the connection to " + config.endpoint()
                        + " did not complete within " + timeout, null));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return amqp.opened;
    }

    private void connect() {
        channel = NettyTransport.connect(config, loop, new NettyTransport.Listener() {
            @Override
            public void onReady() {
                startEngine();
            }

            @Override
            public void onBytes(ByteBuf bytes) {
                ingest(bytes);
            }

            @Override
            public void onClosed(Throwable cause) {
                fail(transportEnded(cause));
            }
        }).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                fail(ServiceBusExceptions.unreachable(config.endpoint(), future.cause()));
            }
        }).channel();
    }

    /**
     * Why the transport ended, as the client reports it. A server certificate the client does not trust, or one for
     * another host name, will not change on a retry, so that failure is not transient and surfaces at once, saying
     * how to trust the certificate; anything else (a reset, a closed socket) is a lost connection, retried.
     */
    private ServiceBusException transportEnded(Throwable cause) {
        if (cause == null) {
            return ServiceBusExceptions.connectionLost("The connection to " + config.endpoint() + " was closed",
                    null);
        }
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertificateException) {
                return new ServiceBusException("TLS with " + config.endpoint() + " failed, the server's certificate "
                        + "was refused: " + c.getMessage() + ". Trust it with ServiceBusClientBuilder"
                        + ".trustCertificate(pem) or .sslContext(context), or add it to the JVM's trust store.",
                        ServiceBusFailureReason.SERVICE_COMMUNICATION_ERROR, false, cause);
            }
        }
        return ServiceBusExceptions.connectionLost("The connection to " + config.endpoint() + " failed: " + cause,
                cause);
    }

    private void startEngine() {
        engine = EngineFactory.PROTON.createEngine();
        engine.configuration().setTraceFrames(config.traceFrames());
        engine.outputHandler(this::write);
        engine.errorHandler(failed -> fail(ServiceBusExceptions.connectionLost("AMQP engine failed: "
                + failed.failureCause(), failed.failureCause())));
        engine.saslDriver().client().setListener(new AnonymousSasl());
        connection = engine.start();
        connection.setContainerId(config.clientId())
                .setHostname(config.host())
                .setMaxFrameSize(MAX_FRAME_SIZE)
                .setChannelMax(65535);
        connection.openHandler(remote -> opened.complete(this));
        connection.closeHandler(remote -> fail(ServiceBusExceptions.fromCondition(remote.getRemoteCondition(),
                "The service closed the connection")));
        connection.tickAuto(loop);
        connection.open();
    }

    private void ingest(ByteBuf bytes) {
        if (engine == null || engine.isShutdown() || engine.isFailed()) {
            return;
        }
        byte[] copy = new byte[bytes.readableBytes()];
        bytes.readBytes(copy);
        try {
            engine.ingest(ProtonByteArrayBufferAllocator.wrapped(copy));
        } catch (RuntimeException e) {
            fail(ServiceBusExceptions.connectionLost("AMQP protocol failure: " + e, e));
        }
    }

    private void write(ProtonBuffer output, Runnable written) {
        byte[] bytes = new byte[output.getReadableBytes()];
        output.readBytes(bytes, 0, bytes.length);
        channel.write(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
        if (written != null) {
            written.run();
        }
        // One flush per event-loop task, after the engine has written everything the task caused.
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(() -> {
                flushScheduled = false;
                channel.flush();
            });
        }
    }

    /** Runs {@code task} on the connection's event loop; a failure in it fails the connection. */
    public void execute(Runnable task) {
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.debug("Task on connection {} failed", config.clientId(), e);
                fail(ServiceBusExceptions.connectionLost("Connection task failed: " + e, e));
            }
        });
    }

    /** A new session, opened locally (links may be attached on it at once). Call on the event loop. */
    Session newSession() {
        Session session = connection.session();
        session.setIncomingCapacity(Integer.MAX_VALUE);
        return session.open();
    }

    /**
     * Registers a listener told once when the connection fails or closes; if it already has, the listener runs at
     * once. Call on the event loop.
     *
     * @return removes the listener again
     */
    Runnable onClosed(Consumer<ServiceBusException> listener) {
        if (failure != null) {
            listener.accept(failure);
            return () -> { };
        }
        closeListeners.add(listener);
        return () -> closeListeners.remove(listener);
    }

    /** @return the connection's event loop */
    public EventLoop loop() {
        return loop;
    }

    /** @return the configuration this connection was made with */
    public ClientConfig config() {
        return config;
    }

    /** @return the {@code $cbs} authoriser of this connection */
    public CbsAuthorizer authorizer() {
        return authorizer;
    }

    /** @return whether the connection is open and has not failed */
    public boolean isUsable() {
        return failure == null && opened.isDone() && !opened.isCompletedExceptionally();
    }

    /** @return why the connection is unusable, or null */
    public ServiceBusException failure() {
        return failure;
    }

    /** Closes the connection politely (a close frame, then the socket). */
    public void close() {
        execute(() -> {
            if (failure != null) {
                return;
            }
            ServiceBusException closed = ServiceBusExceptions.connectionLost("The client was closed", null);
            if (connection != null && !engine.isShutdown() && !engine.isFailed()) {
                try {
                    connection.close();
                } catch (RuntimeException ignored) {
                    // The engine may already be failing; closing the socket below is enough.
                }
            }
            fail(closed);
        });
    }

    private void fail(ServiceBusException cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        LOG.debug("Connection {} to {} ended: {}", config.clientId(), config.endpoint(), cause.getMessage());
        opened.completeExceptionally(cause);
        authorizer.stop();
        List<Consumer<ServiceBusException>> listeners = new ArrayList<>(closeListeners);
        closeListeners.clear();
        for (Consumer<ServiceBusException> listener : listeners) {
            try {
                listener.accept(cause);
            } catch (RuntimeException e) {
                LOG.debug("Close listener failed", e);
            }
        }
        if (channel != null) {
            // Give the close frame a moment to leave, then drop the socket.
            channel.flush();
            loop.schedule(() -> NettyTransport.close(channel), 50, TimeUnit.MILLISECONDS);
        }
        if (engine != null && !engine.isShutdown()) {
            loop.schedule(engine::shutdown, 60, TimeUnit.MILLISECONDS);
        }
    }

    /** SASL ANONYMOUS; Service Bus authorises later through {@code $cbs}. */
    private final class AnonymousSasl implements SaslClientListener {
        @Override
        public void handleSaslMechanisms(SaslClientContext context, Symbol[] mechanisms) {
            ProtonBuffer response = ProtonByteArrayBufferAllocator.wrapped(new byte[0]);
            context.sendChosenMechanism(ANONYMOUS, config.host(), response);
        }

        @Override
        public void handleSaslChallenge(SaslClientContext context, ProtonBuffer challenge) {
            context.sendResponse(ProtonByteArrayBufferAllocator.wrapped(new byte[0]));
        }

        @Override
        public void handleSaslOutcome(SaslClientContext context, SaslOutcome outcome, ProtonBuffer additional) {
            if (outcome != SaslOutcome.SASL_OK) {
                String detail = additional == null ? outcome.toString()
                        : outcome + " " + additional.toString(StandardCharsets.UTF_8);
                fail(ServiceBusExceptions.saslFailed(detail));
            }
        }
    }
}
