package dev.omnibus.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A queue's definition with Service Bus defaults and limits. Immutable; change it through {@link #toBuilder()}.
 * The same definition describes a subscription's message store (the subscription issue adds its own fields).
 */
public final class QueueDescription {
    public static final Duration MIN_LOCK_DURATION = Duration.ofSeconds(5);
    public static final Duration MAX_LOCK_DURATION = Duration.ofMinutes(5);
    public static final Duration MIN_DUPLICATE_WINDOW = Duration.ofSeconds(20);
    public static final Duration MAX_DUPLICATE_WINDOW = Duration.ofDays(7);
    public static final Duration MIN_AUTO_DELETE_ON_IDLE = Duration.ofMinutes(5);
    public static final int MAX_MESSAGE_SIZE_KB_LIMIT = 102_400;

    private final String name;
    private final Duration lockDuration;
    private final long maxSizeInMegabytes;
    private final boolean requiresDuplicateDetection;
    private final boolean requiresSession;
    private final Duration defaultMessageTimeToLive;
    private final boolean deadLetteringOnMessageExpiration;
    private final Duration duplicateDetectionHistoryTimeWindow;
    private final int maxDeliveryCount;
    private final boolean enableBatchedOperations;
    private final EntityStatus status;
    private final String forwardTo;
    private final String forwardDeadLetteredMessagesTo;
    private final Duration autoDeleteOnIdle;
    private final boolean enablePartitioning;
    private final String userMetadata;
    private final long maxMessageSizeInKilobytes;
    private final Instant createdAt;
    private final Instant updatedAt;

