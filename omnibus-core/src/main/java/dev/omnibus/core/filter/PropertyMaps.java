package dev.omnibus.core.filter;

import java.util.Map;

/**
 * Case-insensitive lookups in property maps. Service Bus property names are case-insensitive, but messages almost
 * always use the spelling the filter uses, so the exact key is tried first and the scan only runs on a miss.
 */
final class PropertyMaps {
    private PropertyMaps() {
    }

    /** The key of {@code map} equal to {@code name} ignoring case (the exact one preferred), or null. */
    static String findKey(Map<String, ?> map, String name) {
        if (map.containsKey(name)) {
            return name;
        }
        if (map.isEmpty()) {
            return null;
        }
        for (String key : map.keySet()) {
            if (key != null && key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    /** The value for {@code name} ignoring case, or null when absent or null. */
    static Object get(Map<String, ?> map, String name) {
        Object v = map.get(name);
        if (v != null) {
            return v;
        }
        String key = findKey(map, name);
        return key == null ? null : map.get(key);
    }

    static boolean contains(Map<String, ?> map, String name) {
        return findKey(map, name) != null;
    }
}
