package dev.omnibus.core.store;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.SystemProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The binary form of {@link MessageMeta} for byte-oriented stores. Layout (big-endian), version 1:
 * version byte, sequence number, state, delivery count, enqueued-at, TTL, expires-at, scheduled-at, size,
 * twelve nullable strings (message id, correlation id, session id, reply-to, reply-to session id, to, subject,
 * content type, partition key, dead-letter source, reason, description), each a presence byte then, when present,
 * an unsigned 16-bit length and modified UTF-8 ({@link DataOutputStream#writeUTF}); the enqueue sequence number;
 * then the property changes as a count and typed key/value pairs, and, only when present, the routing properties
 * the same way.
 */
public final class MessageMetaCodec {
    private static final byte VERSION = 1;

    private MessageMetaCodec() {
    }

    public static byte[] encode(MessageMeta m) {
        return m.propertyChanges().isEmpty() && m.routingProperties().isEmpty() ? encodeFixed(m) : encodeWithChanges(m);
    }

    /** The common case, no property changes: written straight into one array, no streams. */
    private static byte[] encodeFixed(MessageMeta m) {
        SystemProperties p = m.properties();
        byte[][] strings = {utf(p.messageId()), utf(p.correlationId()), utf(p.sessionId()), utf(p.replyTo()),
                utf(p.replyToSessionId()), utf(p.to()), utf(p.subject()), utf(p.contentType()), utf(p.partitionKey()),
                utf(m.deadLetterSource()), utf(m.deadLetterReason()), utf(m.deadLetterDescription())};
        int size = 1 + 8 + 1 + 4 + 8 * 4 + 4 + 8 + 4;
        for (byte[] s : strings) {
            size += 1 + (s == null ? 0 : 2 + s.length);
        }
        // Written by hand into one array: this runs for every message sent, and a ByteBuffer showed in the profile.
        byte[] b = new byte[size];
        b[0] = VERSION;
        int at = putLong(b, 1, m.sequenceNumber());
        b[at++] = (byte) m.state().code();
        at = putInt(b, at, m.deliveryCount());
        at = putLong(b, at, m.enqueuedAt());
        at = putLong(b, at, m.timeToLive());
        at = putLong(b, at, m.expiresAt());
        at = putLong(b, at, m.scheduledAt());
        at = putInt(b, at, m.size());
        for (byte[] s : strings) {
            if (s == null) {
                b[at++] = 0;
            } else {
                b[at++] = 1;
                b[at++] = (byte) (s.length >>> 8);
                b[at++] = (byte) s.length;
                System.arraycopy(s, 0, b, at, s.length);
                at += s.length;
            }
        }
        at = putLong(b, at, m.enqueueSequenceNumber());
        putInt(b, at, 0);
        return b;
    }

    private static int putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
        return at + 8;
    }

    private static int putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        return at + 4;
    }

    private static byte[] encodeWithChanges(MessageMeta m) {
        byte[] fixed = encodeFixed(m);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(fixed.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(fixed, 0, fixed.length - 4);
            writeMap(out, m.propertyChanges());
            if (!m.routingProperties().isEmpty()) {
                writeMap(out, m.routingProperties());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeMap(DataOutputStream out, Map<String, Object> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Object> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            PropertyValueCodec.write(out, e.getValue());
        }
    }

    private static Map<String, Object> readMap(DataInputStream in, int count) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(in.readUTF(), PropertyValueCodec.read(in));
        }
        return map;
    }

    /** Modified UTF-8, as {@link DataOutputStream#writeUTF} writes it, so both paths read back alike. */
    private static byte[] utf(String s) {
        if (s == null) {
            return null;
        }
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            char c = s.charAt(i);
            ascii = c >= 1 && c < 0x80;
        }
        if (ascii) {
            return checked(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length() * 2 + 2);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] withLength = bytes.toByteArray();
        return java.util.Arrays.copyOfRange(withLength, 2, withLength.length);
    }

    private static byte[] checked(byte[] utf) {
        if (utf != null && utf.length > 0xFFFF) {
            throw new IllegalArgumentException("A message meta string is longer than 65535 bytes");
        }
        return utf;
    }

    public static MessageMeta decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("Unknown message meta version " + version);
        }
        long seq = b.getLong();
        MessageState state = MessageState.ofCode(b.get());
        int deliveryCount = b.getInt();
        long enqueuedAt = b.getLong();
        long ttl = b.getLong();
        long expiresAt = b.getLong();
        long scheduledAt = b.getLong();
        int size = b.getInt();
        SystemProperties properties = new SystemProperties(readString(b), readString(b), readString(b),
                readString(b), readString(b), readString(b), readString(b), readString(b), readString(b));
        String dlSource = readString(b);
        String dlReason = readString(b);
        String dlDescription = readString(b);
        long enqueueSeq = b.getLong();
        int changes = b.getInt();
        Map<String, Object> props = Map.of();
        Map<String, Object> routing = Map.of();
        if (b.hasRemaining()) {
            try (DataInputStream in = new DataInputStream(
                    new ByteArrayInputStream(data, b.position(), data.length - b.position()))) {
                props = readMap(in, changes);
                if (in.available() > 0) {
                    routing = readMap(in, in.readInt());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new MessageMeta(seq, state, deliveryCount, enqueuedAt, ttl, expiresAt, scheduledAt, size,
                properties, dlSource, dlReason, dlDescription, enqueueSeq, props, routing);
    }

    private static String readString(ByteBuffer b) {
        if (b.get() == 0) {
            return null;
        }
        int length = Short.toUnsignedInt(b.getShort());
        byte[] bytes = new byte[length + 2];
        bytes[0] = (byte) (length >>> 8);
        bytes[1] = (byte) length;
        b.get(bytes, 2, length);
        boolean ascii = true;
        for (int i = 2; i < bytes.length && ascii; i++) {
            ascii = bytes[i] > 0;
        }
        if (ascii) {
            return new String(bytes, 2, length, StandardCharsets.ISO_8859_1);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return in.readUTF();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Typed values of application properties: the JDK types the protocol layer maps AMQP simple types to. */
    public static final class PropertyValueCodec {
        private PropertyValueCodec() {
        }

        public static void write(DataOutputStream out, Object v) throws IOException {
            if (v == null) {
                out.writeByte(0);
            } else if (v == MessageMeta.REMOVED) {
                out.writeByte(13);
            } else if (v instanceof String s) {
                out.writeByte(1);
                byte[] utf = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(utf.length);
                out.write(utf);
            } else if (v instanceof Long l) {
                out.writeByte(2);
                out.writeLong(l);
            } else if (v instanceof Integer i) {
                out.writeByte(3);
                out.writeInt(i);
            } else if (v instanceof Double d) {
                out.writeByte(4);
                out.writeDouble(d);
            } else if (v instanceof Boolean b) {
                out.writeByte(5);
                out.writeBoolean(b);
            } else if (v instanceof UUID u) {
                out.writeByte(6);
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            } else if (v instanceof byte[] b) {
                out.writeByte(7);
                out.writeInt(b.length);
                out.write(b);
            } else if (v instanceof Instant t) {
                out.writeByte(8);
                out.writeLong(t.toEpochMilli());
            } else if (v instanceof Date d) {
                out.writeByte(8);
                out.writeLong(d.getTime());
            } else if (v instanceof Short s) {
                out.writeByte(9);
                out.writeShort(s);
            } else if (v instanceof Byte b) {
                out.writeByte(10);
                out.writeByte(b);
            } else if (v instanceof Float f) {
                out.writeByte(11);
                out.writeFloat(f);
            } else if (v instanceof Character c) {
                out.writeByte(12);
                out.writeChar(c);
            } else {
                throw new IllegalArgumentException("Unsupported property value type " + v.getClass().getName());
            }
        }

        public static Object read(DataInputStream in) throws IOException {
            int type = in.readByte();
            return switch (type) {
                case 0 -> null;
                case 1 -> {
                    byte[] utf = in.readNBytes(in.readInt());
                    yield new String(utf, java.nio.charset.StandardCharsets.UTF_8);
                }
                case 2 -> in.readLong();
                case 3 -> in.readInt();
                case 4 -> in.readDouble();
                case 5 -> in.readBoolean();
                case 6 -> new UUID(in.readLong(), in.readLong());
                case 7 -> in.readNBytes(in.readInt());
                case 8 -> Instant.ofEpochMilli(in.readLong());
                case 9 -> in.readShort();
                case 10 -> in.readByte();
                case 11 -> in.readFloat();
                case 12 -> in.readChar();
                case 13 -> MessageMeta.REMOVED;
                default -> throw new IllegalStateException("Unknown property value type " + type);
            };
        }
    }
}
