package dev.omnibus.core;

/**
 * A receiver holding the lock of one session: it gets that session's messages, in order, and nobody else does
 * until it closes or its session lock expires (then {@link DeliverySink#onClosed} reports SessionLockLost).
 */
public interface SessionReceiver extends Receiver {
    String sessionId();

    /** Session lock expiry, epoch millis, as of the last accept or renewal. */
    long lockedUntil();
}
