package dev.omnibus.client.implementation;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Holds the current link (or channel) of a sender or receiver and makes a new one, on the client's current
 * connection, when the last one has ended. Thread-safe.
 *
 * @param <T> the link type
 */
public final class LinkSlot<T> {
    private final ConnectionManager connections;
    private final Function<AmqpConnection, CompletableFuture<T>> factory;
    private final Predicate<T> usable;
    private final Consumer<T> closer;
    private CompletableFuture<T> current;
    private boolean closed;

    LinkSlot(ConnectionManager connections, Function<AmqpConnection, CompletableFuture<T>> factory,
             Predicate<T> usable, Consumer<T> closer) {
        this.connections = connections;
        this.factory = factory;
        this.usable = usable;
        this.closer = closer;
    }

    /** The usable link, or a new one being attached. */
    synchronized CompletableFuture<T> get() {
        if (closed) {
            return CompletableFuture.failedFuture(ConnectionManager.closedError());
        }
        if (current == null || current.isCompletedExceptionally()
                || (current.isDone() && !usable.test(current.join()))) {
            current = connections.connection().thenCompose(factory);
        }
        return current;
    }

    /** The current link if it is attached and usable, else null. */
    synchronized T peek() {
        return current != null && current.isDone() && !current.isCompletedExceptionally()
                && usable.test(current.join()) ? current.join() : null;
    }

    /** Detaches the current link and refuses to make new ones. */
    void close() {
        CompletableFuture<T> last;
        synchronized (this) {
            closed = true;
            last = current;
        }
        if (last != null) {
            last.thenAccept(closer);
        }
    }
}
