package dev.omnibus.server.amqp;

import dev.omnibus.amqp.EntityAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one connection may use: the scopes its valid {@code $cbs} tokens (or a SASL PLAIN login) covered, each
 * until its expiry. A scope is an entity path in lower case; the empty scope is the whole namespace. A scope covers
 * itself and every path below it ({@code topic} covers {@code topic/subscriptions/s}), as SAS does. Confined to the
 * connection's event loop.
 */
final class Grants {
    private static final String NAMESPACE = "";
    private final Map<String, Long> scopes = new HashMap<>();

    /** Grants a scope until {@code expiresAt} (epoch millis; Long.MAX_VALUE for ever). A later grant can extend it. */
    void grant(String scope, long expiresAt) {
        scopes.merge(normalise(scope), expiresAt, Math::max);
    }

    void grantNamespace() {
        grant(NAMESPACE, Long.MAX_VALUE);
    }

    /** Whether an unexpired grant covers the entity path. */
    boolean covers(String entityPath, long now) {
        String path = normalise(entityPath);
        for (Map.Entry<String, Long> e : scopes.entrySet()) {
            if (e.getValue() > now && within(path, e.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code path} is {@code scope} or below it. */
    static boolean within(String path, String scope) {
        return scope.isEmpty() || path.equals(scope) || path.startsWith(scope + "/");
    }

    /** The scope an audience or entity address names: its entity path, lower case (sub-queues and nodes stripped). */
    static String normalise(String address) {
        return EntityAddress.parse(address).entityPath().toLowerCase(Locale.ROOT);
    }
}
