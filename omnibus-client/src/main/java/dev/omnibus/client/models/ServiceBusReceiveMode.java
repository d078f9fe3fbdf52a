package dev.omnibus.client.models;

/** How a receiver takes messages from the entity. */
public enum ServiceBusReceiveMode {
    /**
     * The message is locked for the receiver, which settles it: complete, abandon, defer or dead-letter. If the lock
     * expires first, the message is delivered again. At-least-once.
     */
    PEEK_LOCK,
    /** The message is removed from the entity as it is delivered; it cannot be settled. At-most-once. */
    RECEIVE_AND_DELETE
}
