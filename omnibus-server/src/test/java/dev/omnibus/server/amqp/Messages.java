package dev.omnibus.server.amqp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.protonj2.types.Binary;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Data;
import org.apache.qpid.protonj2.types.messaging.Header;
import org.apache.qpid.protonj2.types.messaging.MessageAnnotations;
import org.apache.qpid.protonj2.types.messaging.Properties;

/** Encoded test messages. */
final class Messages {
    private Messages() {
    }

    /** A message with a data body, a message id and optional application properties. */
    static byte[] message(String body, String messageId, Map<String, Object> appProps) {
        return ProtonCodec.encode(new Header().setDurable(true),
                new MessageAnnotations(Map.of(Symbol.valueOf("x-custom"), "kept")),
                new Properties().setMessageId(messageId),
                new ApplicationProperties(appProps == null ? Map.of() : new LinkedHashMap<>(appProps)),
                new Data(new Binary(body.getBytes(StandardCharsets.UTF_8))));
    }

    static byte[] message(String body) {
        return message(body, null, null);
    }

    /** A message with the given properties section (group-id = session, subject, content-type ...). */
    static byte[] withProperties(String body, Properties properties, Map<String, Object> appProps) {
        return ProtonCodec.encode(new Header().setDurable(true), properties,
                new ApplicationProperties(appProps == null ? Map.of() : new LinkedHashMap<>(appProps)),
                new Data(new Binary(body.getBytes(StandardCharsets.UTF_8))));
    }

    /** A message of a session (group-id). */
    static byte[] sessionMessage(String body, String sessionId) {
        return withProperties(body, new Properties().setMessageId(body).setGroupId(sessionId), null);
    }

    /** The properties section of an encoded message, or null. */
    static Properties properties(byte[] message) {
        for (RawAmqp.Section s : RawAmqp.sections(message)) {
            if (s.code() == RawAmqp.PROPERTIES) {
                return (Properties) ProtonCodec.decode(message, s.start(), s.end());
            }
        }
        return null;
    }

    /** The application properties as JDK values ({@link MessageReader#applicationProperties}); empty when none. */
    static Map<String, Object> applicationProperties(byte[] message) {
        for (RawAmqp.Section s : RawAmqp.sections(message)) {
            if (s.code() == RawAmqp.APPLICATION_PROPERTIES) {
                return MessageReader.applicationProperties(message, s.valueStart());
            }
        }
        return Map.of();
    }

    /** A batch transfer payload: one data section per encoded message. */
    static byte[] batch(byte[]... messages) {
        Object[] sections = new Object[messages.length];
        for (int i = 0; i < messages.length; i++) {
            sections[i] = new Data(new Binary(messages[i]));
        }
        return ProtonCodec.encode(sections);
    }

    /** The body of an encoded message (its first data section) as text. */
    static String body(byte[] message) {
        for (RawAmqp.Section s : RawAmqp.sections(message)) {
            if (s.code() == RawAmqp.DATA) {
                return new String(RawAmqp.binary(message, s.valueStart()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The value of a message annotation, as {@link RawAmqp#scalar} reads it (keeps timestamps as Instant). */
    static Object annotation(byte[] message, String key) {
        return entry(message, RawAmqp.MESSAGE_ANNOTATIONS, key);
    }

    static Object applicationProperty(byte[] message, String key) {
        return entry(message, RawAmqp.APPLICATION_PROPERTIES, key);
    }

    static Object deliveryAnnotation(byte[] message, String key) {
        return entry(message, RawAmqp.DELIVERY_ANNOTATIONS, key);
    }

    private static Object entry(byte[] message, int section, String key) {
        for (RawAmqp.Section s : RawAmqp.sections(message)) {
            if (s.code() == section) {
                for (RawAmqp.Entry e : RawAmqp.mapEntries(message, s.valueStart())) {
                    if (key.equals(e.key())) {
                        return RawAmqp.scalar(message, e.valueStart());
                    }
                }
            }
        }
        return null;
    }

    static Header header(byte[] message) {
        for (RawAmqp.Section s : RawAmqp.sections(message)) {
            if (s.code() == RawAmqp.HEADER) {
                return (Header) ProtonCodec.decode(message, s.start(), s.end());
            }
        }
        return null;
    }
}
