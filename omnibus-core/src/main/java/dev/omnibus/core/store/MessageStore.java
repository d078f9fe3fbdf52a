package dev.omnibus.core.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where entities and messages are kept. The broker writes through {@link #commit(StoreBatch)} only; a batch is
 * applied atomically, batches are applied in the order they were submitted, and the returned future completes
 * once the batch is durable (implementations share one sync among many batches: group commit).
 *
 * <p>Reads see every batch whose future has completed. Messages are keyed by a queue id (see {@link QueueIds}) and
 * a sequence number; ids and definitions are opaque to the store.
 */
public interface MessageStore extends AutoCloseable {
    /**
     * Replays everything stored, once, before the first commit: entities, sequence high-water marks, duplicate
     * detection history, session states, and the meta (not the payload) of every message, in ascending sequence
     * order within each queue.
     */
    void recover(RecoveryVisitor visitor);

    /** Applies the batch atomically; completes when durable, or exceptionally if it could not be written. */
    CompletableFuture<Void> commit(StoreBatch batch);

    /** One message with its payload, or null when there is none. */
    StoredMessage read(long queueId, long sequenceNumber);

    /** Up to {@code maxCount} messages of a queue with sequence number at least {@code fromSequenceNumber}, ascending. */
    List<StoredMessage> scan(long queueId, long fromSequenceNumber, int maxCount);

    /** Flushes and releases resources; pending commits complete or fail before it returns. */
    @Override
    void close();
}
