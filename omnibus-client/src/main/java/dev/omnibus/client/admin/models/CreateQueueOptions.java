package dev.omnibus.client.admin.models;

import dev.omnibus.client.implementation.admin.XmlValues;
import java.time.Duration;
import java.util.Objects;

/**
 * The properties of a queue to create. A new instance holds the Service Bus defaults, and every setter returns this
 * object, so only what differs needs saying:
 *
 * <pre>{@code
 * admin.createQueue("orders", new CreateQueueOptions()
 *         .setLockDuration(Duration.ofSeconds(30))
 *         .setMaxDeliveryCount(5)
 *         .setDeadLetteringOnMessageExpiration(true));
 * }</pre>
 *
 * <p>Defaults: lock duration 1 minute, maximum size 1024 MB, no duplicate detection (history window 10 minutes when
 * enabled), no sessions, messages live forever ({@code TimeSpan.MaxValue}), no dead-lettering on expiry, 10
 * deliveries, batched operations on, no forwarding, never auto-deleted, not partitioned, status
 * {@link EntityStatus#ACTIVE}, the service's maximum message size. Not thread-safe.
 */
public final class CreateQueueOptions {
    private Duration lockDuration = Duration.ofMinutes(1);
    private long maxSizeInMegabytes = 1024;
    private boolean requiresDuplicateDetection;
    private boolean requiresSession;
    private Duration defaultMessageTimeToLive = XmlValues.MAX_DURATION;
    private boolean deadLetteringOnMessageExpiration;
    private Duration duplicateDetectionHistoryTimeWindow = Duration.ofMinutes(10);
    private int maxDeliveryCount = 10;
    private boolean enableBatchedOperations = true;
    private String forwardTo;
    private String forwardDeadLetteredMessagesTo;
    private Duration autoDeleteOnIdle = XmlValues.MAX_DURATION;
    private boolean enablePartitioning;
    private Long maxMessageSizeInKilobytes;
    private EntityStatus status = EntityStatus.ACTIVE;
    private String userMetadata;

    /** Options with the Service Bus defaults. */
    public CreateQueueOptions() {
    }

    /**
     * Options with the properties of an existing queue, to create another like it.
     *
     * @param queue the queue to copy
     * @throws NullPointerException if {@code queue} is null
     */
    public CreateQueueOptions(QueueProperties queue) {
        Objects.requireNonNull(queue, "queue");
        lockDuration = queue.getLockDuration();
        maxSizeInMegabytes = queue.getMaxSizeInMegabytes();
        requiresDuplicateDetection = queue.isDuplicateDetectionRequired();
        requiresSession = queue.isSessionRequired();
        defaultMessageTimeToLive = queue.getDefaultMessageTimeToLive();
        deadLetteringOnMessageExpiration = queue.isDeadLetteringOnMessageExpiration();
        duplicateDetectionHistoryTimeWindow = queue.getDuplicateDetectionHistoryTimeWindow();
        maxDeliveryCount = queue.getMaxDeliveryCount();
        enableBatchedOperations = queue.isBatchedOperationsEnabled();
        forwardTo = queue.getForwardTo();
        forwardDeadLetteredMessagesTo = queue.getForwardDeadLetteredMessagesTo();
        autoDeleteOnIdle = queue.getAutoDeleteOnIdle();
        enablePartitioning = queue.isPartitioningEnabled();
        maxMessageSizeInKilobytes = queue.getMaxMessageSizeInKilobytes();
        status = queue.getStatus();
        userMetadata = queue.getUserMetadata();
    }

    /** @return how long a received message stays locked for its receiver */
    public Duration getLockDuration() {
        return lockDuration;
    }

    /**
     * @param lockDuration how long a received message stays locked for its receiver (Service Bus: 5 s to 5 min)
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateQueueOptions setLockDuration(Duration lockDuration) {
        this.lockDuration = Checks.positive(lockDuration, "lockDuration");
        return this;
    }

    /** @return the queue's maximum size in megabytes */
    public long getMaxSizeInMegabytes() {
        return maxSizeInMegabytes;
    }

    /**
     * @param maxSizeInMegabytes the queue's maximum size in megabytes
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateQueueOptions setMaxSizeInMegabytes(long maxSizeInMegabytes) {
        this.maxSizeInMegabytes = Checks.positive(maxSizeInMegabytes, "maxSizeInMegabytes");
        return this;
    }

    /** @return whether the queue drops messages whose message id it saw within the history window */
    public boolean isDuplicateDetectionRequired() {
        return requiresDuplicateDetection;
    }

    /**
     * @param requiresDuplicateDetection whether the queue drops messages whose message id it saw within
     *                                   {@link #getDuplicateDetectionHistoryTimeWindow()}; cannot change later
     * @return these options
     */
    public CreateQueueOptions setRequiresDuplicateDetection(boolean requiresDuplicateDetection) {
        this.requiresDuplicateDetection = requiresDuplicateDetection;
        return this;
    }

    /** @return whether receivers must accept sessions */
    public boolean isSessionRequired() {
        return requiresSession;
    }

    /**
     * @param requiresSession whether receivers must accept sessions; cannot change later
     * @return these options
     */
    public CreateQueueOptions setRequiresSession(boolean requiresSession) {
        this.requiresSession = requiresSession;
        return this;
    }

    /** @return how long a message lives when it does not say itself */
    public Duration getDefaultMessageTimeToLive() {
        return defaultMessageTimeToLive;
    }

