package dev.omnibus.client.models;

/** Which message store of a queue or subscription a receiver reads. */
public enum SubQueue {
    /** The entity itself. */
    NONE,
    /** The dead-letter queue, {@code <entity>/$DeadLetterQueue}. */
    DEAD_LETTER,
    /** The transfer dead-letter queue, {@code <entity>/$Transfer/$DeadLetterQueue}. */
    TRANSFER_DEAD_LETTER
}
