package dev.omnibus.client.admin.models;

import java.time.Duration;

/**
 * A topic as the service describes it. Get one from {@code getTopic}, {@code createTopic} or {@code listTopics};
 * change what may change and pass it to {@code updateTopic}. Duplicate detection and partitioning are fixed when the
 * topic is created. Not thread-safe.
 */
public final class TopicProperties {
    private final String name;
    private final CreateTopicOptions values;

    TopicProperties(String name, CreateTopicOptions values) {
        this.name = name;
        this.values = values;
    }

    /** @return the topic's name */
    public String getName() {
        return name;
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
    public TopicProperties setDefaultMessageTimeToLive(Duration defaultMessageTimeToLive) {
        values.setDefaultMessageTimeToLive(defaultMessageTimeToLive);
        return this;
    }

    /** @return the topic's maximum size in megabytes */
    public long getMaxSizeInMegabytes() {
        return values.getMaxSizeInMegabytes();
    }

    /**
     * @param maxSizeInMegabytes the topic's maximum size in megabytes
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public TopicProperties setMaxSizeInMegabytes(long maxSizeInMegabytes) {
        values.setMaxSizeInMegabytes(maxSizeInMegabytes);
        return this;
    }

    /** @return whether the topic drops messages whose message id it saw within the history window */
    public boolean isDuplicateDetectionRequired() {
        return values.isDuplicateDetectionRequired();
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
    public TopicProperties setDuplicateDetectionHistoryTimeWindow(Duration window) {
        values.setDuplicateDetectionHistoryTimeWindow(window);
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
    public TopicProperties setEnableBatchedOperations(boolean enableBatchedOperations) {
        values.setEnableBatchedOperations(enableBatchedOperations);
        return this;
    }

    /** @return the topic's status */
    public EntityStatus getStatus() {
        return values.getStatus();
    }

    /**
     * @param status the topic's status: ACTIVE, DISABLED, SEND_DISABLED or RECEIVE_DISABLED
     * @return this object
     * @throws NullPointerException if {@code status} is null
     */
    public TopicProperties setStatus(EntityStatus status) {
        values.setStatus(status);
        return this;
    }

    /** @return whether the topic keeps the order messages were sent in */
    public boolean isOrderingSupported() {
        return values.isOrderingSupported();
    }

    /**
     * @param supportOrdering whether the topic keeps the order messages were sent in
     * @return this object
     */
    public TopicProperties setSupportOrdering(boolean supportOrdering) {
        values.setSupportOrdering(supportOrdering);
        return this;
    }

    /** @return after how long without use the topic is deleted */
    public Duration getAutoDeleteOnIdle() {
        return values.getAutoDeleteOnIdle();
    }

    /**
     * @param autoDeleteOnIdle after how long without use the topic is deleted
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public TopicProperties setAutoDeleteOnIdle(Duration autoDeleteOnIdle) {
        values.setAutoDeleteOnIdle(autoDeleteOnIdle);
        return this;
    }

    /** @return whether the topic is partitioned */
    public boolean isPartitioningEnabled() {
        return values.isPartitioningEnabled();
    }

    /** @return free text stored with the topic, or null */
    public String getUserMetadata() {
        return values.getUserMetadata();
    }

    /**
     * @param userMetadata free text stored with the topic, or null
     * @return this object
     */
    public TopicProperties setUserMetadata(String userMetadata) {
        values.setUserMetadata(userMetadata);
        return this;
    }

    /** @return the largest message the topic accepts in kilobytes, or null when the service did not say */
    public Long getMaxMessageSizeInKilobytes() {
        return values.getMaxMessageSizeInKilobytes();
    }

    /**
     * @param maxMessageSizeInKilobytes the largest message the topic accepts in kilobytes, or null to leave it
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public TopicProperties setMaxMessageSizeInKilobytes(Long maxMessageSizeInKilobytes) {
        values.setMaxMessageSizeInKilobytes(maxMessageSizeInKilobytes);
        return this;
    }

    @Override
    public String toString() {
        return "TopicProperties{name=" + name + ", status=" + getStatus() + "}";
    }
}
