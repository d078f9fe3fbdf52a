package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.store.StoreBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
    private List<CompletableFuture<Void>> inMailbox = new ArrayList<>();
    private List<CompletableFuture<Void>> detached = new ArrayList<>();

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
        if (pending == null) {
            pending = new StoreBatch();
            mailbox.execute(this::flush);
        }
        pending.addAll(batch);
        CompletableFuture<Void> done = new CompletableFuture<>();
        (completeInMailbox ? inMailbox : detached).add(done);
        return done;
    }

    private void flush() {
        StoreBatch batch = pending;
        List<CompletableFuture<Void>> toMailbox = inMailbox;
        List<CompletableFuture<Void>> toStoreThread = detached;
        pending = null;
        inMailbox = new ArrayList<>();
        detached = new ArrayList<>();
        store.commit(batch).whenComplete((v, e) -> {
            BrokerException failure = e == null ? null : new BrokerException(ServiceBusError.INTERNAL_ERROR,
                    ServiceBusError.INTERNAL_ERROR.describe("the store could not write: " + e), e);
            completeAll(toStoreThread, failure);
            if (!toMailbox.isEmpty()) {
                mailbox.execute(() -> completeAll(toMailbox, failure));
            }
        });
    }

    private static void completeAll(List<CompletableFuture<Void>> futures, BrokerException failure) {
        for (CompletableFuture<Void> f : futures) {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(failure);
            }
        }
    }
}
