package dev.omnibus.client.implementation.admin;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The {@code KeyValueOfstringanyType} lists of correlation-filter properties and SQL parameters. Each value carries
 * its XML Schema type, written exactly as the service writes it,
 * {@code <Value i:type="d6p1:string" xmlns:d6p1="http://www.w3.org/2001/XMLSchema">red</Value>}, and read by
 * namespace whatever the prefix.
 */
final class KeyValueXml {
    static final String PAIR = "KeyValueOfstringanyType";

    private KeyValueXml() {
    }

    /** Writes {@code <listName>} with one pair per entry; nothing when there are none. */
    static void write(XmlWriter out, String listName, Map<String, Object> values) {
        if (values.isEmpty()) {
            return;
        }
        out.open(listName);
        values.forEach((key, value) -> {
            out.open(PAIR).element("Key", key).open("Value")
                    .xsiType(AtomNs.XSD_PREFIX + ":" + typeName(value))
                    .namespace(AtomNs.XSD_PREFIX, AtomNs.XSD);
            if (value == null) {
                out.attributeNil();
            } else {
                out.text(text(value));
            }
            out.close().close();
        });
        out.close();
    }

    static Map<String, Object> read(Element list) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (list == null) {
            return values;
        }
        for (Element pair : XmlReader.children(list, AtomNs.SB, PAIR)) {
            String key = XmlReader.text(pair, "Key");
            if (key == null) {
                throw new IllegalArgumentException("The service sent a " + PAIR + " without a Key");
            }
            Element value = XmlReader.child(pair, "Value");
            values.put(key, value == null || XmlReader.isNil(value) ? null : value(key, value));
        }
        return values;
    }

    private static Object value(String key, Element value) {
        String type = XmlReader.xsiType(value);
        String text = value.getTextContent();
        String what = "the value of '" + key + "'";
        try {
            return switch (type == null ? "string" : type.toLowerCase(Locale.ROOT)) {
                case "int", "short", "byte", "unsignedbyte", "unsignedshort" -> Integer.valueOf(text.strip());
                case "long", "unsignedint", "integer" -> Long.valueOf(text.strip());
                case "double", "float", "decimal" -> Double.valueOf(text.strip());
                case "boolean" -> XmlValues.bool(what, text);
                case "datetime" -> XmlValues.dateTime(what, text);
                case "duration" -> XmlValues.duration(what, text);
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The service sent '" + text + "' as " + what + ", not a " + type, e);
        }
    }

    private static String typeName(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return "int";
        }
        if (v instanceof Long) {
            return "long";
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return "double";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof OffsetDateTime || v instanceof Instant) {
            return "dateTime";
        }
        if (v instanceof Duration) {
            return "duration";
        }
        return "string";
    }

    private static String text(Object v) {
        if (v instanceof OffsetDateTime at) {
            return XmlValues.dateTime(at);
        }
        if (v instanceof Instant at) {
            return XmlValues.dateTime(at.atOffset(ZoneOffset.UTC));
        }
        if (v instanceof Duration d) {
            return XmlValues.duration(d);
        }
        return String.valueOf(v);
    }
}
