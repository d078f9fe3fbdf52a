package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.filter.SystemProperty;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.protonj2.types.messaging.Properties;

/**
 * What the broker changed on a stored message since it was sent, sorted by where each change goes on the wire.
 *
 * <p>{@link MessageMeta#propertyChanges()} mixes three kinds of entries: application properties set by abandon,
 * defer, dead-letter or a rule action (a {@link MessageMeta#REMOVED} value removes one), and system properties a rule
 * action set, under {@link MessageMeta#SYSTEM_CHANGE_PREFIX} and the property's canonical name. A system property
 * belongs in the AMQP {@code properties} section or in a message annotation, never among the application properties,
 * where the SDKs would show it as a user property. {@code TimeToLive} needs nothing here: the broker already applied
 * it to the copy's TTL, which the header carries.
 */
final class MessageEdits {
    private final Map<String, Object> applicationProperties = new LinkedHashMap<>();
    private final Map<SystemProperty, Object> system = new EnumMap<>(SystemProperty.class);

    private MessageEdits() {
    }

    static MessageEdits of(MessageMeta meta) {
        MessageEdits edits = new MessageEdits();
        meta.propertyChanges().forEach((k, v) -> {
            if (k.startsWith(MessageMeta.SYSTEM_CHANGE_PREFIX)) {
                SystemProperty p = SystemProperty.byName(k.substring(MessageMeta.SYSTEM_CHANGE_PREFIX.length()));
                if (p != null) {
                    edits.system.put(p, v);
                }
            } else {
                edits.applicationProperties.put(k, v);
            }
        });
        if (meta.deadLetterReason() != null) {
            edits.applicationProperties.put(ServiceBusNames.DEAD_LETTER_REASON, meta.deadLetterReason());
        }
        if (meta.deadLetterDescription() != null) {
            edits.applicationProperties.put(ServiceBusNames.DEAD_LETTER_ERROR_DESCRIPTION,
                    meta.deadLetterDescription());
        }
        return edits;
    }

    /** Application properties to set; a {@link MessageMeta#REMOVED} value removes the property. */
    Map<String, Object> applicationProperties() {
        return applicationProperties;
    }

    /** Whether a change lands in the AMQP {@code properties} section. */
    boolean changesProperties() {
        for (SystemProperty p : system.keySet()) {
            if (propertiesField(p)) {
                return true;
            }
        }
        return false;
    }

    /** Applies the system-property changes that live in the {@code properties} section; null clears a field. */
    Properties applyTo(Properties p) {
        system.forEach((property, v) -> {
            String text = v == null || v == MessageMeta.REMOVED ? null : v.toString();
            switch (property) {
                case MESSAGE_ID -> p.setMessageId(text);
                case CORRELATION_ID -> p.setCorrelationId(text);
                case TO -> p.setTo(text);
                case REPLY_TO -> p.setReplyTo(text);
                case LABEL -> p.setSubject(text);
                case SESSION_ID -> p.setGroupId(text);
                case REPLY_TO_SESSION_ID -> p.setReplyToGroupId(text);
                case CONTENT_TYPE -> p.setContentType(text);
                default -> {
                    // Not a properties field: an annotation, the TTL (already in the meta) or a flag with no wire form.
                }
            }
        });
        return p;
    }

    /** Message annotations the changes set; a {@link MessageMeta#REMOVED} value removes the annotation. */
    Map<String, Object> annotations() {
        Map<String, Object> out = new LinkedHashMap<>();
        system.forEach((property, v) -> {
            Object value = v == null ? MessageMeta.REMOVED : v;
            switch (property) {
                case PARTITION_KEY -> out.put(ServiceBusNames.PARTITION_KEY, text(value));
                case VIA_PARTITION_KEY -> out.put(ServiceBusNames.VIA_PARTITION_KEY, text(value));
                case SCHEDULED_ENQUEUE_TIME_UTC -> out.put(ServiceBusNames.SCHEDULED_ENQUEUE_TIME,
                        value instanceof Instant t ? new Date(t.toEpochMilli()) : MessageMeta.REMOVED);
                default -> {
                    // Lives in the properties section, the header, or nowhere on the wire.
                }
            }
        });
        return out;
    }

    private static Object text(Object v) {
        return v == MessageMeta.REMOVED ? v : v.toString();
    }

    private static boolean propertiesField(SystemProperty p) {
        return switch (p) {
            case MESSAGE_ID, CORRELATION_ID, TO, REPLY_TO, LABEL, SESSION_ID, REPLY_TO_SESSION_ID, CONTENT_TYPE -> true;
            default -> false;
        };
    }
}
