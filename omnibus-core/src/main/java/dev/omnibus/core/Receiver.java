package dev.omnibus.core;

import java.util.concurrent.CompletableFuture;

/** A consumer attached to one queue or sub-queue. Thread-safe: calls are posted to the entity's mailbox. */
public interface Receiver {
    /** Allows {@code credit} more deliveries. */
    void addCredit(int credit);

    /** Delivers what is available within the credit, then spends the rest and reports {@link DeliverySink#onDrained()}. */
    void drain();

    /**
     * Stops deliveries. The locks it holds end (as when a Service Bus receive link closes): its unsettled messages
     * wait again, counted as an attempt. Messages received by sequence number are not held by a receiver and keep
     * their locks.
     */
    CompletableFuture<Void> close();
}
