package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageState;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.codec.CodecFactory;
import org.apache.qpid.protonj2.codec.Decoder;
import org.apache.qpid.protonj2.codec.DecoderState;
import org.apache.qpid.protonj2.codec.Encoder;
import org.apache.qpid.protonj2.codec.EncoderState;
import org.apache.qpid.protonj2.codec.TypeDecoder;
import org.apache.qpid.protonj2.codec.decoders.primitives.TimestampTypeDecoder;
import org.apache.qpid.protonj2.types.Binary;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedByte;
import org.apache.qpid.protonj2.types.UnsignedInteger;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.UnsignedShort;
import org.apache.qpid.protonj2.types.messaging.AmqpSequence;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Data;
import org.apache.qpid.protonj2.types.messaging.DeliveryAnnotations;
import org.apache.qpid.protonj2.types.messaging.Header;
import org.apache.qpid.protonj2.types.messaging.MessageAnnotations;
import org.apache.qpid.protonj2.types.messaging.Properties;

/**
 * Converts between the client's message models and AMQP-encoded messages (§4 of the protocol notes): system
 * properties in {@code properties}, TTL in {@code header}, scheduling and partition key in message annotations, the
 * body as one {@code data} section. Also encodes batch transfers ({@code 0x80013700}: an envelope, then one data
 * section per complete encoded message) and the request messages of {@code $cbs} and {@code $management}.
 *
 * <p>Stateless and thread-safe: codec states are per thread.
 */
public final class MessageCodec {
    private static final Symbol SCHEDULED_ENQUEUE_TIME = Symbol.valueOf(ServiceBusNames.SCHEDULED_ENQUEUE_TIME);
    private static final Symbol PARTITION_KEY = Symbol.valueOf(ServiceBusNames.PARTITION_KEY);
    private static final Symbol SEQUENCE_NUMBER = Symbol.valueOf(ServiceBusNames.SEQUENCE_NUMBER);
    private static final Symbol ENQUEUED_TIME = Symbol.valueOf(ServiceBusNames.ENQUEUED_TIME);
    private static final Symbol LOCKED_UNTIL = Symbol.valueOf(ServiceBusNames.LOCKED_UNTIL);
    private static final Symbol ENQUEUE_SEQUENCE_NUMBER = Symbol.valueOf(ServiceBusNames.ENQUEUE_SEQUENCE_NUMBER);
    private static final Symbol DEAD_LETTER_SOURCE = Symbol.valueOf(ServiceBusNames.DEAD_LETTER_SOURCE);
    private static final Symbol MESSAGE_STATE = Symbol.valueOf(ServiceBusNames.MESSAGE_STATE);
    private static final Symbol LOCK_TOKEN = Symbol.valueOf(ServiceBusNames.LOCK_TOKEN);
    /** AMQP uint milliseconds cannot say more than this; longer TTLs mean "the entity's default". */
    private static final long MAX_TTL_MILLIS = 0xFFFF_FFFFL;

    private static final Encoder ENCODER = CodecFactory.getDefaultEncoder();
    private static final Decoder DECODER = CodecFactory.getDefaultDecoder();
    private static final ThreadLocal<EncoderState> ENCODER_STATE = ThreadLocal.withInitial(ENCODER::newEncoderState);
    private static final ThreadLocal<DecoderState> DECODER_STATE = ThreadLocal.withInitial(DECODER::newDecoderState);

    private MessageCodec() {
    }

