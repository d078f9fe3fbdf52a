package dev.omnibus.server.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A namespace-level shared access policy: a key name, its key, and the rights tokens signed with it carry. Manage
 * implies Send and Listen, as on Azure, so a Manage policy's {@link #rights()} always holds all three.
 *
 * @param name the key name clients put in {@code SharedAccessKeyName}
 * @param key the key tokens are signed with
 * @param rights what the policy allows; never empty
 */
public record AccessPolicy(String name, String key, Set<AccessRight> rights) {
    public AccessPolicy {
        if (name == null || name.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("a policy needs a name and a key");
        }
        Objects.requireNonNull(rights, "rights");
        if (rights.isEmpty()) {
            throw new IllegalArgumentException("the policy '" + name + "' needs at least one right");
        }
        EnumSet<AccessRight> all = EnumSet.copyOf(rights);
        if (all.contains(AccessRight.MANAGE)) {
            all.add(AccessRight.SEND);
            all.add(AccessRight.LISTEN);
        }
        rights = Collections.unmodifiableSet(all); // an EnumSet: listed in Manage, Send, Listen order
    }

    /** A policy with every right, like {@code RootManageSharedAccessKey}. */
    public static AccessPolicy manage(String name, String key) {
        return new AccessPolicy(name, key, Set.of(AccessRight.MANAGE));
    }

    /**
     * Reads {@code NAME=KEY:RIGHTS}, rights separated by commas ({@code sender=s3cr3t:Send},
     * {@code app=c2VjcmV0=:Send,Listen}). The name ends at the first {@code =} and the rights start after the last
     * {@code :}, so a base64 key (which may end in {@code =} and never holds {@code :}) needs no quoting.
     */
    public static AccessPolicy parse(String spec) {
        int eq = spec.indexOf('=');
        int colon = spec.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("'" + spec + "' is not a policy: use NAME=KEY:RIGHTS, rights from "
                    + "Manage, Send, Listen separated by commas (e.g. sender=s3cr3t:Send)");
        }
        EnumSet<AccessRight> rights = EnumSet.noneOf(AccessRight.class);
        for (String right : spec.substring(colon + 1).split(",", -1)) {
            rights.add(AccessRight.parse(right));
        }
        return new AccessPolicy(spec.substring(0, eq).trim(), spec.substring(eq + 1, colon), rights);
    }

    public boolean has(AccessRight right) {
        return rights.contains(right);
    }

    /** Without the key, which must not reach logs. */
    @Override
    public String toString() {
        return "AccessPolicy[" + name + " " + rights + "]";
    }
}
