package dev.omnibus.core.filter;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link Filterable} built by hand for tests: system values by enum, user properties in a plain map. */
final class TestMessage implements Filterable {
    private final Map<SystemProperty, Object> system = new EnumMap<>(SystemProperty.class);
    private final Map<String, Object> user = new LinkedHashMap<>();

    static TestMessage message() {
        return new TestMessage();
    }

    TestMessage sys(SystemProperty p, Object value) {
        system.put(p, value);
        return this;
    }

    TestMessage with(String name, Object value) {
        user.put(name, value);
        return this;
    }

    Map<String, Object> userProperties() {
        return user;
    }

    @Override
    public Object systemProperty(SystemProperty property) {
        return system.get(property);
    }

    @Override
    public Object userProperty(String name) {
        return PropertyMaps.get(user, name);
    }

    @Override
    public boolean hasUserProperty(String name) {
        return PropertyMaps.contains(user, name);
    }

    @Override
    public String toString() {
        return "TestMessage[sys=" + system + ", user=" + user + "]";
    }
}
