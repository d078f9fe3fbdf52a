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
 *
 * <p>The contract the test kit checks: futures complete in submission order (an empty batch completes after the
 * batches before it); an {@code UpdateMeta} of a message that is not stored is ignored; ids and sequence numbers
 * are non-negative; payloads, definitions, message ids and session ids are non-null; {@code close()} may be called
 * twice. A store may make {@code commit} wait when too much is queued (back-pressure); it reports how much through
 * {@link #pendingBytes()}.
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

    /** Bytes handed to {@link #commit} and not yet durable; 0 for stores that write synchronously. */
    default long pendingBytes() {
        return 0;
    }

    /** Flushes and releases resources; pending commits complete or fail before it returns. */
    @Override
    void close();
}
