package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.IncomingMessage;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.types.Binary;

/**
 * Reads values out of a {@code $management} request body leniently: each SDK encodes numbers with its own width and
 * sequences as arrays or lists, so any integer type and any sequence type is accepted. A missing or malformed
 * required value fails the request with an argument error.
 */
final class RequestValues {
    private RequestValues() {
    }

    static Number number(Map<?, ?> body, String key, long defaultValue) {
        Object v = body.get(key);
        if (v == null) {
            return defaultValue;
        } else if (v instanceof Number n) {
            return n;
        }
        throw invalid(key, v);
    }

    static String text(Map<?, ?> body, String key) {
        Object v = body.get(key);
        return v == null ? null : v.toString();
    }

    static Instant instant(Map<?, ?> body, String key) {
        Object v = body.get(key);
        if (v instanceof Long millis) {
            return Instant.ofEpochMilli(millis);
        } else if (v instanceof Date d) {
            return d.toInstant();
        }
        throw invalid(key, v);
    }

    static long[] longs(Map<?, ?> body, String key) {
        Object v = body.get(key);
        if (v instanceof long[] a) {
            return a;
        }
        List<?> items = list(body, key);
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(items.get(i) instanceof Number n)) {
                throw invalid(key, v);
            }
            out[i] = n.longValue();
        }
        return out;
    }

    static UUID[] uuids(Map<?, ?> body, String key) {
        List<?> items = list(body, key);
        UUID[] out = new UUID[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object item = items.get(i);
            if (item instanceof UUID u) {
                out[i] = u;
            } else if (item instanceof String s) {
                out[i] = UUID.fromString(s);
            } else {
                throw invalid(key, item);
            }
        }
        return out;
    }

    /** A sequence value (array or list) as a list; primitive long arrays are boxed. */
    static List<?> list(Map<?, ?> body, String key) {
        Object v = body.get(key);
        if (v instanceof Object[] a) {
            return List.of(a);
        } else if (v instanceof long[] a) {
            return java.util.Arrays.stream(a).boxed().toList();
        } else if (v instanceof List<?> l) {
            return l;
        } else if (v instanceof Collection<?> c) {
            return List.copyOf(c);
        }
        throw invalid(key, v);
    }

    static IncomingMessage decodeMessage(Binary encoded) {
        byte[] bytes = encoded.asByteArray();
        try {
            return MessageReader.read(bytes == null ? new byte[0] : bytes);
        } catch (IllegalArgumentException e) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "A message could not be decoded: " + e.getMessage());
        }
    }

    private static BrokerException invalid(String key, Object v) {
        return new BrokerException(ServiceBusError.ARGUMENT_ERROR, v == null
                ? "The request body has no '" + key + "'."
                : "The request body value '" + key + "' has an unexpected type " + v.getClass().getSimpleName() + ".");
    }
}
