package dev.omnibus.client.admin.models;

import java.time.Duration;

/**
 * A queue as the service describes it. Get one from {@code getQueue}, {@code createQueue} or {@code listQueues};
 * change what may change with the setters and pass it to {@code updateQueue}. Whether the queue requires sessions or
 * duplicate detection, and whether it is partitioned, are fixed when it is created. Not thread-safe.
 */
public final class QueueProperties {
    private final String name;
    private final CreateQueueOptions values;

    QueueProperties(String name, CreateQueueOptions values) {
        this.name = name;
        this.values = values;
    }

    /** @return the queue's name (its path in the namespace) */
    public String getName() {
        return name;
    }

    /** @return how long a received message stays locked for its receiver */
    public Duration getLockDuration() {
        return values.getLockDuration();
    }

    /**
     * @param lockDuration how long a received message stays locked for its receiver
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public QueueProperties setLockDuration(Duration lockDuration) {
        values.setLockDuration(lockDuration);
        return this;
    }

    /** @return the queue's maximum size in megabytes */
    public long getMaxSizeInMegabytes() {
        return values.getMaxSizeInMegabytes();
    }

    /**
     * @param maxSizeInMegabytes the queue's maximum size in megabytes
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public QueueProperties setMaxSizeInMegabytes(long maxSizeInMegabytes) {
        values.setMaxSizeInMegabytes(maxSizeInMegabytes);
        return this;
    }

    /** @return whether the queue drops messages whose message id it saw within the history window */
    public boolean isDuplicateDetectionRequired() {
        return values.isDuplicateDetectionRequired();
    }

    /** @return whether receivers must accept sessions */
    public boolean isSessionRequired() {
        return values.isSessionRequired();
    }

    /** @return how long a message lives when it does not say itself */
    public Duration getDefaultMessageTimeToLive() {
        return values.getDefaultMessageTimeToLive();
    }

    /**
     * @param defaultMessageTimeToLive how long a message lives when it does not say itself
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public QueueProperties setDefaultMessageTimeToLive(Duration defaultMessageTimeToLive) {
        values.setDefaultMessageTimeToLive(defaultMessageTimeToLive);
        return this;
    }

    /** @return whether expired messages move to the dead-letter queue */
    public boolean isDeadLetteringOnMessageExpiration() {
        return values.isDeadLetteringOnMessageExpiration();
    }

    /**
     * @param deadLetteringOnMessageExpiration whether expired messages move to the dead-letter queue
     * @return this object
     */
    public QueueProperties setDeadLetteringOnMessageExpiration(boolean deadLetteringOnMessageExpiration) {
        values.setDeadLetteringOnMessageExpiration(deadLetteringOnMessageExpiration);
        return this;
    }

    /** @return how long message ids are remembered for duplicate detection */
    public Duration getDuplicateDetectionHistoryTimeWindow() {
        return values.getDuplicateDetectionHistoryTimeWindow();
    }

    /**
     * @param window how long message ids are remembered for duplicate detection
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public QueueProperties setDuplicateDetectionHistoryTimeWindow(Duration window) {
        values.setDuplicateDetectionHistoryTimeWindow(window);
        return this;
    }

    /** @return after how many deliveries a message is dead-lettered */
    public int getMaxDeliveryCount() {
        return values.getMaxDeliveryCount();
    }

    /**
     * @param maxDeliveryCount after how many deliveries a message is dead-lettered
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public QueueProperties setMaxDeliveryCount(int maxDeliveryCount) {
        values.setMaxDeliveryCount(maxDeliveryCount);
        return this;
    }

    /** @return whether the service may batch store operations */
    public boolean isBatchedOperationsEnabled() {
        return values.isBatchedOperationsEnabled();
    }

    /**
     * @param enableBatchedOperations whether the service may batch store operations
     * @return this object
     */
    public QueueProperties setEnableBatchedOperations(boolean enableBatchedOperations) {
        values.setEnableBatchedOperations(enableBatchedOperations);
        return this;
    }

    /** @return the name of the queue or topic every message is forwarded to, or null */
    public String getForwardTo() {
        return values.getForwardTo();
    }

    /**
     * @param forwardTo the name of the queue or topic every message is forwarded to, or null for none
     * @return this object
     */
    public QueueProperties setForwardTo(String forwardTo) {
        values.setForwardTo(forwardTo);
        return this;
    }

    /** @return the name of the queue or topic dead-lettered messages are forwarded to, or null */
    public String getForwardDeadLetteredMessagesTo() {
        return values.getForwardDeadLetteredMessagesTo();
    }

    /**
     * @param forwardDeadLetteredMessagesTo the queue or topic dead-lettered messages are forwarded to, or null
     * @return this object
     */
    public QueueProperties setForwardDeadLetteredMessagesTo(String forwardDeadLetteredMessagesTo) {
        values.setForwardDeadLetteredMessagesTo(forwardDeadLetteredMessagesTo);
        return this;
    }

    /** @return after how long without use the queue is deleted */
    public Duration getAutoDeleteOnIdle() {
        return values.getAutoDeleteOnIdle();
    }

    /**
     * @param autoDeleteOnIdle after how long without use the queue is deleted
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public QueueProperties setAutoDeleteOnIdle(Duration autoDeleteOnIdle) {
        values.setAutoDeleteOnIdle(autoDeleteOnIdle);
        return this;
    }

    /** @return whether the queue is partitioned */
    public boolean isPartitioningEnabled() {
        return values.isPartitioningEnabled();
    }

    /** @return the largest message the queue accepts in kilobytes, or null when the service did not say */
    public Long getMaxMessageSizeInKilobytes() {
        return values.getMaxMessageSizeInKilobytes();
    }

    /**
     * @param maxMessageSizeInKilobytes the largest message the queue accepts in kilobytes, or null to leave it
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public QueueProperties setMaxMessageSizeInKilobytes(Long maxMessageSizeInKilobytes) {
        values.setMaxMessageSizeInKilobytes(maxMessageSizeInKilobytes);
        return this;
    }

    /** @return the queue's status */
    public EntityStatus getStatus() {
        return values.getStatus();
    }

    /**
     * @param status the queue's status: ACTIVE, DISABLED, SEND_DISABLED or RECEIVE_DISABLED
     * @return this object
     * @throws NullPointerException if {@code status} is null
     */
    public QueueProperties setStatus(EntityStatus status) {
        values.setStatus(status);
        return this;
    }

    /** @return free text stored with the queue, or null */
    public String getUserMetadata() {
        return values.getUserMetadata();
    }

    /**
     * @param userMetadata free text stored with the queue, or null
     * @return this object
     */
    public QueueProperties setUserMetadata(String userMetadata) {
        values.setUserMetadata(userMetadata);
        return this;
    }

    @Override
    public String toString() {
        return "QueueProperties{name=" + name + ", status=" + getStatus() + "}";
    }
}
