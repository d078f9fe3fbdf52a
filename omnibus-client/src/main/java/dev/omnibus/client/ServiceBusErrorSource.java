package dev.omnibus.client;

/** Where a processor error came from. */
public enum ServiceBusErrorSource {
    /** Receiving (including connection loss and reconnecting). */
    RECEIVE,
    /** Completing a message. */
    COMPLETE,
    /** Abandoning a message. */
    ABANDON,
    /** Renewing a message's lock. */
    RENEW_LOCK,
    /** The message handler threw. */
    USER_CALLBACK
}
