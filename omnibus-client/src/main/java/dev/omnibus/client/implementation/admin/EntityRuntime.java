package dev.omnibus.client.implementation.admin;

import java.time.OffsetDateTime;

/**
 * The counts and times of a queue, topic or subscription as one description carries them; the runtime-properties
 * models expose the part that applies to them.
 *
 * @param sizeInBytes {@code SizeInBytes}
 * @param totalMessageCount {@code MessageCount}
 * @param activeMessageCount {@code CountDetails/ActiveMessageCount}
 * @param deadLetterMessageCount {@code CountDetails/DeadLetterMessageCount}
 * @param scheduledMessageCount {@code CountDetails/ScheduledMessageCount}
 * @param transferDeadLetterMessageCount {@code CountDetails/TransferDeadLetterMessageCount}
 * @param transferMessageCount {@code CountDetails/TransferMessageCount}
 * @param subscriptionCount {@code SubscriptionCount} (topics)
 * @param createdAt {@code CreatedAt}, or null
 * @param updatedAt {@code UpdatedAt}, or null
 * @param accessedAt {@code AccessedAt}, or null when never accessed
 */
public record EntityRuntime(long sizeInBytes, long totalMessageCount, long activeMessageCount,
                            long deadLetterMessageCount, long scheduledMessageCount,
                            long transferDeadLetterMessageCount, long transferMessageCount, int subscriptionCount,
                            OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime accessedAt) {
}
