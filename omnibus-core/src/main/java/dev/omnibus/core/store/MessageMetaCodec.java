package dev.omnibus.core.store;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The binary form of {@link MessageMeta} for byte-oriented stores. Layout (big-endian), version 1:
 * version byte, sequence number, state, delivery count, enqueued-at, TTL, expires-at, scheduled-at, size,
 * six nullable strings (message id, session id, partition key, dead-letter source, reason, description),
 * enqueue sequence number, then the property changes as a count and typed key/value pairs.
 */
public final class MessageMetaCodec {
    private static final byte VERSION = 1;

    private MessageMetaCodec() {
    }

    public static byte[] encode(MessageMeta m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(m.sequenceNumber());
            out.writeByte(m.state().code());
            out.writeInt(m.deliveryCount());
            out.writeLong(m.enqueuedAt());
            out.writeLong(m.timeToLive());
            out.writeLong(m.expiresAt());
            out.writeLong(m.scheduledAt());
            out.writeInt(m.size());
            writeString(out, m.messageId());
            writeString(out, m.sessionId());
            writeString(out, m.partitionKey());
            writeString(out, m.deadLetterSource());
            writeString(out, m.deadLetterReason());
            writeString(out, m.deadLetterDescription());
            out.writeLong(m.enqueueSequenceNumber());
            out.writeInt(m.propertyChanges().size());
            for (Map.Entry<String, Object> e : m.propertyChanges().entrySet()) {
                out.writeUTF(e.getKey());
                PropertyValueCodec.write(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static MessageMeta decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Unknown message meta version " + version);
            }
            long seq = in.readLong();
            MessageState state = MessageState.ofCode(in.readByte());
            int deliveryCount = in.readInt();
            long enqueuedAt = in.readLong();
            long ttl = in.readLong();
            long expiresAt = in.readLong();
            long scheduledAt = in.readLong();
            int size = in.readInt();
            String messageId = readString(in);
            String sessionId = readString(in);
            String partitionKey = readString(in);
            String dlSource = readString(in);
            String dlReason = readString(in);
            String dlDescription = readString(in);
            long enqueueSeq = in.readLong();
            int changes = in.readInt();
            Map<String, Object> props = new LinkedHashMap<>();
            for (int i = 0; i < changes; i++) {
                props.put(in.readUTF(), PropertyValueCodec.read(in));
            }
            return new MessageMeta(seq, state, deliveryCount, enqueuedAt, ttl, expiresAt, scheduledAt, size,
                    messageId, sessionId, partitionKey, dlSource, dlReason, dlDescription, enqueueSeq, props);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Typed values of application properties: the JDK types the protocol layer maps AMQP simple types to. */
    static final class PropertyValueCodec {
        private PropertyValueCodec() {
        }

        static void write(DataOutputStream out, Object v) throws IOException {
            if (v == null) {
                out.writeByte(0);
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

        static Object read(DataInputStream in) throws IOException {
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
                default -> throw new IllegalStateException("Unknown property value type " + type);
            };
        }
    }
}
