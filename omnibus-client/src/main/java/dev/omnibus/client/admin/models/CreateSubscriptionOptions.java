package dev.omnibus.client.admin.models;

import dev.omnibus.client.implementation.admin.XmlValues;
import java.time.Duration;
import java.util.Objects;

/**
 * The properties of a subscription to create. A new instance holds the Service Bus defaults; every setter returns
 * this object:
 *
 * <pre>{@code
 * admin.createSubscription("events", "audit", new CreateSubscriptionOptions().setMaxDeliveryCount(3));
 * }</pre>
 *
 * <p>Defaults: lock duration 1 minute, no sessions, messages live forever, no dead-lettering on expiry, dead-lettering
 * on filter evaluation errors, 10 deliveries, batched operations on, no forwarding, never auto-deleted, status
 * {@link EntityStatus#ACTIVE}. Not thread-safe.
 */
public final class CreateSubscriptionOptions {
    private Duration lockDuration = Duration.ofMinutes(1);
    private boolean requiresSession;
    private Duration defaultMessageTimeToLive = XmlValues.MAX_DURATION;
    private boolean deadLetteringOnMessageExpiration;
    private boolean deadLetteringOnFilterEvaluationExceptions = true;
    private int maxDeliveryCount = 10;
    private boolean enableBatchedOperations = true;
    private EntityStatus status = EntityStatus.ACTIVE;
    private String forwardTo;
    private String userMetadata;
    private String forwardDeadLetteredMessagesTo;
    private Duration autoDeleteOnIdle = XmlValues.MAX_DURATION;

    /** Options with the Service Bus defaults. */
    public CreateSubscriptionOptions() {
    }

    /**
     * Options with the properties of an existing subscription, to create another like it.
     *
     * @param subscription the subscription to copy
     * @throws NullPointerException if {@code subscription} is null
     */
    public CreateSubscriptionOptions(SubscriptionProperties subscription) {
        Objects.requireNonNull(subscription, "subscription");
        lockDuration = subscription.getLockDuration();
        requiresSession = subscription.isSessionRequired();
        defaultMessageTimeToLive = subscription.getDefaultMessageTimeToLive();
        deadLetteringOnMessageExpiration = subscription.isDeadLetteringOnMessageExpiration();
        deadLetteringOnFilterEvaluationExceptions = subscription.isDeadLetteringOnFilterEvaluationExceptions();
        maxDeliveryCount = subscription.getMaxDeliveryCount();
        enableBatchedOperations = subscription.isBatchedOperationsEnabled();
        status = subscription.getStatus();
        forwardTo = subscription.getForwardTo();
        userMetadata = subscription.getUserMetadata();
        forwardDeadLetteredMessagesTo = subscription.getForwardDeadLetteredMessagesTo();
        autoDeleteOnIdle = subscription.getAutoDeleteOnIdle();
    }

    /** @return how long a received message stays locked for its receiver */
    public Duration getLockDuration() {
        return lockDuration;
    }

    /**
     * @param lockDuration how long a received message stays locked for its receiver
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateSubscriptionOptions setLockDuration(Duration lockDuration) {
        this.lockDuration = Checks.positive(lockDuration, "lockDuration");
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
    public CreateSubscriptionOptions setRequiresSession(boolean requiresSession) {
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
    public CreateSubscriptionOptions setDefaultMessageTimeToLive(Duration defaultMessageTimeToLive) {
        this.defaultMessageTimeToLive = Checks.positive(defaultMessageTimeToLive, "defaultMessageTimeToLive");
        return this;
    }

    /** @return whether expired messages move to the dead-letter queue */
    public boolean isDeadLetteringOnMessageExpiration() {
        return deadLetteringOnMessageExpiration;
    }

    /**
     * @param deadLetteringOnMessageExpiration whether expired messages move to the dead-letter queue
     * @return these options
     */
    public CreateSubscriptionOptions setDeadLetteringOnMessageExpiration(boolean deadLetteringOnMessageExpiration) {
        this.deadLetteringOnMessageExpiration = deadLetteringOnMessageExpiration;
        return this;
    }

    /** @return whether messages whose rule evaluation fails move to the dead-letter queue */
    public boolean isDeadLetteringOnFilterEvaluationExceptions() {
        return deadLetteringOnFilterEvaluationExceptions;
    }

    /**
     * @param enabled whether messages whose rule evaluation fails move to the dead-letter queue
     * @return these options
     */
    public CreateSubscriptionOptions setEnableDeadLetteringOnFilterEvaluationExceptions(boolean enabled) {
        this.deadLetteringOnFilterEvaluationExceptions = enabled;
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
    public CreateSubscriptionOptions setMaxDeliveryCount(int maxDeliveryCount) {
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
    public CreateSubscriptionOptions setEnableBatchedOperations(boolean enableBatchedOperations) {
        this.enableBatchedOperations = enableBatchedOperations;
        return this;
    }

    /** @return the status the subscription is created with */
    public EntityStatus getStatus() {
        return status;
    }

    /**
     * @param status the status the subscription is created with
     * @return these options
     * @throws NullPointerException if {@code status} is null
     */
    public CreateSubscriptionOptions setStatus(EntityStatus status) {
        this.status = Objects.requireNonNull(status, "status");
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
    public CreateSubscriptionOptions setForwardTo(String forwardTo) {
        this.forwardTo = forwardTo;
        return this;
    }

    /** @return free text stored with the subscription, or null */
    public String getUserMetadata() {
        return userMetadata;
    }

    /**
     * @param userMetadata free text stored with the subscription, or null
     * @return these options
     */
    public CreateSubscriptionOptions setUserMetadata(String userMetadata) {
        this.userMetadata = userMetadata;
        return this;
    }

    /** @return the queue or topic dead-lettered messages are forwarded to, or null */
    public String getForwardDeadLetteredMessagesTo() {
        return forwardDeadLetteredMessagesTo;
    }

    /**
     * @param forwardDeadLetteredMessagesTo the queue or topic dead-lettered messages are forwarded to, or null
     * @return these options
     */
    public CreateSubscriptionOptions setForwardDeadLetteredMessagesTo(String forwardDeadLetteredMessagesTo) {
        this.forwardDeadLetteredMessagesTo = forwardDeadLetteredMessagesTo;
        return this;
    }

    /** @return after how long without use the subscription is deleted */
    public Duration getAutoDeleteOnIdle() {
        return autoDeleteOnIdle;
    }

    /**
     * @param autoDeleteOnIdle after how long without use the subscription is deleted
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public CreateSubscriptionOptions setAutoDeleteOnIdle(Duration autoDeleteOnIdle) {
        this.autoDeleteOnIdle = Checks.positive(autoDeleteOnIdle, "autoDeleteOnIdle");
        return this;
    }
}
