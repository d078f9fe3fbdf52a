package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.ReceivedMessage;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.types.messaging.Header;
import org.apache.qpid.protonj2.types.messaging.Properties;

/**
 * Re-encodes a stored message for a receiver, a peek or a receive-by-sequence-number: the sender's encoding with the
 * broker's view stamped on it.
 *
 * <ul>
 *   <li>header: the sender's, with {@code delivery-count} = earlier attempts and {@code ttl} = the effective TTL;</li>
 *   <li>delivery-annotations: replaced; {@code x-opt-lock-token} (uuid) when the message is locked;</li>
 *   <li>message-annotations: the sender's entries plus sequence number, enqueued time, locked-until, state,
 *       scheduled time, dead-letter source and enqueue sequence number;</li>
 *   <li>properties: the sender's, with {@code absolute-expiry-time} when the TTL is finite;</li>
 *   <li>application-properties: the sender's, plus properties set by abandon/defer/dead-letter and the dead-letter
 *       reason and description;</li>
 *   <li>body, footer and anything else: byte for byte.</li>
 * </ul>
 * Sections and map entries the broker does not change are copied raw, so their AMQP types survive exactly.
 */
final class DeliveryWriter {
    private static final long MAX_UINT = 0xffffffffL;

    private DeliveryWriter() {
    }

    /** Encodes {@code m}; its lock token (if any) goes into the delivery-annotations. */
    static byte[] write(ReceivedMessage m) {
        byte[] in = m.payload();
        MessageMeta meta = m.meta();
        List<RawAmqp.Section> sections = RawAmqp.sections(in);
        AmqpSink out = new AmqpSink(in.length + 256);

        RawAmqp.Section header = find(sections, RawAmqp.HEADER);
        ProtonCodec.encode(out, header(header == null ? new Header()
                : (Header) ProtonCodec.decode(in, header.start(), header.end()), meta));

        if (m.lockToken() != null) {
            out.sectionDescriptor(RawAmqp.DELIVERY_ANNOTATIONS)
                    .map(Map.of(ServiceBusNames.LOCK_TOKEN, m.lockToken()), true);
        }

        RawAmqp.Section annotations = find(sections, RawAmqp.MESSAGE_ANNOTATIONS);
        out.sectionDescriptor(RawAmqp.MESSAGE_ANNOTATIONS);
        merge(out, in, annotations, brokerAnnotations(m), true);

        RawAmqp.Section properties = find(sections, RawAmqp.PROPERTIES);
        if (meta.expiresAt() != Long.MAX_VALUE) {
            Properties p = properties == null ? new Properties()
                    : (Properties) ProtonCodec.decode(in, properties.start(), properties.end());
            p.setAbsoluteExpiryTime(meta.expiresAt());
            ProtonCodec.encode(out, p);
        } else if (properties != null) {
            out.raw(in, properties.start(), properties.end());
        }

        RawAmqp.Section appProperties = find(sections, RawAmqp.APPLICATION_PROPERTIES);
        Map<String, Object> changes = propertyChanges(meta);
        if (!changes.isEmpty()) {
            out.sectionDescriptor(RawAmqp.APPLICATION_PROPERTIES);
            merge(out, in, appProperties, changes, false);
        } else if (appProperties != null) {
            out.raw(in, appProperties.start(), appProperties.end());
        }

        for (RawAmqp.Section s : sections) {
            if (s.code() < RawAmqp.HEADER || s.code() > RawAmqp.APPLICATION_PROPERTIES) {
                out.raw(in, s.start(), s.end());
            }
        }
        return out.toByteArray();
    }

    private static Header header(Header h, MessageMeta meta) {
        h.setDeliveryCount(meta.deliveryCount());
        if (meta.timeToLive() > 0 && meta.timeToLive() <= MAX_UINT) {
            h.setTimeToLive(meta.timeToLive());
        } else {
            h.clearTimeToLive();
        }
        return h;
    }

    /** The annotations the broker stamps, with the AMQP types the SDKs cast to. */
    private static Map<String, Object> brokerAnnotations(ReceivedMessage m) {
        MessageMeta meta = m.meta();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(ServiceBusNames.SEQUENCE_NUMBER, meta.sequenceNumber());
        a.put(ServiceBusNames.ENQUEUED_TIME, new Date(meta.enqueuedAt()));
        if (m.lockedUntil() > 0) {
            a.put(ServiceBusNames.LOCKED_UNTIL, new Date(m.lockedUntil()));
        }
        a.put(ServiceBusNames.MESSAGE_STATE, meta.state().code());
        if (meta.scheduledAt() > 0) {
            a.put(ServiceBusNames.SCHEDULED_ENQUEUE_TIME, new Date(meta.scheduledAt()));
        }
        if (meta.deadLetterSource() != null) {
            a.put(ServiceBusNames.DEAD_LETTER_SOURCE, meta.deadLetterSource());
        }
        if (meta.enqueueSequenceNumber() != 0) {
            a.put(ServiceBusNames.ENQUEUE_SEQUENCE_NUMBER, meta.enqueueSequenceNumber());
        }
        return a;
    }

    private static Map<String, Object> propertyChanges(MessageMeta meta) {
        if (meta.propertyChanges().isEmpty() && meta.deadLetterReason() == null
                && meta.deadLetterDescription() == null) {
            return Map.of();
        }
        Map<String, Object> changes = new LinkedHashMap<>(meta.propertyChanges());
        if (meta.deadLetterReason() != null) {
            changes.put(ServiceBusNames.DEAD_LETTER_REASON, meta.deadLetterReason());
        }
        if (meta.deadLetterDescription() != null) {
            changes.put(ServiceBusNames.DEAD_LETTER_ERROR_DESCRIPTION, meta.deadLetterDescription());
        }
        return changes;
    }

    /**
     * Writes the map of {@code original} (may be null) with {@code overrides} replacing entries of the same key and
     * appended after the untouched ones.
     */
    private static void merge(AmqpSink out, byte[] in, RawAmqp.Section original, Map<String, Object> overrides,
                              boolean symbolKeys) {
        AmqpSink entries = new AmqpSink(256);
        int count = 0;
        if (original != null) {
            for (RawAmqp.Entry e : RawAmqp.mapEntries(in, original.valueStart())) {
                if (e.key() == null || !overrides.containsKey(e.key())) {
                    entries.raw(in, e.keyStart(), e.end());
                    count++;
                }
            }
        }
        for (Map.Entry<String, Object> o : overrides.entrySet()) {
            if (symbolKeys) {
                entries.symbol(o.getKey());
            } else {
                entries.string(o.getKey());
            }
            entries.value(o.getValue());
            count++;
        }
        out.map(entries, count);
    }

    private static RawAmqp.Section find(List<RawAmqp.Section> sections, int code) {
        for (RawAmqp.Section s : sections) {
            if (s.code() == code) {
                return s;
            }
        }
        return null;
    }
}