    /** The complete AMQP encoding of a message to send. */
    public static byte[] encode(ServiceBusMessage message) {
        Header header = null;
        Duration ttl = message.getTimeToLive();
        if (ttl != null) {
            header = new Header().setTimeToLive(Math.min(ttl.toMillis(), MAX_TTL_MILLIS));
        }
        Map<Symbol, Object> annotations = new LinkedHashMap<>();
        if (message.getScheduledEnqueueTime() != null) {
            annotations.put(SCHEDULED_ENQUEUE_TIME, Date.from(message.getScheduledEnqueueTime().toInstant()));
        }
        if (message.getPartitionKey() != null) {
            annotations.put(PARTITION_KEY, message.getPartitionKey());
        }
        Properties properties = new Properties();
        properties.setMessageId(message.getMessageId());
        properties.setCorrelationId(message.getCorrelationId());
        properties.setSubject(message.getSubject());
        properties.setTo(message.getTo());
        properties.setReplyTo(message.getReplyTo());
        properties.setContentType(message.getContentType());
        properties.setGroupId(message.getSessionId());
        properties.setReplyToGroupId(message.getReplyToSessionId());
        ApplicationProperties applicationProperties = null;
        if (!message.getApplicationProperties().isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            message.getApplicationProperties().forEach((key, value) -> values.put(key, toAmqp(key, value)));
            applicationProperties = new ApplicationProperties(values);
        }
        return encodeSections(header, annotations.isEmpty() ? null : new MessageAnnotations(annotations),
                properties.isEmpty() ? null : properties, applicationProperties, new Data(message.getBody()));
    }

