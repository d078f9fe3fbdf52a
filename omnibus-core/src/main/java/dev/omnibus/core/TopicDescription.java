package dev.omnibus.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A topic's definition with Service Bus defaults and limits. Immutable; change it through {@link #toBuilder()}.
 *
 * @param name the topic path
 * @param defaultMessageTimeToLive TTL of messages that set none, and the cap of those that do
 * @param maxSizeInMegabytes quota of the topic: every subscription's messages together
 * @param requiresDuplicateDetection whether a MessageId seen within the window is dropped
 * @param duplicateDetectionHistoryTimeWindow the duplicate detection window
 * @param status Active, Disabled, SendDisabled or ReceiveDisabled
 * @param autoDeleteOnIdle delete the topic after this long without activity
 * @param supportOrdering accepted and reported; delivery is always in order here
 * @param enablePartitioning accepted and reported; a topic here is never partitioned
 * @param enableBatchedOperations accepted and reported
 * @param userMetadata free text
 * @param maxMessageSizeInKilobytes largest accepted message
 * @param createdAt set by the broker
 * @param updatedAt set by the broker
 */
public record TopicDescription(String name, Duration defaultMessageTimeToLive, long maxSizeInMegabytes,
                               boolean requiresDuplicateDetection, Duration duplicateDetectionHistoryTimeWindow,
                               EntityStatus status, Duration autoDeleteOnIdle, boolean supportOrdering,
                               boolean enablePartitioning, boolean enableBatchedOperations, String userMetadata,
                               long maxMessageSizeInKilobytes, Instant createdAt, Instant updatedAt) {

    public TopicDescription {
        Objects.requireNonNull(defaultMessageTimeToLive, "defaultMessageTimeToLive");
        Objects.requireNonNull(duplicateDetectionHistoryTimeWindow, "duplicateDetectionHistoryTimeWindow");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(autoDeleteOnIdle, "autoDeleteOnIdle");
        createdAt = createdAt == null ? Instant.EPOCH : createdAt;
        updatedAt = updatedAt == null ? Instant.EPOCH : updatedAt;
    }

    /** A topic with the Service Bus defaults. */
    public static Builder builder(String name) {
        return new Builder(new TopicDescription(name, Durations.UNLIMITED, 1024, false, Duration.ofMinutes(10),
                EntityStatus.ACTIVE, Durations.UNLIMITED, true, false, true, null, 256, null, null));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Checks every property against the Service Bus limits; throws {@link IllegalArgumentException} saying which. */
    public TopicDescription validate() {
        EntityNames.validatePath("Topic", name);
        QueueDescription.requireBetween("DuplicateDetectionHistoryTimeWindow", duplicateDetectionHistoryTimeWindow,
                QueueDescription.MIN_DUPLICATE_WINDOW, QueueDescription.MAX_DUPLICATE_WINDOW);
        if (defaultMessageTimeToLive.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("DefaultMessageTimeToLive must be at least 1 second.");
        }
        if (autoDeleteOnIdle.compareTo(QueueDescription.MIN_AUTO_DELETE_ON_IDLE) < 0) {
            throw new IllegalArgumentException("AutoDeleteOnIdle must be at least 5 minutes.");
        }
        if (maxSizeInMegabytes < 1) {
            throw new IllegalArgumentException("MaxSizeInMegabytes must be at least 1.");
        }
        if (maxMessageSizeInKilobytes < 1 || maxMessageSizeInKilobytes > QueueDescription.MAX_MESSAGE_SIZE_KB_LIMIT) {
            throw new IllegalArgumentException("MaxMessageSizeInKilobytes must be between 1 and "
                    + QueueDescription.MAX_MESSAGE_SIZE_KB_LIMIT + ".");
        }
        if (userMetadata != null && userMetadata.length() > 1024) {
            throw new IllegalArgumentException("UserMetadata is limited to 1024 characters.");
        }
        return this;
    }

    public long maxSizeBytes() {
        return maxSizeInMegabytes * 1024 * 1024;
    }

    public long maxMessageSizeBytes() {
        return maxMessageSizeInKilobytes * 1024;
    }

    /** Fluent builder over the record. */
    public static final class Builder {
        private String name;
        private Duration defaultMessageTimeToLive;
        private long maxSizeInMegabytes;
        private boolean requiresDuplicateDetection;
        private Duration duplicateDetectionHistoryTimeWindow;
        private EntityStatus status;
        private Duration autoDeleteOnIdle;
        private boolean supportOrdering;
        private boolean enablePartitioning;
        private boolean enableBatchedOperations;
        private String userMetadata;
        private long maxMessageSizeInKilobytes;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder(TopicDescription d) {
            name = d.name;
            defaultMessageTimeToLive = d.defaultMessageTimeToLive;
            maxSizeInMegabytes = d.maxSizeInMegabytes;
            requiresDuplicateDetection = d.requiresDuplicateDetection;
            duplicateDetectionHistoryTimeWindow = d.duplicateDetectionHistoryTimeWindow;
            status = d.status;
            autoDeleteOnIdle = d.autoDeleteOnIdle;
            supportOrdering = d.supportOrdering;
            enablePartitioning = d.enablePartitioning;
            enableBatchedOperations = d.enableBatchedOperations;
            userMetadata = d.userMetadata;
            maxMessageSizeInKilobytes = d.maxMessageSizeInKilobytes;
            createdAt = d.createdAt;
            updatedAt = d.updatedAt;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder defaultMessageTimeToLive(Duration v) {
            defaultMessageTimeToLive = v;
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

        public Builder duplicateDetectionHistoryTimeWindow(Duration v) {
            duplicateDetectionHistoryTimeWindow = v;
            return this;
        }

        public Builder status(EntityStatus v) {
            status = v;
            return this;
        }

        public Builder autoDeleteOnIdle(Duration v) {
            autoDeleteOnIdle = v;
            return this;
        }

        public Builder supportOrdering(boolean v) {
            supportOrdering = v;
            return this;
        }

        public Builder enablePartitioning(boolean v) {
            enablePartitioning = v;
            return this;
        }

        public Builder enableBatchedOperations(boolean v) {
            enableBatchedOperations = v;
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
            createdAt = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public TopicDescription build() {
            return new TopicDescription(name, defaultMessageTimeToLive, maxSizeInMegabytes, requiresDuplicateDetection,
                    duplicateDetectionHistoryTimeWindow, status, autoDeleteOnIdle, supportOrdering,
                    enablePartitioning, enableBatchedOperations, userMetadata, maxMessageSizeInKilobytes, createdAt,
                    updatedAt);
        }
    }
}
