package dev.omnibus.client.implementation;

import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one AMQP connection of a client, re-made on demand: {@link #connection()} returns the open connection, or
 * starts a new one when the last one failed (the server restarted, the network dropped). Links notice their
 * connection's end and are re-made by their {@link LinkSlot}s, so senders and receivers recover without user code.
 *
 * <p>Owns the client's threads: one event loop for all AMQP I/O, and the callback executor on which user code
 * (continuations of public futures, processor handlers' dispatch, renewal callbacks) runs, never on the I/O thread.
 */
public final class ConnectionManager implements AutoCloseable {
    private final ClientConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final ExecutorService callbacks;
    private final IoWake wake = new IoWake();
    private CompletableFuture<AmqpConnection> current;
    private boolean closed;

    /** Creates the manager and its threads; connects on first use. */
    public ConnectionManager(ClientConfig config) {
        this.config = config;
        this.group = IoLoops.group(1, new DefaultThreadFactory("omnibus-client-io", true), wake);
        this.loop = group.next();
        this.callbacks = Executors.newCachedThreadPool(DaemonThreads.named("omnibus-client-callback"));
    }

    /** The open connection, or a new one being made. */
    public synchronized CompletableFuture<AmqpConnection> connection() {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        if (current == null || current.isCompletedExceptionally()
                || (current.isDone() && !current.join().isUsable())) {
            current = AmqpConnection.open(config, loop);
        }
        return current;
    }

    /** @return the configuration */
    public ClientConfig config() {
        return config;
    }

    /** @return the scheduler for timers (retry back-off, deadlines); tasks on it must be short */
    public ScheduledExecutorService scheduler() {
        return loop;
    }

    /** @return what keeps the I/O thread awake while blocking callers poll for answers */
    public IoWake ioWake() {
        return wake;
    }

    /** @return the executor user code runs on */
    public ExecutorService callbacks() {
        return callbacks;
    }

    /** @return whether {@link #close()} was called */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The error for work attempted after close. */
    public static ServiceBusException closedError() {
        return new ServiceBusException("The client is closed", ServiceBusFailureReason.GENERAL_ERROR, false, null);
    }

    /** Closes the connection and stops the threads. */
    @Override
    public void close() {
        CompletableFuture<AmqpConnection> last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = current;
        }
        if (last != null && last.isDone() && !last.isCompletedExceptionally()) {
            last.join().close();
        }
        group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS);
        callbacks.shutdown();
    }
}
