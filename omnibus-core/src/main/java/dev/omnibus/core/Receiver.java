package dev.omnibus.core;

import java.util.concurrent.CompletableFuture;

/** A consumer attached to one queue or sub-queue. Thread-safe: calls are posted to the entity's mailbox. */
public interface Receiver {
    /** Allows {@code credit} more deliveries. */
    void addCredit(int credit);

    /** Delivers what is available within the credit, then spends the rest and reports {@link DeliverySink#onDrained()}. */
    void drain();

    /** Stops deliveries. Messages it locked stay locked until settled (e.g. through management) or expired. */
    CompletableFuture<Void> close();
}