    private QueueDescription(Builder b) {
        this.name = b.name;
        this.lockDuration = b.lockDuration;
        this.maxSizeInMegabytes = b.maxSizeInMegabytes;
        this.requiresDuplicateDetection = b.requiresDuplicateDetection;
        this.requiresSession = b.requiresSession;
        this.defaultMessageTimeToLive = b.defaultMessageTimeToLive;
        this.deadLetteringOnMessageExpiration = b.deadLetteringOnMessageExpiration;
        this.duplicateDetectionHistoryTimeWindow = b.duplicateDetectionHistoryTimeWindow;
        this.maxDeliveryCount = b.maxDeliveryCount;
        this.enableBatchedOperations = b.enableBatchedOperations;
        this.status = b.status;
        this.forwardTo = emptyToNull(b.forwardTo);
        this.forwardDeadLetteredMessagesTo = emptyToNull(b.forwardDeadLetteredMessagesTo);
        this.autoDeleteOnIdle = b.autoDeleteOnIdle;
        this.enablePartitioning = b.enablePartitioning;
        this.userMetadata = b.userMetadata;
        this.maxMessageSizeInKilobytes = b.maxMessageSizeInKilobytes;
        this.createdAt = b.createdAt;
        this.updatedAt = b.updatedAt;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Checks every property against the Service Bus limits.
     *
     * @throws IllegalArgumentException naming the property and the allowed range
     */
    public QueueDescription validate() {
        EntityNames.validatePath("Queue", name);
        requireBetween("LockDuration", lockDuration, MIN_LOCK_DURATION, MAX_LOCK_DURATION);
        requireBetween("DuplicateDetectionHistoryTimeWindow", duplicateDetectionHistoryTimeWindow,
                MIN_DUPLICATE_WINDOW, MAX_DUPLICATE_WINDOW);
        if (defaultMessageTimeToLive.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("DefaultMessageTimeToLive must be at least 1 second.");
        }
        if (autoDeleteOnIdle.compareTo(MIN_AUTO_DELETE_ON_IDLE) < 0) {
            throw new IllegalArgumentException("AutoDeleteOnIdle must be at least 5 minutes.");
        }
        if (maxDeliveryCount < 1) {
            throw new IllegalArgumentException("MaxDeliveryCount must be at least 1.");
        }
        if (maxSizeInMegabytes < 1) {
            throw new IllegalArgumentException("MaxSizeInMegabytes must be at least 1.");
        }
        if (maxMessageSizeInKilobytes < 1 || maxMessageSizeInKilobytes > MAX_MESSAGE_SIZE_KB_LIMIT) {
            throw new IllegalArgumentException("MaxMessageSizeInKilobytes must be between 1 and "
                    + MAX_MESSAGE_SIZE_KB_LIMIT + ".");
        }
        if (forwardTo != null && EntityNames.key(forwardTo).equals(EntityNames.key(name))) {
            throw new IllegalArgumentException("ForwardTo cannot name the entity itself.");
        }
        if (userMetadata != null && userMetadata.length() > 1024) {
            throw new IllegalArgumentException("UserMetadata is limited to 1024 characters.");
        }
        return this;
    }

    static void requireBetween(String property, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ", was "
                    + value + ".");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public String name() {
        return name;
    }

    public Duration lockDuration() {
        return lockDuration;
    }

    public long maxSizeInMegabytes() {
        return maxSizeInMegabytes;
    }

    public boolean requiresDuplicateDetection() {
        return requiresDuplicateDetection;
    }

    public boolean requiresSession() {
        return requiresSession;
    }

    public Duration defaultMessageTimeToLive() {
        return defaultMessageTimeToLive;
    }

    public boolean deadLetteringOnMessageExpiration() {
        return deadLetteringOnMessageExpiration;
    }

    public Duration duplicateDetectionHistoryTimeWindow() {
        return duplicateDetectionHistoryTimeWindow;
    }

    public int maxDeliveryCount() {
        return maxDeliveryCount;
    }

    public boolean enableBatchedOperations() {
        return enableBatchedOperations;
    }

    public EntityStatus status() {
        return status;
    }

    /** The entity arriving messages move to, or null. */
    public String forwardTo() {
        return forwardTo;
    }

    /** The entity dead-lettered messages move to, or null. */
    public String forwardDeadLetteredMessagesTo() {
        return forwardDeadLetteredMessagesTo;
    }

    public Duration autoDeleteOnIdle() {
        return autoDeleteOnIdle;
    }

    public boolean enablePartitioning() {
        return enablePartitioning;
    }

    public String userMetadata() {
        return userMetadata;
    }

    public long maxMessageSizeInKilobytes() {
        return maxMessageSizeInKilobytes;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Largest accepted message, in bytes. */
    public long maxMessageSizeBytes() {
        return maxMessageSizeInKilobytes * 1024;
    }

    /** Quota of the whole entity, in bytes. */
    public long maxSizeBytes() {
        return maxSizeInMegabytes * 1024 * 1024;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueDescription other && toBuilder().sameAs(other.toBuilder());
    }

    @Override
    public int hashCode() {
        return Objects.hash(EntityNames.key(name), lockDuration, maxDeliveryCount, status);
    }

    @Override
    public String toString() {
        return "QueueDescription[" + name + ", lock=" + lockDuration + ", maxDelivery=" + maxDeliveryCount
                + ", ttl=" + defaultMessageTimeToLive + ", status=" + status + ", session=" + requiresSession
                + ", dedup=" + requiresDuplicateDetection + ", forwardTo=" + forwardTo + "]";
    }

    /** Fluent builder; starts from the Service Bus defaults. */
    public static final class Builder {
        private String name;
        private Duration lockDuration = Duration.ofMinutes(1);
        private long maxSizeInMegabytes = 1024;
        private boolean requiresDuplicateDetection;
        private boolean requiresSession;
        private Duration defaultMessageTimeToLive = Durations.UNLIMITED;
        private boolean deadLetteringOnMessageExpiration;
        private Duration duplicateDetectionHistoryTimeWindow = Duration.ofMinutes(10);
        private int maxDeliveryCount = 10;
        private boolean enableBatchedOperations = true;
        private EntityStatus status = EntityStatus.ACTIVE;
        private String forwardTo;
        private String forwardDeadLetteredMessagesTo;
        private Duration autoDeleteOnIdle = Durations.UNLIMITED;
        private boolean enablePartitioning;
        private String userMetadata;
        private long maxMessageSizeInKilobytes = 256;
        private Instant createdAt = Instant.EPOCH;
        private Instant updatedAt = Instant.EPOCH;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(QueueDescription d) {
            name = d.name;
            lockDuration = d.lockDuration;
            maxSizeInMegabytes = d.maxSizeInMegabytes;
            requiresDuplicateDetection = d.requiresDuplicateDetection;
            requiresSession = d.requiresSession;
            defaultMessageTimeToLive = d.defaultMessageTimeToLive;
            deadLetteringOnMessageExpiration = d.deadLetteringOnMessageExpiration;
            duplicateDetectionHistoryTimeWindow = d.duplicateDetectionHistoryTimeWindow;
            maxDeliveryCount = d.maxDeliveryCount;
            enableBatchedOperations = d.enableBatchedOperations;
            status = d.status;
            forwardTo = d.forwardTo;
            forwardDeadLetteredMessagesTo = d.forwardDeadLetteredMessagesTo;
            autoDeleteOnIdle = d.autoDeleteOnIdle;
            enablePartitioning = d.enablePartitioning;
            userMetadata = d.userMetadata;
            maxMessageSizeInKilobytes = d.maxMessageSizeInKilobytes;
            createdAt = d.createdAt;
            updatedAt = d.updatedAt;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder lockDuration(Duration v) {
            lockDuration = Objects.requireNonNull(v);
            return this;
        }

        public Builder maxSizeInMegabytes(long v) {
            maxSizeInMegabytes = v;
            return this;
        }

        public Builder requiresDuplicateDetection(boolean v) {
            requiresDuplicateDetection = v;
            return this;
        }

        public Builder requiresSession(boolean v) {
            requiresSession = v;
            return this;
        }

        public Builder defaultMessageTimeToLive(Duration v) {
            defaultMessageTimeToLive = Objects.requireNonNull(v);
            return this;
        }

        public Builder deadLetteringOnMessageExpiration(boolean v) {
            deadLetteringOnMessageExpiration = v;
            return this;
        }

        public Builder duplicateDetectionHistoryTimeWindow(Duration v) {
            duplicateDetectionHistoryTimeWindow = Objects.requireNonNull(v);
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
            status = Objects.requireNonNull(v);
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
            autoDeleteOnIdle = Objects.requireNonNull(v);
            return this;
        }

        public Builder enablePartitioning(boolean v) {
            enablePartitioning = v;
            return this;
        }

        public Builder userMetadata(String v) {
            userMetadata = v;
            return this;
        }

        public Builder maxMessageSizeInKilobytes(long v) {
            maxMessageSizeInKilobytes = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = Objects.requireNonNull(v);
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = Objects.requireNonNull(v);
            return this;
        }

        public QueueDescription build() {
            return new QueueDescription(this);
        }

        boolean sameAs(Builder o) {
            return Objects.equals(name, o.name) && lockDuration.equals(o.lockDuration)
                    && maxSizeInMegabytes == o.maxSizeInMegabytes
                    && requiresDuplicateDetection == o.requiresDuplicateDetection
                    && requiresSession == o.requiresSession
                    && defaultMessageTimeToLive.equals(o.defaultMessageTimeToLive)
                    && deadLetteringOnMessageExpiration == o.deadLetteringOnMessageExpiration
                    && duplicateDetectionHistoryTimeWindow.equals(o.duplicateDetectionHistoryTimeWindow)
                    && maxDeliveryCount == o.maxDeliveryCount && enableBatchedOperations == o.enableBatchedOperations
                    && status == o.status && Objects.equals(forwardTo, o.forwardTo)
                    && Objects.equals(forwardDeadLetteredMessagesTo, o.forwardDeadLetteredMessagesTo)
                    && autoDeleteOnIdle.equals(o.autoDeleteOnIdle) && enablePartitioning == o.enablePartitioning
                    && Objects.equals(userMetadata, o.userMetadata)
                    && maxMessageSizeInKilobytes == o.maxMessageSizeInKilobytes
                    && createdAt.equals(o.createdAt) && updatedAt.equals(o.updatedAt);
        }
    }
}
