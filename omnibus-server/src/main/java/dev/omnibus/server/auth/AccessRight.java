package dev.omnibus.server.auth;

import java.util.Locale;

/** A right a shared access policy grants, as Service Bus names its claims. */
public enum AccessRight {
    MANAGE("Manage"),
    SEND("Send"),
    LISTEN("Listen");

    private final String claim;

    AccessRight(String claim) {
        this.claim = claim;
    }

    /** The claim's name as Service Bus writes it: {@code Manage}, {@code Send}, {@code Listen}. */
    public String claim() {
        return claim;
    }

    /** A right by its claim name, in any case. */
    public static AccessRight parse(String text) {
        String t = text.trim();
        for (AccessRight r : values()) {
            if (r.claim.equalsIgnoreCase(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown right '" + text + "' (use Manage, Send or Listen)");
    }

    @Override
    public String toString() {
        return claim.toLowerCase(Locale.ROOT);
    }
}
