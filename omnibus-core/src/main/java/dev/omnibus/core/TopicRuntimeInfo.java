package dev.omnibus.core;

import java.time.Instant;

/** Runtime properties of a topic: the bytes it holds (its scheduled messages and every subscription's). */
public record TopicRuntimeInfo(String name, long sizeInBytes, int subscriptionCount, long scheduledMessageCount,
                               Instant createdAt, Instant updatedAt, Instant accessedAt) {
}
