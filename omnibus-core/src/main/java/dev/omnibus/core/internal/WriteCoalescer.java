package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.store.StoreBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An entity's writes of one mailbox turn, merged into one store batch. The first write of a turn schedules a flush
 * at the end of the turn (a task behind those already queued); every write's future completes when the merged
 * batch is durable. Merging keeps each write atomic (the batch is a superset) and the order (the store applies
 * batches in submission order), and turns thousands of small batches a second into a few large ones.
 * Confined to the entity mailbox.
 */
final class WriteCoalescer {
    private final Mailbox mailbox;
    private final MessageStore store;
    private StoreBatch pending;
    private List<Consumer<BrokerException>> inMailbox = new ArrayList<>();
    private List<Consumer<BrokerException>> detached = new ArrayList<>();

    WriteCoalescer(Mailbox mailbox, MessageStore store) {
        this.mailbox = mailbox;
        this.store = store;
    }

    /**
     * Adds a batch to this turn's writes.
     *
     * @param completeInMailbox whether the future completes in the mailbox (continuations touch entity state) or
     *     on the store's thread (nothing in the entity changes when it completes)
     */
    CompletableFuture<Void> add(StoreBatch batch, boolean completeInMailbox) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        add(batch, completeInMailbox, failure -> {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    /**
     * Adds a batch to this turn's writes; {@code done} is told the outcome (null when durable), in the mailbox or on
     * the store's thread. The hot paths use this form: no future per write.
     */
    void add(StoreBatch batch, boolean completeInMailbox, Consumer<BrokerException> done) {
        if (pending == null) {
            pending = new StoreBatch();
            mailbox.execute(this::flush);
        }
        pending.addAll(batch);
        (completeInMailbox ? inMailbox : detached).add(done);
    }

    private void flush() {
        StoreBatch batch = pending;
        List<Consumer<BrokerException>> toMailbox = inMailbox;
        List<Consumer<BrokerException>> toStoreThread = detached;
        pending = null;
        inMailbox = new ArrayList<>();
        detached = new ArrayList<>();
        store.commit(batch).whenComplete((v, e) -> {
            BrokerException failure = e == null ? null : new BrokerException(ServiceBusError.INTERNAL_ERROR,
                    ServiceBusError.INTERNAL_ERROR.describe("the store could not write: " + e), e);
            tellAll(toStoreThread, failure);
            if (!toMailbox.isEmpty()) {
                mailbox.execute(() -> tellAll(toMailbox, failure));
            }
        });
    }

    private static void tellAll(List<Consumer<BrokerException>> callbacks, BrokerException failure) {
        for (Consumer<BrokerException> callback : callbacks) {
            callback.accept(failure);
        }
    }
}
