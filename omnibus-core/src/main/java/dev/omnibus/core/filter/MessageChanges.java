package dev.omnibus.core.filter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The changes a rule action makes to the copy of a message that a subscription receives, layered over the
 * original. It is itself a {@link Filterable} that answers with the changes applied, so later statements of an
 * action see the effect of earlier ones, and so does anything that reads the copy afterwards.
 *
 * <p>The broker applies the result to its copy: {@link #applyToUserProperties(Map)} for the application properties,
 * {@link #systemPropertiesSet()} for the system properties (a null value clears one). Service Bus ignores a changed
 * {@code ScheduledEnqueueTimeUtc} on a subscription and does not re-run duplicate detection for a changed
 * {@code MessageId} (doc "Topic filters and actions"); those decisions are the broker's.
 *
 * <p>Names are case-insensitive, as in filters: {@code SET Color = 'red'} replaces an existing {@code color}.
 * Not thread-safe: one instance belongs to one message being routed.
 */
public final class MessageChanges implements Filterable {
    /** Marks a removed user property in {@link #user}. */
    private static final Object REMOVED = new Object();

    private final Filterable original;
    /** Changed user properties by name, in the order first changed; a value may be null or {@link #REMOVED}. */
    private final Map<String, Object> user = new LinkedHashMap<>();
    private final Map<SystemProperty, Object> system = new EnumMap<>(SystemProperty.class);

    /**
     * Starts an empty set of changes over a message.
     *
     * @param original the message as it arrived
     */
    public MessageChanges(Filterable original) {
        this.original = Objects.requireNonNull(original, "original");
    }

    /** The message the changes apply to. */
    public Filterable original() {
        return original;
    }

    /**
     * Sets (adds or replaces) an application property.
     *
     * @param name the property name
     * @param value the new value (null is a value: the property then exists with a null value)
     * @throws IllegalArgumentException when the value is of a type a message property cannot hold
     */
    public void setUserProperty(String name, Object value) {
        put(name, SqlValues.normalize(value));
    }

    /** Records a value an action computed; it came from the message or the language, so it is not re-checked. */
    void put(String name, Object value) {
        user.put(keyFor(name), value);
    }

    /**
     * Removes an application property (nothing happens to the copy if it did not have it).
     *
     * @param name the property name
     */
    public void removeUserProperty(String name) {
        user.put(keyFor(name), REMOVED);
    }

    /**
     * Sets a system property; null clears it.
     *
     * @param property a property with {@link SystemProperty#isSettable()}
     * @param value the new value, of the property's type (strings also accept characters and GUIDs)
     * @throws IllegalArgumentException when the property is read-only or the value has the wrong type
     */
    public void setSystemProperty(SystemProperty property, Object value) {
        Objects.requireNonNull(property, "property");
        if (!property.isSettable()) {
            throw new IllegalArgumentException(property + " is read-only");
        }
        system.put(property, property.coerce(value));
    }

    /** Application properties set, by name as the action wrote it, in order; values may be null. */
    public Map<String, Object> userPropertiesSet() {
        Map<String, Object> set = new LinkedHashMap<>();
        user.forEach((k, v) -> {
            if (v != REMOVED) {
                set.put(k, v);
            }
        });
        return Collections.unmodifiableMap(set);
    }

    /** Application properties removed, by name as the action wrote it. */
    public Set<String> userPropertiesRemoved() {
        Set<String> removed = new LinkedHashSet<>();
        user.forEach((k, v) -> {
            if (v == REMOVED) {
                removed.add(k);
            }
        });
        return Collections.unmodifiableSet(removed);
    }

    /** System properties set; a null value means the property is cleared. */
    public Map<SystemProperty, Object> systemPropertiesSet() {
        return Collections.unmodifiableMap(system);
    }

    /** Whether nothing was changed. */
    public boolean isEmpty() {
        return user.isEmpty() && system.isEmpty();
    }

    /**
     * The application properties of the copy: {@code properties} with these changes applied. A change replaces an
     * existing property whose name differs only in case, keeping the existing spelling.
     *
     * @param properties the original application properties (not modified)
     * @return a new map
     */
    public Map<String, Object> applyToUserProperties(Map<String, Object> properties) {
        Map<String, Object> result = new LinkedHashMap<>(properties);
        user.forEach((name, value) -> {
            String existing = PropertyMaps.findKey(result, name);
            String key = existing != null ? existing : name;
            if (value == REMOVED) {
                result.remove(key);
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    @Override
    public Object systemProperty(SystemProperty property) {
        return system.containsKey(property) ? system.get(property) : original.systemProperty(property);
    }

    @Override
    public Object userProperty(String name) {
        String key = PropertyMaps.findKey(user, name);
        if (key == null) {
            return original.userProperty(name);
        }
        Object v = user.get(key);
        return v == REMOVED ? null : v;
    }

    @Override
    public boolean hasUserProperty(String name) {
        String key = PropertyMaps.findKey(user, name);
        return key == null ? original.hasUserProperty(name) : user.get(key) != REMOVED;
    }

    /** The key under which a change to {@code name} is recorded: an earlier change's spelling wins. */
    private String keyFor(String name) {
        Objects.requireNonNull(name, "name");
        String existing = PropertyMaps.findKey(user, name);
        return existing != null ? existing : name;
    }

    @Override
    public String toString() {
        return "MessageChanges[set=" + userPropertiesSet() + ", removed=" + userPropertiesRemoved() + ", system="
                + system + "]";
    }
}
