package dev.omnibus.core;

import java.util.UUID;

/**
 * A message handed out by a receive, a peek or a receive-by-sequence-number.
 *
 * @param meta the message's state as of this hand-out; {@code meta.deliveryCount()} is the number of earlier
 *     delivery attempts, which is what the AMQP header carries
 * @param payload the encoded message as sent
 * @param lockToken the lock of a PeekLock delivery, else null
 * @param lockedUntil lock expiry in epoch millis, or 0 when not locked
 */
public record ReceivedMessage(MessageMeta meta, byte[] payload, UUID lockToken, long lockedUntil) {
    public long sequenceNumber() {
        return meta.sequenceNumber();
    }
}
