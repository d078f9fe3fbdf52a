package dev.omnibus.core;

/** Entity status as the management API names it. */
public enum EntityStatus {
    ACTIVE("Active"), DISABLED("Disabled"), SEND_DISABLED("SendDisabled"), RECEIVE_DISABLED("ReceiveDisabled");

    private final String wireName;

    EntityStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean canSend() {
        return this == ACTIVE || this == RECEIVE_DISABLED;
    }

    public boolean canReceive() {
        return this == ACTIVE || this == SEND_DISABLED;
    }

    /** Parses {@code Active}, {@code SendDisabled}, ... case-insensitively. */
    public static EntityStatus parse(String name) {
        for (EntityStatus s : values()) {
            if (s.wireName.equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown entity status '" + name + "'");
    }
}
