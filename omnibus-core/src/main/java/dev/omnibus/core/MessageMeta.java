package dev.omnibus.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the broker keeps about a stored message besides its payload. Immutable: every state change makes a new
 * value, so a value can be handed to the store writer while the entity goes on.
 *
 * @param sequenceNumber broker-assigned, unique and increasing within the entity
 * @param state Active, Deferred or Scheduled
 * @param deliveryCount deliveries made so far (the wire header shows the count before the current delivery)
 * @param enqueuedAt when it became part of the entity, epoch millis (for scheduled messages: the activation time)
 * @param timeToLive effective TTL in millis; {@link Long#MAX_VALUE} for none
 * @param expiresAt epoch millis; {@link Long#MAX_VALUE} for never
 * @param scheduledAt scheduled enqueue time, epoch millis; 0 when not scheduled
 * @param size payload bytes, counted against quotas
 * @param properties the system properties the sender set
 * @param deadLetterSource the entity a dead letter came from when it was forwarded, or null
 * @param deadLetterReason {@code DeadLetterReason}, or null
 * @param deadLetterDescription {@code DeadLetterErrorDescription}, or null
 * @param enqueueSequenceNumber the sequence number at the first entity, for forwarded messages; 0 otherwise
 * @param propertyChanges application properties set since the send (abandon / defer / dead-letter with properties,
 *     rule actions), applied over the payload's; a value {@link #REMOVED} removes the property, and keys starting
 *     with {@link #SYSTEM_CHANGE_PREFIX} replace a system property (as rule actions can)
 * @param routingProperties the sender's application properties, kept only where the broker must evaluate rules
 *     later (messages scheduled on a topic); empty otherwise — the payload holds the originals
 */
public record MessageMeta(long sequenceNumber, MessageState state, int deliveryCount, long enqueuedAt,
                          long timeToLive, long expiresAt, long scheduledAt, int size, SystemProperties properties,
                          String deadLetterSource, String deadLetterReason, String deadLetterDescription,
                          long enqueueSequenceNumber, Map<String, Object> propertyChanges,
                          Map<String, Object> routingProperties) {

    /** A property-change value that removes the property. */
    public static final Object REMOVED = Removed.INSTANCE;
    /** Prefix of property-change keys that replace a system property, e.g. {@code $sys.To}. */
    public static final String SYSTEM_CHANGE_PREFIX = "$sys.";

    /** The removal marker's type (an enum, so it survives serialization as the same instance). */
    public enum Removed { INSTANCE }

    public MessageMeta {
        Objects.requireNonNull(state, "state");
        properties = properties == null ? SystemProperties.NONE : properties;
        propertyChanges = copy(propertyChanges);
        routingProperties = copy(routingProperties);
    }

    private static Map<String, Object> copy(Map<String, Object> m) {
        return m == null || m.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new HashMap<>(m));
    }

    /** A meta without routing properties. */
    public MessageMeta(long sequenceNumber, MessageState state, int deliveryCount, long enqueuedAt, long timeToLive,
                       long expiresAt, long scheduledAt, int size, SystemProperties properties,
                       String deadLetterSource, String deadLetterReason, String deadLetterDescription,
                       long enqueueSequenceNumber, Map<String, Object> propertyChanges) {
        this(sequenceNumber, state, deliveryCount, enqueuedAt, timeToLive, expiresAt, scheduledAt, size, properties,
                deadLetterSource, deadLetterReason, deadLetterDescription, enqueueSequenceNumber, propertyChanges,
                null);
    }

    /** A meta whose only system properties are the id, the session and the partition key. */
    public MessageMeta(long sequenceNumber, MessageState state, int deliveryCount, long enqueuedAt, long timeToLive,
                       long expiresAt, long scheduledAt, int size, String messageId, String sessionId,
                       String partitionKey, String deadLetterSource, String deadLetterReason,
                       String deadLetterDescription, long enqueueSequenceNumber, Map<String, Object> propertyChanges) {
        this(sequenceNumber, state, deliveryCount, enqueuedAt, timeToLive, expiresAt, scheduledAt, size,
                new SystemProperties(messageId, null, sessionId, null, null, null, null, null, partitionKey),
                deadLetterSource, deadLetterReason, deadLetterDescription, enqueueSequenceNumber,
                propertyChanges, null);
    }

    public String messageId() {
        return properties.messageId();
    }

    public String sessionId() {
        return properties.sessionId();
    }

    public String partitionKey() {
        return properties.partitionKey();
    }

    public boolean isExpired(long now) {
        return now >= expiresAt;
    }

    public MessageMeta withState(MessageState s) {
        return new MessageMeta(sequenceNumber, s, deliveryCount, enqueuedAt, timeToLive, expiresAt, scheduledAt,
                size, properties, deadLetterSource, deadLetterReason, deadLetterDescription, enqueueSequenceNumber,
                propertyChanges, routingProperties);
    }

    public MessageMeta withDeliveryCount(int count) {
        return new MessageMeta(sequenceNumber, state, count, enqueuedAt, timeToLive, expiresAt, scheduledAt, size,
                properties, deadLetterSource, deadLetterReason, deadLetterDescription, enqueueSequenceNumber,
                propertyChanges, routingProperties);
    }

    /** Adds {@code changes} over the current property changes (later values win). */
    public MessageMeta withPropertyChanges(Map<String, Object> changes) {
        if (changes == null || changes.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new HashMap<>(propertyChanges);
        merged.putAll(changes);
        return new MessageMeta(sequenceNumber, state, deliveryCount, enqueuedAt, timeToLive, expiresAt,
                scheduledAt, size, properties, deadLetterSource, deadLetterReason, deadLetterDescription,
                enqueueSequenceNumber, merged,
                routingProperties);
    }

    /** Activates a scheduled message: Active, enqueued now, expiring TTL after now. */
    public MessageMeta activated(long now) {
        return new MessageMeta(sequenceNumber, MessageState.ACTIVE, deliveryCount, now, timeToLive,
                Durations.saturatedAdd(now, timeToLive), scheduledAt, size, properties, deadLetterSource,
                deadLetterReason, deadLetterDescription, enqueueSequenceNumber,
                propertyChanges, routingProperties);
    }

    /** The same message as a dead letter: Active in the dead-letter queue, never expiring there. */
    public MessageMeta deadLettered(String reason, String description, String source) {
        return new MessageMeta(sequenceNumber, MessageState.ACTIVE, deliveryCount, enqueuedAt, timeToLive,
                expiresAt, scheduledAt, size, properties, source, reason, description, enqueueSequenceNumber,
                propertyChanges, routingProperties);
    }

    /** The same message re-enqueued in another entity under a new sequence number. */
    public MessageMeta transferred(long newSequenceNumber, long now, String source) {
        long original = enqueueSequenceNumber != 0 ? enqueueSequenceNumber : sequenceNumber;
        return new MessageMeta(newSequenceNumber, MessageState.ACTIVE, 0, now, timeToLive, expiresAt, 0, size,
                properties, source, deadLetterReason, deadLetterDescription, original, propertyChanges,
                routingProperties);
    }
}
