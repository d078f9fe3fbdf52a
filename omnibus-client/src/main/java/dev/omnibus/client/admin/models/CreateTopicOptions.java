package dev.omnibus.client.admin.models;

import dev.omnibus.client.implementation.admin.XmlValues;
import java.time.Duration;
import java.util.Objects;

/**
 * The properties of a topic to create. A new instance holds the Service Bus defaults; every setter returns this
 * object:
 *
 * <pre>{@code
 * admin.createTopic("events", new CreateTopicOptions().setDefaultMessageTimeToLive(Duration.ofDays(1)));
 * }</pre>
 *
 * <p>Defaults: maximum size 1024 MB, messages live forever, no duplicate detection (history window 10 minutes when
 * enabled), batched operations on, ordered delivery supported, never auto-deleted, not partitioned, status
 * {@link EntityStatus#ACTIVE}, the service's maximum message size. Not thread-safe.
 */
public final class CreateTopicOptions {
    private Duration defaultMessageTimeToLive = XmlValues.MAX_DURATION;
    private long maxSizeInMegabytes = 1024;
    private boolean requiresDuplicateDetection;
    private Duration duplicateDetectionHistoryTimeWindow = Duration.ofMinutes(10);
    private boolean enableBatchedOperations = true;
    private EntityStatus status = EntityStatus.ACTIVE;
    private boolean supportOrdering = true;
    private Duration autoDeleteOnIdle = XmlValues.MAX_DURATION;
    private boolean enablePartitioning;
    private String userMetadata;
    private Long maxMessageSizeInKilobytes;

    /** Options with the Service Bus defaults. */
    public CreateTopicOptions() {
    }

    /**
     * Options with the properties of an existing topic, to create another like it.
     *
     * @param topic the topic to copy
     * @throws NullPointerException if {@code topic} is null
     */
    public CreateTopicOptions(TopicProperties topic) {
        Objects.requireNonNull(topic, "topic");
        defaultMessageTimeToLive = topic.getDefaultMessageTimeToLive();
        maxSizeInMegabytes = topic.getMaxSizeInMegabytes();
        requiresDuplicateDetection = topic.isDuplicateDetectionRequired();
        duplicateDetectionHistoryTimeWindow = topic.getDuplicateDetectionHistoryTimeWindow();
        enableBatchedOperations = topic.isBatchedOperationsEnabled();
        status = topic.getStatus();
        supportOrdering = topic.isOrderingSupported();
        autoDeleteOnIdle = topic.getAutoDeleteOnIdle();
        enablePartitioning = topic.isPartitioningEnabled();
        userMetadata = topic.getUserMetadata();
        maxMessageSizeInKilobytes = topic.getMaxMessageSizeInKilobytes();
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
    public CreateTopicOptions setDefaultMessageTimeToLive(Duration defaultMessageTimeToLive) {
        this.defaultMessageTimeToLive = Checks.positive(defaultMessageTimeToLive, "defaultMessageTimeToLive");
        return this;
    }

    /** @return the topic's maximum size in megabytes */
    public long getMaxSizeInMegabytes() {
        return maxSizeInMegabytes;
    }

    /**
     * @param maxSizeInMegabytes the topic's maximum size in megabytes
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateTopicOptions setMaxSizeInMegabytes(long maxSizeInMegabytes) {
        this.maxSizeInMegabytes = Checks.positive(maxSizeInMegabytes, "maxSizeInMegabytes");
        return this;
    }

    /** @return whether the topic drops messages whose message id it saw within the history window */
    public boolean isDuplicateDetectionRequired() {
        return requiresDuplicateDetection;
    }

    /**
     * @param requiresDuplicateDetection whether the topic drops messages whose message id it saw within the history
     *                                   window; cannot change later
     * @return these options
     */
    public CreateTopicOptions setRequiresDuplicateDetection(boolean requiresDuplicateDetection) {
        this.requiresDuplicateDetection = requiresDuplicateDetection;
        return this;
    }

    /** @return how long message ids are remembered for duplicate detection */
    public Duration getDuplicateDetectionHistoryTimeWindow() {
        return duplicateDetectionHistoryTimeWindow;
    }

    /**
     * @param window how long message ids are remembered for duplicate detection
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateTopicOptions setDuplicateDetectionHistoryTimeWindow(Duration window) {
        this.duplicateDetectionHistoryTimeWindow = Checks.positive(window, "duplicateDetectionHistoryTimeWindow");
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
    public CreateTopicOptions setEnableBatchedOperations(boolean enableBatchedOperations) {
        this.enableBatchedOperations = enableBatchedOperations;
        return this;
    }

    /** @return the status the topic is created with */
    public EntityStatus getStatus() {
        return status;
    }

    /**
     * @param status the status the topic is created with
     * @return these options
     * @throws NullPointerException if {@code status} is null
     */
    public CreateTopicOptions setStatus(EntityStatus status) {
        this.status = Objects.requireNonNull(status, "status");
        return this;
    }

    /** @return whether the topic keeps the order messages were sent in */
    public boolean isOrderingSupported() {
        return supportOrdering;
    }

    /**
     * @param supportOrdering whether the topic keeps the order messages were sent in
     * @return these options
     */
    public CreateTopicOptions setSupportOrdering(boolean supportOrdering) {
        this.supportOrdering = supportOrdering;
        return this;
    }

    /** @return after how long without use the topic is deleted */
    public Duration getAutoDeleteOnIdle() {
        return autoDeleteOnIdle;
    }

    /**
     * @param autoDeleteOnIdle after how long without use the topic is deleted
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateTopicOptions setAutoDeleteOnIdle(Duration autoDeleteOnIdle) {
        this.autoDeleteOnIdle = Checks.positive(autoDeleteOnIdle, "autoDeleteOnIdle");
        return this;
    }

    /** @return whether the topic is partitioned */
    public boolean isPartitioningEnabled() {
        return enablePartitioning;
    }

    /**
     * @param enablePartitioning whether the topic is partitioned across message brokers; cannot change later
     * @return these options
     */
    public CreateTopicOptions setEnablePartitioning(boolean enablePartitioning) {
        this.enablePartitioning = enablePartitioning;
        return this;
    }

    /** @return free text stored with the topic, or null */
    public String getUserMetadata() {
        return userMetadata;
    }

    /**
     * @param userMetadata free text stored with the topic, or null
     * @return these options
     */
    public CreateTopicOptions setUserMetadata(String userMetadata) {
        this.userMetadata = userMetadata;
        return this;
    }

    /** @return the largest message the topic accepts in kilobytes, or null for the service's default */
    public Long getMaxMessageSizeInKilobytes() {
        return maxMessageSizeInKilobytes;
    }

    /**
     * @param maxMessageSizeInKilobytes the largest message the topic accepts in kilobytes, or null for the
     *                                  service's default
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateTopicOptions setMaxMessageSizeInKilobytes(Long maxMessageSizeInKilobytes) {
        this.maxMessageSizeInKilobytes = maxMessageSizeInKilobytes == null ? null
                : Checks.positive(maxMessageSizeInKilobytes, "maxMessageSizeInKilobytes");
        return this;
    }
}
