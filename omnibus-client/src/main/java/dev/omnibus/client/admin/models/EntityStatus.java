package dev.omnibus.client.admin.models;

import java.util.Locale;

/**
 * The status of a queue, topic or subscription. Only {@link #ACTIVE}, {@link #DISABLED}, {@link #SEND_DISABLED} and
 * {@link #RECEIVE_DISABLED} can be set; the others are reported by the service while it works on an entity.
 */
public enum EntityStatus {
    /** Sending and receiving work. */
    ACTIVE("Active"),
    /** Neither sending nor receiving works. */
    DISABLED("Disabled"),
    /** Receiving works, sending does not. */
    SEND_DISABLED("SendDisabled"),
    /** Sending works, receiving does not. */
    RECEIVE_DISABLED("ReceiveDisabled"),
    /** The service is creating the entity. */
    CREATING("Creating"),
    /** The service is deleting the entity. */
    DELETING("Deleting"),
    /** The service is renaming the entity. */
    RENAMING("Renaming"),
    /** The service is restoring the entity. */
    RESTORING("Restoring"),
    /** A status this client does not know. */
    UNKNOWN("Unknown");

    private final String wireName;

    EntityStatus(String wireName) {
        this.wireName = wireName;
    }

    /** @return the status as the management API writes it, e.g. {@code SendDisabled} */
    public String getWireName() {
        return wireName;
    }

    /**
     * The status with that name, as the API writes it ({@code SendDisabled}) or as this enum does
     * ({@code SEND_DISABLED}), in any case.
     *
     * @param name the name
     * @return the status; {@link #UNKNOWN} for a name this client does not know
     * @throws NullPointerException if {@code name} is null
     */
    public static EntityStatus fromString(String name) {
        String wanted = name.strip().replace("_", "").toLowerCase(Locale.ROOT);
        for (EntityStatus status : values()) {
            if (status.wireName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return status;
            }
        }
        return UNKNOWN;
    }

    /** @return the wire name */
    @Override
    public String toString() {
        return wireName;
    }
}
