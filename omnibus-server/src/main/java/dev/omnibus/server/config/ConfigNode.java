package dev.omnibus.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON value together with its path from the document root. Every typed read fails with a {@link ConfigException}
 * naming that path, so the loader never has to build error messages itself.
 */
final class ConfigNode {
    private final String path;
    private final JsonNode node;

    ConfigNode(String path, JsonNode node) {
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    /** A member of this object, or empty when absent or JSON null. */
    Optional<ConfigNode> optional(String name) {
        requireObject();
        JsonNode child = node.get(name);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(child(name, child));
    }

    ConfigNode required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(childPath(name), "is required"));
    }

    /** The elements of this array; an absent member reads as an empty list. */
    List<ConfigNode> elements() {
        if (!node.isArray()) {
            throw fail("expected an array, found " + describe(node));
        }
        List<ConfigNode> all = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            all.add(new ConfigNode(path + "[" + i + "]", node.get(i)));
        }
        return all;
    }

    List<ConfigNode> array(String name) {
        return optional(name).map(ConfigNode::elements).orElse(List.of());
    }

    /** Refuses members outside {@code known}; a near miss in letter case is pointed out, it is the usual typo. */
    ConfigNode onlyFields(Set<String> known) {
        requireObject();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                String hint = known.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("; expected one of " + String.join(", ", known.stream().sorted().toList()));
                throw new ConfigException(childPath(name), "unknown property" + hint);
            }
        }
        return this;
    }

    /** The names of this object's members, in document order. */
    List<String> fieldNames() {
        requireObject();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    String text() {
        if (!node.isTextual()) {
            throw fail("expected a string, found " + describe(node));
        }
        return node.textValue();
    }

    /**
     * A JSON scalar as the value of a message property: a string, a boolean, a whole number as a long (the type of
     * SQL integer literals), or any other number as a double.
     */
    Object scalar() {
        if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        } else if (node.isNumber()) {
            return node.doubleValue();
        }
        throw fail("expected a string, number or boolean, found " + describe(node));
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw fail("expected true or false, found " + describe(node));
        }
        return node.booleanValue();
    }

    long integer(long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw fail("expected a whole number, found " + describe(node));
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw fail("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** An ISO-8601 duration such as {@code PT1H} or {@code P14D}, as the emulator's schema uses. */
    Duration duration() {
        String text = text();
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw fail("'" + text + "' is not an ISO-8601 duration such as PT30S, PT5M, PT1H or P1D");
        }
    }

    ConfigException fail(String problem) {
        return new ConfigException(path, problem);
    }

    private ConfigNode child(String name, JsonNode child) {
        return new ConfigNode(childPath(name), child);
    }

    private String childPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void requireObject() {
        if (!node.isObject()) {
            throw fail("expected an object, found " + describe(node));
        }
    }

    private static String describe(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "the string \"" + n.textValue() + "\"";
            case NUMBER -> "the number " + n.asText();
            case BOOLEAN -> n.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