    /**
     * @param defaultMessageTimeToLive how long a message lives when it does not say itself
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateQueueOptions setDefaultMessageTimeToLive(Duration defaultMessageTimeToLive) {
        this.defaultMessageTimeToLive = Checks.positive(defaultMessageTimeToLive, "defaultMessageTimeToLive");
        return this;
    }

    /** @return whether expired messages move to the dead-letter queue instead of disappearing */
    public boolean isDeadLetteringOnMessageExpiration() {
        return deadLetteringOnMessageExpiration;
    }

    /**
     * @param deadLetteringOnMessageExpiration whether expired messages move to the dead-letter queue
     * @return these options
     */
    public CreateQueueOptions setDeadLetteringOnMessageExpiration(boolean deadLetteringOnMessageExpiration) {
        this.deadLetteringOnMessageExpiration = deadLetteringOnMessageExpiration;
        return this;
    }

    /** @return how long message ids are remembered for duplicate detection */
    public Duration getDuplicateDetectionHistoryTimeWindow() {
        return duplicateDetectionHistoryTimeWindow;
    }

    /**
     * @param window how long message ids are remembered for duplicate detection (Service Bus: 20 s to 7 days)
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateQueueOptions setDuplicateDetectionHistoryTimeWindow(Duration window) {
        this.duplicateDetectionHistoryTimeWindow = Checks.positive(window, "duplicateDetectionHistoryTimeWindow");
        return this;
    }

    /** @return after how many deliveries a message is dead-lettered */
    public int getMaxDeliveryCount() {
        return maxDeliveryCount;
    }

    /**
     * @param maxDeliveryCount after how many deliveries a message is dead-lettered
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateQueueOptions setMaxDeliveryCount(int maxDeliveryCount) {
        this.maxDeliveryCount = Checks.positive(maxDeliveryCount, "maxDeliveryCount");
        return this;
    }

    /** @return whether the service may batch store operations */
    public boolean isBatchedOperationsEnabled() {
        return enableBatchedOperations;
    }

    /**
     * @param enableBatchedOperations whether the service may batch store operations
     * @return these options
     */
    public CreateQueueOptions setEnableBatchedOperations(boolean enableBatchedOperations) {
        this.enableBatchedOperations = enableBatchedOperations;
        return this;
    }

    /** @return the queue or topic every message is forwarded to, or null */
    public String getForwardTo() {
        return forwardTo;
    }

    /**
     * @param forwardTo the name of the queue or topic every message is forwarded to, or null for none
     * @return these options
     */
    public CreateQueueOptions setForwardTo(String forwardTo) {
        this.forwardTo = forwardTo;
        return this;
    }

    /** @return the queue or topic dead-lettered messages are forwarded to, or null */
    public String getForwardDeadLetteredMessagesTo() {
        return forwardDeadLetteredMessagesTo;
    }

    /**
     * @param forwardDeadLetteredMessagesTo the name of the queue or topic dead-lettered messages are forwarded to, or
     *                                      null for none
     * @return these options
     */
    public CreateQueueOptions setForwardDeadLetteredMessagesTo(String forwardDeadLetteredMessagesTo) {
        this.forwardDeadLetteredMessagesTo = forwardDeadLetteredMessagesTo;
        return this;
    }

    /** @return after how long without use the queue is deleted */
    public Duration getAutoDeleteOnIdle() {
        return autoDeleteOnIdle;
    }

    /**
     * @param autoDeleteOnIdle after how long without use the queue is deleted (Service Bus: at least 5 minutes)
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateQueueOptions setAutoDeleteOnIdle(Duration autoDeleteOnIdle) {
        this.autoDeleteOnIdle = Checks.positive(autoDeleteOnIdle, "autoDeleteOnIdle");
        return this;
    }

    /** @return whether the queue is partitioned */
    public boolean isPartitioningEnabled() {
        return enablePartitioning;
    }

    /**
     * @param enablePartitioning whether the queue is partitioned across message brokers; cannot change later
     * @return these options
     */
    public CreateQueueOptions setEnablePartitioning(boolean enablePartitioning) {
        this.enablePartitioning = enablePartitioning;
        return this;
    }

    /** @return the largest message the queue accepts in kilobytes, or null for the service's default */
    public Long getMaxMessageSizeInKilobytes() {
        return maxMessageSizeInKilobytes;
    }

    /**
     * @param maxMessageSizeInKilobytes the largest message the queue accepts in kilobytes, or null for the service's
     *                                  default (256 KB on a standard namespace)
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateQueueOptions setMaxMessageSizeInKilobytes(Long maxMessageSizeInKilobytes) {
        this.maxMessageSizeInKilobytes = maxMessageSizeInKilobytes == null ? null
                : Checks.positive(maxMessageSizeInKilobytes, "maxMessageSizeInKilobytes");
        return this;
    }

    /** @return the status the queue is created with */
    public EntityStatus getStatus() {
        return status;
    }

    /**
     * @param status the status the queue is created with
     * @return these options
     * @throws NullPointerException if {@code status} is null
     */
    public CreateQueueOptions setStatus(EntityStatus status) {
        this.status = Objects.requireNonNull(status, "status");
        return this;
    }

    /** @return free text stored with the queue, or null */
    public String getUserMetadata() {
        return userMetadata;
    }

    /**
     * @param userMetadata free text stored with the queue (up to 1024 characters), or null
     * @return these options
     */
    public CreateQueueOptions setUserMetadata(String userMetadata) {
        this.userMetadata = userMetadata;
        return this;
    }
}
