package dev.omnibus.core;

/** A message's state as {@code x-opt-message-state} reports it. */
public enum MessageState {
    ACTIVE(0), DEFERRED(1), SCHEDULED(2);

    private final int code;

    MessageState(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    public static MessageState ofCode(int code) {
        for (MessageState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("No message state " + code);
    }
}
