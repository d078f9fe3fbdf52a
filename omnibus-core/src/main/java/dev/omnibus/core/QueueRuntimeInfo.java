package dev.omnibus.core;

import java.time.Instant;

/**
 * Runtime properties of a queue: counts, size and times. Active counts waiting, locked and deferred messages;
 * {@code deferredMessageCount} is the deferred part of it.
 */
public record QueueRuntimeInfo(String name, long activeMessageCount, long deadLetterMessageCount,
                               long scheduledMessageCount, long transferMessageCount,
                               long transferDeadLetterMessageCount, long deferredMessageCount, long sizeInBytes,
                               Instant createdAt, Instant updatedAt, Instant accessedAt) {
    /** Every message in the entity and its sub-queues, as {@code MessageCount} reports. */
    public long totalMessageCount() {
        return activeMessageCount + deadLetterMessageCount + scheduledMessageCount + transferMessageCount
                + transferDeadLetterMessageCount;
    }
}
