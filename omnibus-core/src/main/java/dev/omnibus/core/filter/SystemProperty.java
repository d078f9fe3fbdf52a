package dev.omnibus.core.filter;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The system properties a filter or rule action may name with the {@code sys.} prefix.
 *
 * <p>Service Bus resolves {@code sys.<name>} against the public properties of the .NET {@code BrokeredMessage} class
 * (doc "Subscription Rule SQL Filter Syntax", and "Messages, payloads, and serialization" for the list). The names are
 * the legacy ones even for the new SDKs: {@code Subject} is written {@code sys.Label} (doc "Set subscription filters").
 * Names are matched case-insensitively ({@code sys.messageid} works). A name that is not listed here is rejected when
 * the filter is created, which is where Service Bus rejects it too.
 *
 * <p>Properties the docs mark read-only cannot be the target of {@code SET} or {@code REMOVE} in a rule action.
 */
public enum SystemProperty {
    MESSAGE_ID("MessageId", String.class, true),
    CORRELATION_ID("CorrelationId", String.class, true),
    /** {@code Subject} in the current SDKs, {@code subject} in AMQP properties. */
    LABEL("Label", String.class, true),
    TO("To", String.class, true),
    REPLY_TO("ReplyTo", String.class, true),
    SESSION_ID("SessionId", String.class, true),
    REPLY_TO_SESSION_ID("ReplyToSessionId", String.class, true),
    CONTENT_TYPE("ContentType", String.class, true),
    PARTITION_KEY("PartitionKey", String.class, true),
    VIA_PARTITION_KEY("ViaPartitionKey", String.class, true),
    TIME_TO_LIVE("TimeToLive", Duration.class, true),
    SCHEDULED_ENQUEUE_TIME_UTC("ScheduledEnqueueTimeUtc", Instant.class, true),
    /** Express-entity flag of the legacy SDK; kept so filters that mention it parse. */
    FORCE_PERSISTENCE("ForcePersistence", Boolean.class, true),
    DELIVERY_COUNT("DeliveryCount", Integer.class, false),
    SEQUENCE_NUMBER("SequenceNumber", Long.class, false),
    ENQUEUED_SEQUENCE_NUMBER("EnqueuedSequenceNumber", Long.class, false),
    ENQUEUED_TIME_UTC("EnqueuedTimeUtc", Instant.class, false),
    EXPIRES_AT_UTC("ExpiresAtUtc", Instant.class, false),
    SIZE("Size", Long.class, false),
    LOCKED_UNTIL_UTC("LockedUntilUtc", Instant.class, false),
    LOCK_TOKEN("LockToken", UUID.class, false),
    DEAD_LETTER_SOURCE("DeadLetterSource", String.class, false),
    /** Active, Deferred or Scheduled; a message being routed through a topic has no meaningful state yet. */
    STATE("State", String.class, false);

    private static final Map<String, SystemProperty> BY_LOWER_NAME = new HashMap<>();

    static {
        for (SystemProperty p : values()) {
            BY_LOWER_NAME.put(p.canonicalName.toLowerCase(Locale.ROOT), p);
        }
    }

    private final String canonicalName;
    private final Class<?> type;
    private final boolean settable;

    SystemProperty(String canonicalName, Class<?> type, boolean settable) {
        this.canonicalName = canonicalName;
        this.type = type;
        this.settable = settable;
    }

    /** The name as Service Bus spells it, without the {@code sys.} prefix, e.g. {@code "Label"}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** The Java type of the value a {@link Filterable} returns for this property. */
    public Class<?> type() {
        return type;
    }

    /** Whether a rule action may {@code SET} or {@code REMOVE} this property. */
    public boolean isSettable() {
        return settable;
    }

    /**
     * Finds a property by name, ignoring case.
     *
     * @param name the name without the {@code sys.} prefix
     * @return the property, or null when Service Bus has no system property of that name
     */
    public static SystemProperty byName(String name) {
        return name == null ? null : BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Converts a value assigned by a rule action to this property's type. Strings accept strings, characters and
     * GUIDs (so {@code SET sys.MessageId = newid()} works); every other property accepts its own type only.
     *
     * @throws IllegalArgumentException when the value cannot become this property's type
     */
    Object coerce(Object value) {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        if (type == String.class && (value instanceof Character || value instanceof UUID)) {
            return value.toString();
        }
        if (type == Long.class && SqlValues.numericRank(value) == SqlValues.INT) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException("cannot assign a value of type " + SqlValues.typeName(value)
                + " to sys." + canonicalName + " (" + SqlValues.typeName(type) + ")");
    }

    @Override
    public String toString() {
        return "sys." + canonicalName;
    }
}
