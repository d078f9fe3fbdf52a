package dev.omnibus.server.auth;

import dev.omnibus.amqp.SasToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared access policies of a server: they apply to every namespace it serves. Checks SAS tokens and SASL PLAIN
 * logins against them and tells which policy signed. Immutable, so shareable between threads.
 */
public final class AccessPolicies {
    private final Map<String, AccessPolicy> byName;

    private AccessPolicies(Map<String, AccessPolicy> byName) {
        this.byName = byName;
    }

    /**
     * The root policy (it gets the Manage right whatever it says) and the others.
     *
     * @throws IllegalArgumentException when two policies share a name
     */
    public static AccessPolicies of(String rootName, String rootKey, List<AccessPolicy> others) {
        Map<String, AccessPolicy> map = new LinkedHashMap<>();
        map.put(rootName, AccessPolicy.manage(rootName, rootKey));
        for (AccessPolicy p : others) {
            if (map.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("two shared access policies are named '" + p.name() + "'");
            }
        }
        return new AccessPolicies(map);
    }

    public List<AccessPolicy> all() {
        return new ArrayList<>(byName.values());
    }

    /**
     * A token's check: the policy that signed it and the token, or why it is refused.
     *
     * @param policy null when refused
     * @param token null when refused
     * @param refusal null when valid
     */
    public record Check(AccessPolicy policy, SasToken token, String refusal) {
        static Check refused(String why) {
            return new Check(null, null, why);
        }

        public boolean valid() {
            return refusal == null;
        }
    }

    /** Checks a {@code SharedAccessSignature ...} token: known key name, good signature, not expired at {@code now}. */
    public Check verify(String text, long nowMillis) {
        SasToken sas;
        try {
            sas = SasToken.parse(text.trim());
        } catch (IllegalArgumentException e) {
            return Check.refused("Malformed token: " + e.getMessage());
        }
        AccessPolicy policy = byName.get(sas.keyName());
        if (policy == null) {
            return Check.refused("The key name '" + sas.keyName() + "' is not known.");
        }
        if (!sas.isSignedWith(policy.key())) {
            return Check.refused("The token signature is not valid.");
        }
        if (sas.expiresAt().toEpochMilli() <= nowMillis) {
            return Check.refused("The token has expired.");
        }
        return new Check(policy, sas, null);
    }

    /** The policy a SASL PLAIN login names with its key as password, or null. */
    public AccessPolicy login(String name, String password) {
        AccessPolicy policy = byName.get(name);
        if (policy == null || !MessageDigest.isEqual(policy.key().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return policy;
    }

    /** Service Bus's wording when a token lacks a right: {@code 'Send' claim(s) are required to perform ...}. */
    public static String missingClaim(AccessRight right) {
        return "'" + right.claim() + "' claim(s) are required to perform this operation.";
    }
}
