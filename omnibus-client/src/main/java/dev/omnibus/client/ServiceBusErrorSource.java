package dev.omnibus.client;

/** Where a processor error came from. */
public enum ServiceBusErrorSource {
    /** Receiving (including connection loss and reconnecting). */
    RECEIVE,
    /** Completing a message. */
    COMPLETE,
    /** Abandoning a message. */
    ABANDON,
    /** Renewing a message's lock, or a session's. */
    RENEW_LOCK,
    /** Locking the next session (a session processor); a session lost while it was processed is {@link #RECEIVE}. */
    ACCEPT_SESSION,
    /** The message handler threw. */
    USER_CALLBACK
}
