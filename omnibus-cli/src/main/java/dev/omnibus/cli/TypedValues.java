package dev.omnibus.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code key=value} pairs for application properties, correlation-filter properties and SQL parameters. The value's
 * type is inferred ({@code 42} a long, {@code 1.5} a double, {@code true} a boolean, anything else a string) unless
 * the key names it: {@code key:string=42}, {@code key:int=42}, {@code key:long=}, {@code key:double=},
 * {@code key:bool=}.
 */
final class TypedValues {
    private TypedValues() {
    }

    static Map<String, Object> parse(List<String> pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (pairs != null) {
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new CommandLine.TypeConversionException("'" + pair + "' is not key=value");
                }
                String key = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1);
                int colon = key.lastIndexOf(':');
                if (colon > 0) {
                    values.put(key.substring(0, colon), typed(key.substring(colon + 1), value, pair));
                } else {
                    values.put(key, inferred(value));
                }
            }
        }
        return values;
    }

    private static Object typed(String type, String value, String pair) {
        try {
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "string", "str" -> value;
                case "int" -> Integer.valueOf(value.strip());
                case "long" -> Long.valueOf(value.strip());
                case "double" -> Double.valueOf(value.strip());
                case "bool", "boolean" -> bool(value, pair);
                default -> throw new CommandLine.TypeConversionException("'" + pair + "': unknown type '" + type
                        + "'; use string, int, long, double or bool");
            };
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + pair + "': '" + value + "' is not a " + type);
        }
    }

    private static Object inferred(String value) {
        String text = value.strip();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.valueOf(text);
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(text);
        }
        return value;
    }

    private static boolean bool(String value, String pair) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new CommandLine.TypeConversionException("'" + pair + "': '" + value + "' is not true or false");
    }
}
