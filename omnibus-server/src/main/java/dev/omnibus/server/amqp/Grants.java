package dev.omnibus.server.amqp;

import dev.omnibus.amqp.EntityAddress;
import dev.omnibus.server.auth.AccessRight;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one connection may use: the scopes its valid {@code $cbs} tokens (or a SASL PLAIN login) covered, with the
 * rights of the policy that signed them, each until its expiry. A scope is an entity path in lower case; the empty
 * scope is the whole namespace. A scope covers itself and every path below it ({@code topic} covers
 * {@code topic/subscriptions/s}), as SAS does. Confined to the connection's event loop.
 */
final class Grants {
    private static final String NAMESPACE = "";
    private final Map<String, Map<AccessRight, Long>> scopes = new HashMap<>();

    /**
     * Grants rights on a scope until {@code expiresAt} (epoch millis; Long.MAX_VALUE for ever). A later grant can
     * extend it.
     */
    void grant(String scope, Set<AccessRight> rights, long expiresAt) {
        Map<AccessRight, Long> granted = scopes.computeIfAbsent(normalise(scope),
                s -> new EnumMap<>(AccessRight.class));
        for (AccessRight right : rights) {
            granted.merge(right, expiresAt, Math::max);
        }
    }

    void grantNamespace(Set<AccessRight> rights) {
        grant(NAMESPACE, rights, Long.MAX_VALUE);
    }

    /** Whether an unexpired grant covers the entity path with any right. */
    boolean covers(String entityPath, long now) {
        return covers(entityPath, null, now);
    }

    /** Whether an unexpired grant covers the entity path with {@code right} (null: any right). */
    boolean covers(String entityPath, AccessRight right, long now) {
        String path = normalise(entityPath);
        for (Map.Entry<String, Map<AccessRight, Long>> e : scopes.entrySet()) {
            if (within(path, e.getKey())) {
                for (Map.Entry<AccessRight, Long> r : e.getValue().entrySet()) {
                    if (r.getValue() > now && (right == null || r.getKey() == right)) {
                        return true;
                    }
                }
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
