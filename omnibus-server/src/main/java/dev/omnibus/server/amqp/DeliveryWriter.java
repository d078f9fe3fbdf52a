package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.ReceivedMessage;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.types.messaging.Header;
import org.apache.qpid.protonj2.types.messaging.Properties;

/**
 * Re-encodes a stored message for a receiver, a peek or a receive-by-sequence-number: the sender's encoding with the
 * broker's view stamped on it.
 *
 * <ul>
 *   <li>header: the sender's, with {@code delivery-count} = earlier attempts (always written, even 0) and
 *       {@code ttl} = the effective TTL;</li>
 *   <li>delivery-annotations: replaced; {@code x-opt-lock-token} (uuid) when the message is locked;</li>
 *   <li>message-annotations: the sender's entries plus sequence number, enqueued time, locked-until, state,
 *       scheduled time, dead-letter source and enqueue sequence number;</li>
 *   <li>properties: the sender's, with {@code absolute-expiry-time} when the TTL is finite and the system
 *       properties a rule action set ({@link MessageEdits});</li>
 *   <li>application-properties: the sender's, plus properties set by abandon/defer/dead-letter or a rule action
 *       (which may also remove one; names match ignoring case) and the dead-letter reason and description;</li>
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
        if (meta.propertyChanges().isEmpty() && meta.deadLetterReason() == null
                && meta.deadLetterDescription() == null && meta.expiresAt() == Long.MAX_VALUE) {
            byte[] plain = UneditedDelivery.write(m, sections);
            if (plain != null) {
                return plain;
            }
        }
        return writeGeneral(m, sections);
    }

    /** As {@link #write}, for a link: the common (unedited) encoding goes out without a final copy. */
    static ProtonBuffer encode(ReceivedMessage m) {
        byte[] in = m.payload();
        MessageMeta meta = m.meta();
        List<RawAmqp.Section> sections = RawAmqp.sections(in);
        if (meta.propertyChanges().isEmpty() && meta.deadLetterReason() == null
                && meta.deadLetterDescription() == null && meta.expiresAt() == Long.MAX_VALUE) {
            AmqpSink plain = UneditedDelivery.encode(m, sections);
            if (plain != null) {
                return plain.toProtonBuffer();
            }
        }
        return ProtonByteArrayBufferAllocator.wrapped(writeGeneral(m, sections));
    }

    /** The general path, for any message; {@link UneditedDelivery} writes the same bytes for an unedited one. */
    static byte[] writeGeneral(ReceivedMessage m, List<RawAmqp.Section> sections) {
        byte[] in = m.payload();
        MessageMeta meta = m.meta();
        MessageEdits edits = MessageEdits.of(meta);
        AmqpSink out = new AmqpSink(in.length + 256);

        RawAmqp.Section header = find(sections, RawAmqp.HEADER);
        writeHeader(out, header == null ? new Header()
                : (Header) ProtonCodec.decode(in, header.start(), header.end()), meta);

        if (m.lockToken() != null) {
            out.sectionDescriptor(RawAmqp.DELIVERY_ANNOTATIONS)
                    .map(Map.of(ServiceBusNames.LOCK_TOKEN, m.lockToken()), true);
        }

        RawAmqp.Section annotations = find(sections, RawAmqp.MESSAGE_ANNOTATIONS);
        Map<String, Object> stamped = brokerAnnotations(m);
        stamped.putAll(edits.annotations());
        out.sectionDescriptor(RawAmqp.MESSAGE_ANNOTATIONS);
        merge(out, in, annotations, stamped, true);

        RawAmqp.Section properties = find(sections, RawAmqp.PROPERTIES);
        if (meta.expiresAt() != Long.MAX_VALUE || edits.changesProperties()) {
            Properties p = properties == null ? new Properties()
                    : (Properties) ProtonCodec.decode(in, properties.start(), properties.end());
            if (meta.expiresAt() != Long.MAX_VALUE) {
                p.setAbsoluteExpiryTime(meta.expiresAt());
            }
            ProtonCodec.encode(out, edits.applyTo(p));
        } else if (properties != null) {
            out.raw(in, properties.start(), properties.end());
        }

        RawAmqp.Section appProperties = find(sections, RawAmqp.APPLICATION_PROPERTIES);
        if (!edits.applicationProperties().isEmpty()) {
            out.sectionDescriptor(RawAmqp.APPLICATION_PROPERTIES);
            merge(out, in, appProperties, edits.applicationProperties(), false);
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

    /**
     * The header with all five fields and an explicit {@code delivery-count}, even 0: protonj2 leaves a zero count
     * out (the AMQP default), and rhea, under the JavaScript SDK, then reports the count as undefined.
     */
    private static void writeHeader(AmqpSink out, Header h, MessageMeta meta) {
        AmqpSink fields = new AmqpSink(24);
        fields.value(h.hasDurable() ? h.isDurable() : null);
        if (h.hasPriority()) {
            fields.u8(0x50).u8(h.getPriority());
        } else {
            fields.u8(0x40);
        }
        if (meta.timeToLive() > 0 && meta.timeToLive() <= MAX_UINT) {
            fields.u8(0x70).u32((int) meta.timeToLive());
        } else {
            fields.u8(0x40);
        }
        fields.value(h.hasFirstAcquirer() ? h.isFirstAcquirer() : null);
        fields.u8(0x70).u32(meta.deliveryCount());
        out.sectionDescriptor(RawAmqp.HEADER).list(fields, 5);
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

    /**
     * Writes the map of {@code original} (may be null) with {@code overrides} applied: an override replaces the
     * entry of its key in place (keeping the original key's spelling and encoding), a {@link MessageMeta#REMOVED}
     * override drops it, and the other overrides are appended. Annotation keys ({@code symbolKeys}) match exactly;
     * application property keys ignore case, as Service Bus rule actions do ({@code SET Color = 'red'} replaces
     * {@code color}), with an exact match preferred.
     */
    private static void merge(AmqpSink out, byte[] in, RawAmqp.Section original, Map<String, Object> overrides,
                              boolean symbolKeys) {
        List<RawAmqp.Entry> entries = original == null ? List.of() : RawAmqp.mapEntries(in, original.valueStart());
        Map<Integer, String> replaced = new HashMap<>();
        List<String> appended = new ArrayList<>();
        for (String key : overrides.keySet()) {
            int at = indexOf(entries, key, symbolKeys, replaced);
            if (at < 0) {
                appended.add(key);
            } else {
                replaced.put(at, key);
            }
        }
        AmqpSink written = new AmqpSink(256);
        int count = 0;
        for (int i = 0; i < entries.size(); i++) {
            RawAmqp.Entry e = entries.get(i);
            String key = replaced.get(i);
            if (key == null) {
                written.raw(in, e.keyStart(), e.end());
                count++;
            } else if (overrides.get(key) != MessageMeta.REMOVED) {
                written.raw(in, e.keyStart(), e.valueStart()).value(overrides.get(key));
                count++;
            }
        }
        for (String key : appended) {
            Object v = overrides.get(key);
            if (v != MessageMeta.REMOVED) {
                if (symbolKeys) {
                    written.symbol(key);
                } else {
                    written.string(key);
                }
                written.value(v);
                count++;
            }
        }
        out.map(written, count);
    }

    /** The entry an override of {@code key} replaces, or -1; entries already taken by another override are skipped. */
    private static int indexOf(List<RawAmqp.Entry> entries, String key, boolean exactOnly,
                               Map<Integer, String> taken) {
        int folded = -1;
        for (int i = 0; i < entries.size(); i++) {
            String k = entries.get(i).key();
            if (k == null || taken.containsKey(i)) {
                continue;
            }
            if (k.equals(key)) {
                return i;
            }
            if (!exactOnly && folded < 0 && k.equalsIgnoreCase(key)) {
                folded = i;
            }
        }
        return folded;
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
