package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Properties;

/**
 * A request to the {@code $cbs} or a {@code $management} node, and the response built for it. The response's
 * {@code correlation-id} is the request's {@code message-id} object itself, so its AMQP type (ulong, string, uuid,
 * binary) is preserved: the SDKs match on it.
 *
 * @param messageId the request's message-id as decoded (UnsignedLong, String, UUID or Binary)
 * @param replyTo where the client wants the response, or null
 * @param applicationProperties the request's application properties, keys as text
 * @param body the value of the amqp-value body, or null
 */
record NodeRequest(Object messageId, String replyTo, Map<String, Object> applicationProperties, Object body) {

    /** Decodes a request message. */
    static NodeRequest decode(byte[] payload) {
        Object messageId = null;
        String replyTo = null;
        Map<String, Object> props = new LinkedHashMap<>();
        Object body = null;
        for (Object section : ProtonCodec.decodeAll(payload)) {
            if (section instanceof Properties p) {
                messageId = p.getMessageId();
                replyTo = p.getReplyTo();
            } else if (section instanceof ApplicationProperties a && a.getValue() != null) {
                a.getValue().forEach((k, v) -> props.put(String.valueOf(k), v));
            } else if (section instanceof AmqpValue<?> v) {
                body = v.getValue();
            }
        }
        return new NodeRequest(messageId, replyTo, props, body);
    }

    /** The application property as text (strings and symbols). */
    String property(String key) {
        Object v = applicationProperties.get(key);
        return v == null ? null : v.toString();
    }

    /** The body as a map, or an empty map. */
    Map<?, ?> bodyMap() {
        return body instanceof Map<?, ?> m ? m : Map.of();
    }

    /**
     * Encodes a response.
     *
     * @param properties application properties (status code, description, condition)
     * @param responseBody the amqp-value body, or null for none
     */
    byte[] response(Map<String, Object> properties, Object responseBody) {
        Properties p = new Properties();
        p.setCorrelationId(messageId);
        AmqpSink out = ProtonCodec.encode(new AmqpSink(256), p);
        out.sectionDescriptor(RawAmqp.APPLICATION_PROPERTIES).value(properties);
        if (responseBody != null) {
            out.sectionDescriptor(RawAmqp.AMQP_VALUE).value(responseBody);
        }
        return out.toByteArray();
    }

    /** A {@code $management} response: statusCode (int), statusDescription, and errorCondition (symbol) on failure. */
    byte[] managementResponse(int statusCode, String description, String errorCondition, Object responseBody) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ServiceBusNames.STATUS_CODE, statusCode);
        props.put(ServiceBusNames.STATUS_DESCRIPTION, description);
        if (errorCondition != null) {
            props.put(ServiceBusNames.ERROR_CONDITION, Symbol.valueOf(errorCondition));
        }
        return response(props, responseBody);
    }
}
