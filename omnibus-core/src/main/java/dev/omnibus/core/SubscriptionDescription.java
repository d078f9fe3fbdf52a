package dev.omnibus.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A subscription's definition with Service Bus defaults and limits. Immutable; change it through
 * {@link #toBuilder()}.
 *
 * @param topicName the topic it belongs to
 * @param name the subscription name (at most 50 characters, no '/')
 * @param lockDuration PeekLock duration, 5 s to 5 min
 * @param requiresSession whether messages are grouped by SessionId
 * @param defaultMessageTimeToLive TTL cap for the subscription's copies
 * @param deadLetteringOnMessageExpiration dead-letter expired copies instead of dropping them
 * @param deadLetteringOnFilterEvaluationExceptions dead-letter a copy whose rule failed to evaluate
 * @param maxDeliveryCount deliveries before a copy is dead-lettered
 * @param enableBatchedOperations accepted and reported
 * @param status Active, Disabled, SendDisabled or ReceiveDisabled
 * @param forwardTo entity that arriving copies move to, or null
 * @param forwardDeadLetteredMessagesTo entity that dead-lettered copies move to, or null
 * @param autoDeleteOnIdle delete the subscription after this long without activity
 * @param userMetadata free text
 * @param createdAt set by the broker
 * @param updatedAt set by the broker
 */
public record SubscriptionDescription(String topicName, String name, Duration lockDuration, boolean requiresSession,
                                      Duration defaultMessageTimeToLive, boolean deadLetteringOnMessageExpiration,
                                      boolean deadLetteringOnFilterEvaluationExceptions, int maxDeliveryCount,
                                      boolean enableBatchedOperations, EntityStatus status, String forwardTo,
                                      String forwardDeadLetteredMessagesTo, Duration autoDeleteOnIdle,
                                      String userMetadata, Instant createdAt, Instant updatedAt) {

    public SubscriptionDescription {
        Objects.requireNonNull(lockDuration, "lockDuration");
        Objects.requireNonNull(defaultMessageTimeToLive, "defaultMessageTimeToLive");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(autoDeleteOnIdle, "autoDeleteOnIdle");
        forwardTo = forwardTo == null || forwardTo.isBlank() ? null : forwardTo;
        forwardDeadLetteredMessagesTo = forwardDeadLetteredMessagesTo == null
                || forwardDeadLetteredMessagesTo.isBlank() ? null : forwardDeadLetteredMessagesTo;
        createdAt = createdAt == null ? Instant.EPOCH : createdAt;
        updatedAt = updatedAt == null ? Instant.EPOCH : updatedAt;
    }

    /** A subscription with the Service Bus defaults. */
    public static Builder builder(String topicName, String name) {
        return new Builder(new SubscriptionDescription(topicName, name, Duration.ofMinutes(1), false,
                Durations.UNLIMITED, false, true, 10, true, EntityStatus.ACTIVE, null, null, Durations.UNLIMITED, null,
                null, null));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code topic/Subscriptions/name}, the path links use. */
    public String path() {
        return topicName + "/Subscriptions/" + name;
    }

    /** Checks every property against the Service Bus limits; throws {@link IllegalArgumentException} saying which. */
    public SubscriptionDescription validate() {
        EntityNames.validateName("Subscription", name);
        QueueDescription.requireBetween("LockDuration", lockDuration, QueueDescription.MIN_LOCK_DURATION,
                QueueDescription.MAX_LOCK_DURATION);
        if (defaultMessageTimeToLive.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("DefaultMessageTimeToLive must be at least 1 second.");
        }
        if (autoDeleteOnIdle.compareTo(QueueDescription.MIN_AUTO_DELETE_ON_IDLE) < 0) {
            throw new IllegalArgumentException("AutoDeleteOnIdle must be at least 5 minutes.");
        }
        if (maxDeliveryCount < 1) {
            throw new IllegalArgumentException("MaxDeliveryCount must be at least 1.");
        }
        if (userMetadata != null && userMetadata.length() > 1024) {
            throw new IllegalArgumentException("UserMetadata is limited to 1024 characters.");
        }
        return this;
    }

    /** The queue-like definition the subscription's message store runs on, within its topic's limits. */
    public QueueDescription asQueue(TopicDescription topic) {
        return QueueDescription.builder(path())
                .lockDuration(lockDuration)
                .requiresSession(requiresSession)
                .defaultMessageTimeToLive(min(defaultMessageTimeToLive, topic.defaultMessageTimeToLive()))
                .deadLetteringOnMessageExpiration(deadLetteringOnMessageExpiration)
                .maxDeliveryCount(maxDeliveryCount)
                .enableBatchedOperations(enableBatchedOperations)
                .status(status)
                .forwardTo(forwardTo)
                .forwardDeadLetteredMessagesTo(forwardDeadLetteredMessagesTo)
                .autoDeleteOnIdle(autoDeleteOnIdle)
                .userMetadata(userMetadata)
                .maxSizeInMegabytes(topic.maxSizeInMegabytes())
                .maxMessageSizeInKilobytes(topic.maxMessageSizeInKilobytes())
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Fluent builder over the record. */
    public static final class Builder {
        private String topicName;
        private String name;
        private Duration lockDuration;
        private boolean requiresSession;
        private Duration defaultMessageTimeToLive;
        private boolean deadLetteringOnMessageExpiration;
        private boolean deadLetteringOnFilterEvaluationExceptions;
        private int maxDeliveryCount;
        private boolean enableBatchedOperations;
        private EntityStatus status;
        private String forwardTo;
        private String forwardDeadLetteredMessagesTo;
        private Duration autoDeleteOnIdle;
        private String userMetadata;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder(SubscriptionDescription d) {
            topicName = d.topicName;
            name = d.name;
            lockDuration = d.lockDuration;
            requiresSession = d.requiresSession;
            defaultMessageTimeToLive = d.defaultMessageTimeToLive;
            deadLetteringOnMessageExpiration = d.deadLetteringOnMessageExpiration;
            deadLetteringOnFilterEvaluationExceptions = d.deadLetteringOnFilterEvaluationExceptions;
            maxDeliveryCount = d.maxDeliveryCount;
            enableBatchedOperations = d.enableBatchedOperations;
            status = d.status;
            forwardTo = d.forwardTo;
            forwardDeadLetteredMessagesTo = d.forwardDeadLetteredMessagesTo;
            autoDeleteOnIdle = d.autoDeleteOnIdle;
            userMetadata = d.userMetadata;
            createdAt = d.createdAt;
            updatedAt = d.updatedAt;
        }

        public Builder topicName(String v) {
            topicName = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder lockDuration(Duration v) {
            lockDuration = v;
            return this;
        }

        public Builder requiresSession(boolean v) {
            requiresSession = v;
            return this;
        }

        public Builder defaultMessageTimeToLive(Duration v) {
            defaultMessageTimeToLive = v;
            return this;
        }

        public Builder deadLetteringOnMessageExpiration(boolean v) {
            deadLetteringOnMessageExpiration = v;
            return this;
        }

        public Builder deadLetteringOnFilterEvaluationExceptions(boolean v) {
            deadLetteringOnFilterEvaluationExceptions = v;
            return this;
        }

        public Builder maxDeliveryCount(int v) {
            maxDeliveryCount = v;
            return this;
        }

        public Builder enableBatchedOperations(boolean v) {
            enableBatchedOperations = v;
            return this;
        }

        public Builder status(EntityStatus v) {
            status = v;
            return this;
        }

        public Builder forwardTo(String v) {
            forwardTo = v;
            return this;
        }

        public Builder forwardDeadLetteredMessagesTo(String v) {
            forwardDeadLetteredMessagesTo = v;
            return this;
        }

        public Builder autoDeleteOnIdle(Duration v) {
            autoDeleteOnIdle = v;
            return this;
        }

        public Builder userMetadata(String v) {
            userMetadata = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public SubscriptionDescription build() {
            return new SubscriptionDescription(topicName, name, lockDuration, requiresSession,
                    defaultMessageTimeToLive, deadLetteringOnMessageExpiration,
                    deadLetteringOnFilterEvaluationExceptions, maxDeliveryCount, enableBatchedOperations, status,
                    forwardTo, forwardDeadLetteredMessagesTo, autoDeleteOnIdle, userMetadata, createdAt, updatedAt);
        }
    }
}
