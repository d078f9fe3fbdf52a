package dev.omnibus.client.implementation;

import dev.omnibus.client.models.ServiceBusMessageState;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the broker stamps on a message it delivers: annotations and the lock.
 *
 * @param sequenceNumber {@code x-opt-sequence-number}
 * @param enqueuedTime {@code x-opt-enqueued-time}, or null
 * @param enqueuedSequenceNumber {@code x-opt-enqueue-sequence-number}, or 0
 * @param deliveryCount {@code header.delivery-count}
 * @param deadLetterSource {@code x-opt-deadletter-source}, or null
 * @param state {@code x-opt-message-state}
 * @param lockToken the lock token (from the delivery tag or the management response), or null
 * @param lockedUntil {@code x-opt-locked-until}, or null
 */
public record BrokerProperties(long sequenceNumber, OffsetDateTime enqueuedTime, long enqueuedSequenceNumber,
                               long deliveryCount, String deadLetterSource, ServiceBusMessageState state,
                               UUID lockToken, OffsetDateTime lockedUntil) {

    /** The same properties with another lock token, e.g. the delivery tag's. */
    public BrokerProperties withLockToken(UUID token) {
        return new BrokerProperties(sequenceNumber, enqueuedTime, enqueuedSequenceNumber, deliveryCount,
                deadLetterSource, state, token, lockedUntil);
    }
}
