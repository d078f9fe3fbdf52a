package dev.omnibus.client.models;

/** The state of a message in its entity, from the {@code x-opt-message-state} annotation. */
public enum ServiceBusMessageState {
    /** Available for receiving (or locked by a receiver). */
    ACTIVE(0),
    /** Deferred: only {@code receiveDeferredMessages} with its sequence number gets it. */
    DEFERRED(1),
    /** Scheduled: becomes active at its scheduled enqueue time. */
    SCHEDULED(2);

    private final int value;

    ServiceBusMessageState(int value) {
        this.value = value;
    }

    /** @return the state's number on the wire */
    public int getValue() {
        return value;
    }

    /**
     * The state with the given wire number.
     *
     * @param value the number in {@code x-opt-message-state}
     * @return the state; {@link #ACTIVE} for unknown numbers
     */
    public static ServiceBusMessageState fromValue(int value) {
        for (ServiceBusMessageState state : values()) {
            if (state.value == value) {
                return state;
            }
        }
        return ACTIVE;
    }
}
