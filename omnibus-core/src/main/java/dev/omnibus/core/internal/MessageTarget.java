package dev.omnibus.core.internal;

import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageMeta;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** What messages can be sent or forwarded to: a queue or a topic. */
public interface MessageTarget {
    String path();

    /** Runs {@code op} in the target's mailbox; its failure, thrown or returned, completes the result. */
    <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> op);

    /** Accepts sent messages; call in the target's mailbox. Returns sequence numbers (0 for dropped duplicates). */
    CompletableFuture<long[]> accept(List<IncomingMessage> messages, boolean schedule, int hops);

    /**
     * Receives a stored message moved from another entity; call in the target's mailbox. The same store batch
     * deletes it from {@code sourceQueueId} (none when negative).
     */
    CompletableFuture<Void> transferIn(MessageMeta meta, byte[] payload, long sourceQueueId);
}
