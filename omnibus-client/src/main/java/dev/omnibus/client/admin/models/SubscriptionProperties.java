package dev.omnibus.client.admin.models;

import java.time.Duration;

/**
 * A subscription as the service describes it. Get one from {@code getSubscription}, {@code createSubscription} or
 * {@code listSubscriptions}; change what may change and pass it to {@code updateSubscription}. Whether it requires
 * sessions is fixed when it is created. Not thread-safe.
 */
public final class SubscriptionProperties {
    private final String topicName;
    private final String subscriptionName;
    private final CreateSubscriptionOptions values;

    SubscriptionProperties(String topicName, String subscriptionName, CreateSubscriptionOptions values) {
        this.topicName = topicName;
        this.subscriptionName = subscriptionName;
        this.values = values;
    }

    /** @return the topic the subscription belongs to */
    public String getTopicName() {
        return topicName;
    }

    /** @return the subscription's name */
    public String getSubscriptionName() {
        return subscriptionName;
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
    public SubscriptionProperties setLockDuration(Duration lockDuration) {
        values.setLockDuration(lockDuration);
        return this;
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
    public SubscriptionProperties setDefaultMessageTimeToLive(Duration defaultMessageTimeToLive) {
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
    public SubscriptionProperties setDeadLetteringOnMessageExpiration(boolean deadLetteringOnMessageExpiration) {
        values.setDeadLetteringOnMessageExpiration(deadLetteringOnMessageExpiration);
        return this;
    }

    /** @return whether messages whose rule evaluation fails move to the dead-letter queue */
    public boolean isDeadLetteringOnFilterEvaluationExceptions() {
        return values.isDeadLetteringOnFilterEvaluationExceptions();
    }

    /**
     * @param enabled whether messages whose rule evaluation fails move to the dead-letter queue
     * @return this object
     */
    public SubscriptionProperties setEnableDeadLetteringOnFilterEvaluationExceptions(boolean enabled) {
        values.setEnableDeadLetteringOnFilterEvaluationExceptions(enabled);
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
    public SubscriptionProperties setMaxDeliveryCount(int maxDeliveryCount) {
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
    public SubscriptionProperties setEnableBatchedOperations(boolean enableBatchedOperations) {
        values.setEnableBatchedOperations(enableBatchedOperations);
        return this;
    }

    /** @return the subscription's status */
    public EntityStatus getStatus() {
        return values.getStatus();
    }

    /**
     * @param status the subscription's status: ACTIVE, DISABLED, SEND_DISABLED or RECEIVE_DISABLED
     * @return this object
     * @throws NullPointerException if {@code status} is null
     */
    public SubscriptionProperties setStatus(EntityStatus status) {
        values.setStatus(status);
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
    public SubscriptionProperties setForwardTo(String forwardTo) {
        values.setForwardTo(forwardTo);
        return this;
    }

    /** @return free text stored with the subscription, or null */
    public String getUserMetadata() {
        return values.getUserMetadata();
    }

    /**
     * @param userMetadata free text stored with the subscription, or null
     * @return this object
     */
    public SubscriptionProperties setUserMetadata(String userMetadata) {
        values.setUserMetadata(userMetadata);
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
    public SubscriptionProperties setForwardDeadLetteredMessagesTo(String forwardDeadLetteredMessagesTo) {
        values.setForwardDeadLetteredMessagesTo(forwardDeadLetteredMessagesTo);
        return this;
    }

    /** @return after how long without use the subscription is deleted */
    public Duration getAutoDeleteOnIdle() {
        return values.getAutoDeleteOnIdle();
    }

    /**
     * @param autoDeleteOnIdle after how long without use the subscription is deleted
     * @return this object
     * @throws IllegalArgumentException if not positive
     */
    public SubscriptionProperties setAutoDeleteOnIdle(Duration autoDeleteOnIdle) {
        values.setAutoDeleteOnIdle(autoDeleteOnIdle);
        return this;
    }

    @Override
    public String toString() {
        return "SubscriptionProperties{topic=" + topicName + ", name=" + subscriptionName + ", status=" + getStatus()
                + "}";
    }
}