    /**
     * The payload of a batch transfer: an envelope from the first message (its message id, session id and
     * partition key, so the broker can route without unpacking), then each encoded message in a data section.
     */
    public static byte[] encodeBatch(ServiceBusMessage first, List<byte[]> encodedMessages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(encodedMessages));
        out.writeBytes(envelope(first));
        for (byte[] encoded : encodedMessages) {
            out.writeBytes(encodeSections(new Data(encoded)));
        }
        return out.toByteArray();
    }

    /** Sizes batches exactly as {@link #encodeBatch} encodes them. */
    public static final BatchSizer BATCH_SIZER = new BatchSizer() {
        @Override
        public long envelope(ServiceBusMessage first) {
            return MessageCodec.envelope(first).length;
        }

        @Override
        public long section(byte[] encodedMessage) {
            // Described-type constructor (0x00 0x53 0x75), then vbin8 (1 + 1 byte) or vbin32 (1 + 4 bytes).
            return 3 + (encodedMessage.length <= 255 ? 2 : 5) + encodedMessage.length;
        }
    };

    /** Encodes sections (or any AMQP values) back to back; nulls are skipped. */
    public static byte[] encodeSections(Object... sections) {
        ProtonBuffer buffer = ProtonByteArrayBufferAllocator.allocator().allocate(256);
        EncoderState state = ENCODER_STATE.get();
        for (Object section : sections) {
            if (section != null) {
                ENCODER.writeObject(buffer, state.reset(), section);
            }
        }
        byte[] bytes = new byte[buffer.getReadableBytes()];
        buffer.readBytes(bytes, 0, bytes.length);
        return bytes;
    }

    /**
     * Decodes every section of an encoded message. Application properties are decoded entry by entry, because
     * protonj2 turns AMQP timestamps into plain longs; here they stay timestamps ({@link Date}).
     */
    public static List<Object> decodeSections(byte[] encoded) {
        ProtonBuffer buffer = ProtonByteArrayBufferAllocator.wrapped(encoded);
        List<Object> sections = new ArrayList<>(6);
        DecoderState state = DECODER_STATE.get();
        try {
            while (buffer.isReadable()) {
                if (isApplicationProperties(buffer)) {
                    buffer.advanceReadOffset(3);
                    sections.add(new ApplicationProperties(readStringMapKeepingTimestamps(buffer, state)));
                    continue;
                }
                sections.add(DECODER.readObject(buffer, state.reset()));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The broker sent an undecodable message: " + e.getMessage(), e);
        }
        return sections;
    }

    /**
     * A received message from its encoding.
     *
     * @param encoded the message sections
     * @param tagToken the lock token from the delivery tag or a management response, or null
     * @param handle what the receiver needs to settle the message, or null
     */
    public static ServiceBusReceivedMessage decode(byte[] encoded, UUID tagToken, Object handle) {
        ServiceBusMessage content = new ServiceBusMessage(new byte[0]);
        long sequenceNumber = 0;
        long enqueueSequenceNumber = 0;
        long deliveryCount = 0;
        OffsetDateTime enqueuedTime = null;
        OffsetDateTime lockedUntil = null;
        String deadLetterSource = null;
        ServiceBusMessageState state = ServiceBusMessageState.ACTIVE;
        UUID lockToken = tagToken;
        ByteArrayOutputStream body = null;
        for (Object section : decodeSections(encoded)) {
            if (section instanceof Header header) {
                deliveryCount = header.getDeliveryCount();
                if (header.getTimeToLive() > 0) {
                    content.setTimeToLive(Duration.ofMillis(header.getTimeToLive()));
                }
            } else if (section instanceof DeliveryAnnotations annotations && annotations.getValue() != null) {
                if (lockToken == null && annotations.getValue().get(LOCK_TOKEN) instanceof UUID token) {
                    lockToken = token;
                }
            } else if (section instanceof MessageAnnotations annotations && annotations.getValue() != null) {
                Map<Symbol, Object> values = annotations.getValue();
                sequenceNumber = asLong(values.get(SEQUENCE_NUMBER));
                enqueueSequenceNumber = asLong(values.get(ENQUEUE_SEQUENCE_NUMBER));
                enqueuedTime = asTime(values.get(ENQUEUED_TIME));
                lockedUntil = asTime(values.get(LOCKED_UNTIL));
                content.setScheduledEnqueueTime(asTime(values.get(SCHEDULED_ENQUEUE_TIME)));
                Object source = values.get(DEAD_LETTER_SOURCE);
                deadLetterSource = source == null ? null : source.toString();
                Object messageState = values.get(MESSAGE_STATE);
                if (messageState instanceof Number number) {
                    state = ServiceBusMessageState.fromValue(number.intValue());
                }
                Object partitionKey = values.get(PARTITION_KEY);
                if (partitionKey != null) {
                    content.setPartitionKey(partitionKey.toString());
                }
            } else if (section instanceof Properties properties) {
                applyProperties(content, properties);
            } else if (section instanceof ApplicationProperties properties && properties.getValue() != null) {
                properties.getValue().forEach((key, value) -> content.getApplicationProperties().put(key,
                        fromAmqp(value)));
            } else if (section instanceof Data data) {
                body = body == null ? new ByteArrayOutputStream(data.getDataLength()) : body;
                body.writeBytes(data.getValue() == null ? new byte[0] : data.getValue());
            } else if (section instanceof AmqpValue<?> value) {
                content.setBody(valueBytes(value.getValue()));
            } else if (section instanceof AmqpSequence<?> sequence) {
                content.setBody(String.valueOf(sequence.getValue()).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (body != null) {
            content.setBody(body.toByteArray());
        }
        BrokerProperties broker = new BrokerProperties(sequenceNumber, enqueuedTime, enqueueSequenceNumber,
                deliveryCount, deadLetterSource, state, lockToken, lockedUntil);
        return ModelAccess.received().create(content, broker, handle);
    }

    /** Whether the next section is application-properties with the small descriptor 0x00 0x53 0x74. */
    private static boolean isApplicationProperties(ProtonBuffer buffer) {
        int at = buffer.getReadOffset();
        return buffer.getReadableBytes() > 3 && buffer.getByte(at) == 0x00 && buffer.getByte(at + 1) == 0x53
                && buffer.getByte(at + 2) == 0x74;
    }

    private static Map<String, Object> readStringMapKeepingTimestamps(ProtonBuffer buffer, DecoderState state) {
        int code = buffer.readByte() & 0xff;
        int count;
        if (code == 0x40) {
            return new LinkedHashMap<>();
        } else if (code == 0xc1) {
            buffer.readByte();
            count = buffer.readByte() & 0xff;
        } else if (code == 0xd1) {
            buffer.readInt();
            count = buffer.readInt();
        } else {
            throw new IllegalArgumentException("application-properties is not a map (0x" + Integer.toHexString(code)
                    + ")");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < count / 2; i++) {
            Object key = DECODER.readObject(buffer, state.reset());
            TypeDecoder<?> valueDecoder = DECODER.readNextTypeDecoder(buffer, state.reset());
            Object value = valueDecoder.readValue(buffer, state);
            if (valueDecoder instanceof TimestampTypeDecoder && value instanceof Long millis) {
                value = new Date(millis);
            }
            map.put(String.valueOf(key), value);
        }
        return map;
    }

    /** A wire timestamp (protonj2 decodes it as Long millis, or Date) as an OffsetDateTime in UTC; null stays null. */
    public static OffsetDateTime asTime(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Long millis) {
            return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return null;
    }

    private static void applyProperties(ServiceBusMessage content, Properties properties) {
        content.setMessageId(asString(properties.getMessageId()));
        content.setCorrelationId(asString(properties.getCorrelationId()));
        content.setSubject(properties.getSubject());
        content.setTo(properties.getTo());
        content.setReplyTo(properties.getReplyTo());
        content.setContentType(properties.getContentType());
        content.setReplyToSessionId(properties.getReplyToGroupId());
        String sessionId = properties.getGroupId();
        if (sessionId != null && content.getPartitionKey() != null && !sessionId.equals(content.getPartitionKey())) {
            // A broker-side inconsistency must not make a message unreadable; the session id wins.
            content.setPartitionKey(null);
        }
        content.setSessionId(sessionId);
    }

    private static byte[] envelope(ServiceBusMessage first) {
        Properties properties = new Properties();
        if (first.getMessageId() != null) {
            properties.setMessageId(first.getMessageId());
        }
        if (first.getSessionId() != null) {
            properties.setGroupId(first.getSessionId());
        }
        MessageAnnotations annotations = null;
        if (first.getPartitionKey() != null) {
            annotations = new MessageAnnotations(Map.of(PARTITION_KEY, first.getPartitionKey()));
        }
        return encodeSections(annotations, properties.isEmpty() ? null : properties);
    }

    private static int estimate(List<byte[]> encoded) {
        long total = 64;
        for (byte[] bytes : encoded) {
            total += bytes.length + 8;
        }
        return (int) Math.min(total, Integer.MAX_VALUE - 8);
    }

    private static Object toAmqp(String key, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Byte
                || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof Float || value instanceof Double || value instanceof Character
                || value instanceof UUID || value instanceof Date || value instanceof Symbol
                || value instanceof UnsignedByte || value instanceof UnsignedShort || value instanceof UnsignedInteger
                || value instanceof UnsignedLong || value instanceof Binary) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return new Binary(bytes);
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof OffsetDateTime time) {
            return Date.from(time.toInstant());
        }
        throw new IllegalArgumentException("Application property '" + key + "' has a type Service Bus cannot carry: "
                + value.getClass().getName());
    }

    private static Object fromAmqp(Object value) {
        if (value instanceof Binary binary) {
            return binary.asByteArray();
        }
        if (value instanceof Symbol symbol) {
            return symbol.toString();
        }
        if (value instanceof Date date) {
            return date.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof UnsignedInteger unsigned) {
            return unsigned.longValue();
        }
        if (value instanceof UnsignedShort unsigned) {
            return unsigned.intValue();
        }
        if (value instanceof UnsignedByte unsigned) {
            return unsigned.shortValue();
        }
        if (value instanceof UnsignedLong unsigned) {
            return unsigned.longValue();
        }
        return value;
    }

    private static byte[] valueBytes(Object value) {
        if (value instanceof Binary binary) {
            return binary.asByteArray();
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String asString(Object value) {
        return value == null ? null : value.toString();
    }

    private static long asLong(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
