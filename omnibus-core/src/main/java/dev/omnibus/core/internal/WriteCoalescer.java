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
    private static final int MAX_PRESIZE = 4096;
    private final Mailbox mailbox;
    private final MessageStore store;
    private StoreBatch pending;
    /** Ops of the last turn's batch, at most {@link #MAX_PRESIZE}: the next one's starting capacity. */
    private int lastTurnOps;
    /** Told in the mailbox once durable: {@code Consumer<BrokerException>} or {@code CompletableFuture<Void>}. */
    private List<Object> inMailbox = new ArrayList<>();
    /** Told on the store's thread once durable; the same two kinds. */
    private List<Object> detached = new ArrayList<>();

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
        turn().addAll(batch);
        (completeInMailbox ? inMailbox : detached).add(done);
        return done;
    }

    /**
     * Adds a batch to this turn's writes; {@code done} is told the outcome (null when durable), in the mailbox or on
     * the store's thread. The hot paths use this form: no future per write.
     */
    void add(StoreBatch batch, boolean completeInMailbox, Consumer<BrokerException> done) {
        turn().addAll(batch);
        (completeInMailbox ? inMailbox : detached).add(done);
    }

    /**
     * This turn's batch, for ops appended in place (no batch of their own). Register what waits for them with
     * {@link #whenDurable} in the same mailbox task.
     */
    StoreBatch turn() {
        if (pending == null) {
            pending = new StoreBatch(lastTurnOps); // busy turns are alike: no growing copy after copy
            mailbox.execute(this::flush);
        }
        return pending;
    }

    /** Completes {@code done} on the store's thread once this turn's batch is durable, or fails it. */
    void whenDurable(CompletableFuture<Void> done) {
        turn();
        detached.add(done);
    }

    /** Tells {@code done} in the mailbox once this turn's batch is durable (null) or failed. */
    void whenDurableInMailbox(Consumer<BrokerException> done) {
        turn();
        inMailbox.add(done);
    }

    private void flush() {
        StoreBatch batch = pending;
        lastTurnOps = Math.min(batch.size(), MAX_PRESIZE);
        List<Object> toMailbox = inMailbox;
        List<Object> toStoreThread = detached;
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

    @SuppressWarnings("unchecked")
    private static void tellAll(List<Object> waiting, BrokerException failure) {
        for (Object w : waiting) {
            if (w instanceof CompletableFuture<?> f) {
                if (failure == null) {
                    ((CompletableFuture<Void>) f).complete(null);
                } else {
                    f.completeExceptionally(failure);
                }
            } else {
                ((Consumer<BrokerException>) w).accept(failure);
            }
        }
    }
}
