package dev.omnibus.amqp;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Service Bus connection string: {@code Endpoint=sb://host[:port]/;SharedAccessKeyName=...;SharedAccessKey=...}
 * or {@code ...;SharedAccessSignature=...}, optionally {@code EntityPath} and {@code UseDevelopmentEmulator}.
 * Key names are case-insensitive, as in the official SDKs.
 */
public record ConnectionString(String host, int port, String sharedAccessKeyName, String sharedAccessKey,
                               String sharedAccessSignature, String entityPath, boolean developmentEmulator) {

    /** Port used when the endpoint names none: 5672 for the emulator (plain AMQP), else 5671 (AMQP over TLS). */
    public int effectivePort() {
        return port > 0 ? port : developmentEmulator ? 5672 : 5671;
    }

    /** The namespace endpoint as the SDKs build audiences from it, {@code sb://host/}. */
    public String endpoint() {
        return "sb://" + host + "/";
    }

    /** Parses a connection string; throws {@link IllegalArgumentException} naming what is wrong. */
    public static ConnectionString parse(String text) {
        Objects.requireNonNull(text, "connection string");
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Connection string part is not key=value: '" + trimmed + "'");
            }
            String key = trimmed.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            parts.put(key, trimmed.substring(eq + 1).trim());
        }
        String endpoint = parts.get("endpoint");
        if (endpoint == null || endpoint.isEmpty()) {
            throw new IllegalArgumentException("Connection string has no Endpoint");
        }
        URI uri;
        try {
            uri = URI.create(endpoint.contains("://") ? endpoint : "sb://" + endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Endpoint is not a URI: '" + endpoint + "'", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Endpoint has no host: '" + endpoint + "'");
        }
        String keyName = parts.get("sharedaccesskeyname");
        String key = parts.get("sharedaccesskey");
        String signature = parts.get("sharedaccesssignature");
        if (signature == null && (keyName == null || key == null)) {
            throw new IllegalArgumentException(
                    "Connection string needs SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature");
        }
        boolean emulator = Boolean.parseBoolean(parts.getOrDefault("usedevelopmentemulator", "false"));
        return new ConnectionString(uri.getHost(), uri.getPort(), keyName, key, signature,
                parts.get("entitypath"), emulator);
    }

    /** The emulator-style connection string for a local broker. {@code true} is lowercase: the JS SDK needs it. */
    public static String forEmulator(String host, int port, String keyName, String key) {
        return "Endpoint=sb://" + host + ":" + port + ";SharedAccessKeyName=" + keyName
                + ";SharedAccessKey=" + key + ";UseDevelopmentEmulator=true";
    }
}
