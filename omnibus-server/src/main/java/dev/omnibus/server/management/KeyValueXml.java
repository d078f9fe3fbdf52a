package dev.omnibus.server.management;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.w3c.dom.Element;

/**
 * The {@code KeyValueOfstringanyType} lists of correlation-filter properties and SQL parameters. Values carry an
 * XML Schema type: {@code <Value i:type="d6p1:string" xmlns:d6p1="http://www.w3.org/2001/XMLSchema">red</Value>}.
 * The JS client reads that attribute literally as {@code i:type} and drops a four-character prefix, so this is the
 * one way it is written. Clients send other prefixes ({@code l28:double}, {@code xsi:type="d6p1:string"}); reading
 * goes by namespace.
 */
final class KeyValueXml {
    static final String PAIR = "KeyValueOfstringanyType";

    private KeyValueXml() {
    }

    static Map<String, Object> read(Element list) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (list == null) {
            return values;
        }
        for (Element pair : XmlIn.children(list, PAIR)) {
            String key = XmlIn.text(pair, "Key");
            if (key == null) {
                throw new IllegalArgumentException("A " + PAIR + " has no Key.");
            }
            Element value = XmlIn.child(pair, "Value");
            values.put(key, value == null || XmlIn.isNil(value) ? null : value(key, value));
        }
        return values;
    }

    private static Object value(String key, Element value) {
        String type = XmlIn.xsiType(value);
        String text = value.getTextContent();
        String what = "the value of '" + key + "'";
        try {
            return switch (type == null ? "string" : type.toLowerCase(Locale.ROOT)) {
                case "string", "anyuri" -> text;
                case "int", "short", "byte", "unsignedbyte", "unsignedshort" -> XmlValues.int32(what, text);
                case "long", "unsignedint", "integer" -> XmlValues.integer(what, text);
                case "double", "float", "decimal" -> Double.valueOf(text.trim());
                case "boolean" -> XmlValues.bool(what, text);
                case "datetime" -> XmlValues.instant(what, text);
                case "duration" -> XmlValues.duration(what, text);
                case "guid" -> UUID.fromString(text.trim());
                case "base64binary" -> Base64.getDecoder().decode(text.trim());
                default -> throw new IllegalArgumentException("The type '" + type + "' of " + what
                        + " is not supported.");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value '" + text + "' of '" + key + "' is not a " + type + ".");
        }
    }

    /** Writes {@code <listName>} with one pair per entry (an empty list element when there are none). */
    static void write(XmlOut out, String listName, Map<String, Object> values) {
        out.open(listName);
        values.forEach((key, value) -> {
            out.open(PAIR).element("Key", key).open("Value");
            out.attribute(AtomNs.XSI_PREFIX, AtomNs.XSI, "type", AtomNs.XSD_PREFIX + ":" + typeName(value))
                    .namespace(AtomNs.XSD_PREFIX, AtomNs.XSD);
            if (value == null) {
                out.attribute(AtomNs.XSI_PREFIX, AtomNs.XSI, "nil", "true");
            } else {
                out.text(text(value));
            }
            out.close().close();
        });
        out.close();
    }

    private static String typeName(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return "int";
        }
        if (v instanceof Long) {
            return "long";
        }
        if (v instanceof Double || v instanceof Float) {
            return "double";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Instant) {
            return "dateTime";
        }
        if (v instanceof Duration) {
            return "duration";
        }
        if (v instanceof byte[]) {
            return "base64Binary";
        }
        return "string";
    }

    private static String text(Object v) {
        if (v instanceof Instant at) {
            return XmlValues.instant(at);
        }
        if (v instanceof Duration d) {
            return XmlValues.duration(d);
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if ((v instanceof Double || v instanceof Float) && isWhole(((Number) v).doubleValue())) {
            // As .NET writes a whole double: 3, not 3.0.
            return String.valueOf((long) ((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    private static boolean isWhole(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15;
    }
}
