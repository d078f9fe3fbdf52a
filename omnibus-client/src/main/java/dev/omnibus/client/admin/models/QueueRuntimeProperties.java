package dev.omnibus.client.admin.models;

import dev.omnibus.client.implementation.admin.EntityRuntime;
import java.time.OffsetDateTime;

/** A queue's message counts, size and times, as of the moment the service answered. Immutable. */
public final class QueueRuntimeProperties {
    private final String name;
    private final EntityRuntime runtime;

    QueueRuntimeProperties(String name, EntityRuntime runtime) {
        this.name = name;
        this.runtime = runtime;
    }

    /** @return the queue's name */
    public String getName() {
        return name;
    }

    /** @return all messages in the queue: active, dead-lettered, scheduled and in transfer */
    public long getTotalMessageCount() {
        return runtime.totalMessageCount();
    }

    /** @return the size of the queue's messages in bytes */
    public long getSizeInBytes() {
        return runtime.sizeInBytes();
    }

    /** @return messages ready to be received (or locked by a receiver) */
    public long getActiveMessageCount() {
        return runtime.activeMessageCount();
    }

    /** @return messages in the dead-letter queue */
    public long getDeadLetterMessageCount() {
        return runtime.deadLetterMessageCount();
    }

    /** @return messages scheduled for later */
    public long getScheduledMessageCount() {
        return runtime.scheduledMessageCount();
    }

    /** @return messages that could not be forwarded and were dead-lettered */
    public long getTransferDeadLetterMessageCount() {
        return runtime.transferDeadLetterMessageCount();
    }

    /** @return messages waiting to be forwarded */
    public long getTransferMessageCount() {
        return runtime.transferMessageCount();
    }

    /** @return when the queue was created, or null if the service did not say */
    public OffsetDateTime getCreatedAt() {
        return runtime.createdAt();
    }

    /** @return when the queue was last changed, or null if the service did not say */
    public OffsetDateTime getUpdatedAt() {
        return runtime.updatedAt();
    }

    /** @return when a message was last sent or received, or null if never */
    public OffsetDateTime getAccessedAt() {
        return runtime.accessedAt();
    }

    @Override
    public String toString() {
        return "QueueRuntimeProperties{name=" + name + ", active=" + getActiveMessageCount() + ", deadLetter="
                + getDeadLetterMessageCount() + ", scheduled=" + getScheduledMessageCount() + "}";
    }
}
