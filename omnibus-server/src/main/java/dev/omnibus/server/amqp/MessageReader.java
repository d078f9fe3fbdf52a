package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.IncomingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.types.Binary;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedByte;
import org.apache.qpid.protonj2.types.UnsignedInteger;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.UnsignedShort;
import org.apache.qpid.protonj2.types.messaging.Header;

/**
 * Turns what a sender transferred into the core's {@link IncomingMessage}s: the system properties the core acts on,
 * the application properties as JDK types, and the encoded message itself as the opaque payload. Each message is
 * decoded once, here; the payload is stored exactly as received.
 */
final class MessageReader {
    private MessageReader() {
    }

    /**
     * The messages of one transfer: a plain message (format 0) or a batch (format 0x80013700), whose data sections
     * each hold one complete encoded message; the batch's own envelope sections are ignored.
     *
     * @throws IllegalArgumentException when the payload is not a valid message or batch
     */
    static List<IncomingMessage> readTransfer(byte[] payload, long messageFormat) {
        if (messageFormat == 0) {
            return List.of(read(payload));
        }
        if (messageFormat != ServiceBusNames.BATCH_MESSAGE_FORMAT) {
            throw new IllegalArgumentException("Unsupported message format " + messageFormat);
        }
        List<IncomingMessage> out = new ArrayList<>();
        for (RawAmqp.Section s : RawAmqp.sections(payload)) {
            if (s.code() == RawAmqp.DATA) {
                out.add(read(RawAmqp.binary(payload, s.valueStart())));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("A batch transfer carried no data sections");
        }
        return out;
    }

    /** One encoded message. */
    static IncomingMessage read(byte[] payload) {
        IncomingMessage.Builder m = IncomingMessage.builder(payload);
        boolean body = false;
        for (RawAmqp.Section s : RawAmqp.sections(payload)) {
            switch (s.code()) {
                case RawAmqp.HEADER -> readHeader(m, (Header) ProtonCodec.decode(payload, s.start(), s.end()));
                case RawAmqp.PROPERTIES -> readProperties(m, payload, s.valueStart());
                case RawAmqp.MESSAGE_ANNOTATIONS -> readAnnotations(m, payload, s.valueStart());
                case RawAmqp.APPLICATION_PROPERTIES -> m.applicationProperties(applicationProperties(payload, s.valueStart()));
                case RawAmqp.DATA, RawAmqp.AMQP_SEQUENCE, RawAmqp.AMQP_VALUE -> body = true;
                default -> {
                    // delivery-annotations are for this hop only; footers and unknown sections travel as they are.
                }
            }
        }
        if (!body && payload.length == 0) {
            throw new IllegalArgumentException("Empty message");
        }
        return m.build();
    }

    private static void readHeader(IncomingMessage.Builder m, Header h) {
        if (h.hasTimeToLive() && h.getTimeToLive() > 0) {
            m.timeToLive(Duration.ofMillis(h.getTimeToLive()));
        }
    }

    /**
     * The properties the core keeps, read in place (decoding the whole section with protonj2 was a tenth of what
     * reading a transfer cost): message-id, to, subject, reply-to, correlation-id, content-type, group-id and
     * reply-to-group-id, by their positions in the list.
     */
    private static void readProperties(IncomingMessage.Builder m, byte[] b, int listStart) {
        int[] fields = RawAmqp.listElements(b, listStart);
        m.messageId(idText(b, fields, 0))
                .to(text(b, fields, 2))
                .subject(text(b, fields, 3))
                .replyTo(text(b, fields, 4))
                .correlationId(idText(b, fields, 5))
                .contentType(text(b, fields, 6))
                .sessionId(text(b, fields, 10))
                .replyToSessionId(text(b, fields, 12));
    }

    private static String text(byte[] b, int[] fields, int index) {
        if (index >= fields.length) {
            return null;
        }
        Object v = RawAmqp.scalar(b, fields[index]);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("Message property " + index + " is not a string");
        }
        return (String) v;
    }

    /** A message or correlation id (ulong, uuid, binary or string) as Service Bus writes it. */
    private static String idText(byte[] b, int[] fields, int index) {
        if (index >= fields.length) {
            return null;
        }
        int at = fields[index];
        Object v = RawAmqp.scalar(b, at);
        int code = RawAmqp.u8(b, at);
        if (v instanceof Long l && (code == 0x44 || code == 0x53 || code == 0x80)) {
            return Long.toUnsignedString(l); // ulong
        } else if (v instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (v == RawAmqp.NOT_SCALAR) {
            throw new IllegalArgumentException("Message property " + index + " is not a valid id");
        }
        return v == null ? null : v.toString();
    }

    private static void readAnnotations(IncomingMessage.Builder m, byte[] b, int mapStart) {
        for (RawAmqp.Entry e : RawAmqp.mapEntries(b, mapStart)) {
            if (ServiceBusNames.SCHEDULED_ENQUEUE_TIME.equals(e.key())) {
                Object v = RawAmqp.scalar(b, e.valueStart());
                if (v instanceof Instant t) {
                    m.scheduledEnqueueTime(t);
                } else if (v instanceof Long l) {
                    m.scheduledEnqueueTime(Instant.ofEpochMilli(l));
                }
            } else if (ServiceBusNames.PARTITION_KEY.equals(e.key())) {
                Object v = RawAmqp.scalar(b, e.valueStart());
                if (v instanceof String s) {
                    m.partitionKey(s);
                }
            }
        }
    }

    /** Application properties as JDK types; values with no JDK equivalent are decoded by protonj2 and converted. */
    static Map<String, Object> applicationProperties(byte[] b, int mapStart) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RawAmqp.Entry e : RawAmqp.mapEntries(b, mapStart)) {
            if (e.key() == null) {
                continue;
            }
            Object v = RawAmqp.scalar(b, e.valueStart());
            if (v == RawAmqp.NOT_SCALAR) {
                v = toJdk(ProtonCodec.decode(b, e.valueStart(), e.end()));
            }
            out.put(e.key(), v);
        }
        return out;
    }

    /**
     * Converts a value protonj2 decoded (outcome annotations, error info) to the JDK types the core keeps:
     * symbols become strings, unsigned integers widen, binary becomes byte[]; other types keep their text.
     */
    static Object toJdk(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte || v instanceof Double || v instanceof Float || v instanceof Boolean
                || v instanceof Character || v instanceof UUID || v instanceof byte[] || v instanceof Instant) {
            return v;
        } else if (v instanceof Symbol s) {
            return s.toString();
        } else if (v instanceof UnsignedInteger u) {
            return u.longValue();
        } else if (v instanceof UnsignedLong u) {
            return u.longValue();
        } else if (v instanceof UnsignedShort u) {
            return u.intValue();
        } else if (v instanceof UnsignedByte u) {
            return u.shortValue();
        } else if (v instanceof Binary b) {
            return b.asByteArray();
        } else if (v instanceof Date d) {
            return d.toInstant();
        }
        return String.valueOf(v);
    }

    /** Keys as text and values as JDK types, for properties-to-modify from outcomes and requests. */
    static Map<String, Object> propertiesToModify(Map<?, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null) {
                out.put(k.toString(), toJdk(v));
            }
        });
        return out;
    }
}
