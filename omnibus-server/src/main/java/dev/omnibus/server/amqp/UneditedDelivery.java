package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.ReceivedMessage;
import java.util.List;

/**
 * {@link DeliveryWriter}'s path for the common delivery: a message the broker never edited (no property changes, no
 * dead-letter reason) that does not expire, so only the header, the delivery-annotations and the broker's message
 * annotations change. It writes the same bytes as the general path, straight from the stored encoding: the header's
 * own fields are copied raw around the new TTL and delivery count, the sender's annotations are copied as one run of
 * bytes with the broker's appended, and every other section is copied as it is, without decoding anything into objects
 * or building maps. The hot path of every receive, hence its own code.
 */
final class UneditedDelivery {
    private static final long MAX_UINT = 0xffffffffL;
    private static final String[] STAMPED = {ServiceBusNames.SEQUENCE_NUMBER, ServiceBusNames.ENQUEUED_TIME,
        ServiceBusNames.LOCKED_UNTIL, ServiceBusNames.MESSAGE_STATE, ServiceBusNames.SCHEDULED_ENQUEUE_TIME,
        ServiceBusNames.DEAD_LETTER_SOURCE, ServiceBusNames.ENQUEUE_SEQUENCE_NUMBER};

    private static final byte[] LOCK_TOKEN = AmqpSink.encodedSymbol(ServiceBusNames.LOCK_TOKEN);
    private static final byte[] SEQUENCE_NUMBER = AmqpSink.encodedSymbol(ServiceBusNames.SEQUENCE_NUMBER);
    private static final byte[] ENQUEUED_TIME = AmqpSink.encodedSymbol(ServiceBusNames.ENQUEUED_TIME);
    private static final byte[] LOCKED_UNTIL = AmqpSink.encodedSymbol(ServiceBusNames.LOCKED_UNTIL);
    private static final byte[] MESSAGE_STATE = AmqpSink.encodedSymbol(ServiceBusNames.MESSAGE_STATE);

    private UneditedDelivery() {
    }

    /**
     * The delivery's encoding, or null when the general path must write it: the sender's annotations already hold a
     * key the broker stamps (replaced in place there), or its header is not a plain list.
     */
    static byte[] write(ReceivedMessage m, List<RawAmqp.Section> sections) {
        AmqpSink out = encode(m, sections);
        return out == null ? null : out.toByteArray();
    }

    /** As {@link #write}, without the final copy: the sink holds the encoding. */
    static AmqpSink encode(ReceivedMessage m, List<RawAmqp.Section> sections) {
        byte[] in = m.payload();
        MessageMeta meta = m.meta();
        RawAmqp.Section header = null;
        RawAmqp.Section annotations = null;
        for (RawAmqp.Section s : sections) {
            if (s.code() == RawAmqp.HEADER) {
                header = s;
            } else if (s.code() == RawAmqp.MESSAGE_ANNOTATIONS) {
                annotations = s;
            }
        }
        List<RawAmqp.Entry> entries = annotations == null ? List.of()
                : RawAmqp.mapEntries(in, annotations.valueStart());
        for (RawAmqp.Entry e : entries) {
            for (String key : STAMPED) {
                if (key.equals(e.key())) {
                    return null;
                }
            }
        }
        AmqpSink out = new AmqpSink(in.length + 256);
        if (!writeHeader(out, in, header, meta)) {
            return null;
        }
        if (m.lockToken() != null) {
            out.sectionDescriptor(RawAmqp.DELIVERY_ANNOTATIONS);
            int map = out.beginMap32();
            out.raw(LOCK_TOKEN).uuid(m.lockToken());
            out.endMap32(map, 1);
        }
        out.sectionDescriptor(RawAmqp.MESSAGE_ANNOTATIONS);
        int map = out.beginMap32();
        if (!entries.isEmpty()) {
            out.raw(in, entries.get(0).keyStart(), entries.get(entries.size() - 1).end());
        }
        out.endMap32(map, entries.size() + stamp(out, m));
        for (RawAmqp.Section s : sections) {
            // Everything but the header and annotations, in wire order: properties, application-properties, body,
            // footer. The sender's delivery-annotations were for the hop to the broker and end there.
            if (s.code() != RawAmqp.HEADER && s.code() != RawAmqp.DELIVERY_ANNOTATIONS
                    && s.code() != RawAmqp.MESSAGE_ANNOTATIONS) {
                out.raw(in, s.start(), s.end());
            }
        }
        return out;
    }

    /**
     * The header as {@link DeliveryWriter} writes it: all five fields, the sender's durable, priority and
     * first-acquirer as they were encoded (absent ones null), the effective TTL and an explicit delivery count.
     */
    private static boolean writeHeader(AmqpSink out, byte[] in, RawAmqp.Section header, MessageMeta meta) {
        int[] field = new int[8];
        int count = 0;
        if (header != null) {
            int p = header.valueStart();
            int c = RawAmqp.u8(in, p);
            int n;
            if (c == 0x45) {
                n = 0;
                p += 1;
            } else if (c == 0xc0) {
                n = RawAmqp.u8(in, p + 2);
                p += 3;
            } else if (c == 0xd0) {
                n = RawAmqp.u32(in, p + 5);
                p += 9;
            } else {
                return false;
            }
            for (int i = 0; i < n && i < 4; i++) {
                int end = RawAmqp.skip(in, p);
                field[2 * i] = p;
                field[2 * i + 1] = end;
                p = end;
                count++;
            }
        }
        out.sectionDescriptor(RawAmqp.HEADER);
        int list = out.beginList32();
        rawOrNull(out, in, field, count, 0);
        rawOrNull(out, in, field, count, 1);
        if (meta.timeToLive() > 0 && meta.timeToLive() <= MAX_UINT) {
            out.u8(0x70).u32((int) meta.timeToLive());
        } else {
            out.u8(0x40);
        }
        rawOrNull(out, in, field, count, 3);
        out.u8(0x70).u32(meta.deliveryCount());
        out.endList32(list, 5);
        return true;
    }

    private static void rawOrNull(AmqpSink out, byte[] in, int[] field, int count, int index) {
        if (index < count) {
            out.raw(in, field[2 * index], field[2 * index + 1]);
        } else {
            out.u8(0x40);
        }
    }

    /** Appends the broker's annotations, in {@link DeliveryWriter}'s order and types; returns how many. */
    private static int stamp(AmqpSink out, ReceivedMessage m) {
        MessageMeta meta = m.meta();
        int n = 3;
        out.raw(SEQUENCE_NUMBER).longValue(meta.sequenceNumber());
        out.raw(ENQUEUED_TIME).timestamp(meta.enqueuedAt());
        if (m.lockedUntil() > 0) {
            out.raw(LOCKED_UNTIL).timestamp(m.lockedUntil());
            n++;
        }
        out.raw(MESSAGE_STATE).intValue(meta.state().code());
        if (meta.scheduledAt() > 0) {
            out.symbol(ServiceBusNames.SCHEDULED_ENQUEUE_TIME).timestamp(meta.scheduledAt());
            n++;
        }
        if (meta.deadLetterSource() != null) {
            out.symbol(ServiceBusNames.DEAD_LETTER_SOURCE).string(meta.deadLetterSource());
            n++;
        }
        if (meta.enqueueSequenceNumber() != 0) {
            out.symbol(ServiceBusNames.ENQUEUE_SEQUENCE_NUMBER).longValue(meta.enqueueSequenceNumber());
            n++;
        }
        return n;
    }
}
