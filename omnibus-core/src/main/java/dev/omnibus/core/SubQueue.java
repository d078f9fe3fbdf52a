package dev.omnibus.core;

/** The message stores of a queue or subscription: the entity itself, its dead-letter and transfer dead-letter queues. */
public enum SubQueue {
    NONE(0), DEAD_LETTER(1), TRANSFER_DEAD_LETTER(2);

    private final int code;

    SubQueue(int code) {
        this.code = code;
    }

    /** Stable number used in store keys. */
    public int code() {
        return code;
    }

    public static SubQueue ofCode(int code) {
        for (SubQueue s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("No sub-queue " + code);
    }
}
