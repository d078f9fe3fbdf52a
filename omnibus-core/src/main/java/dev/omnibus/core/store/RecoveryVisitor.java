package dev.omnibus.core.store;

import dev.omnibus.core.MessageMeta;

/** Receives what a store holds, during {@link MessageStore#recover(RecoveryVisitor)}. */
public interface RecoveryVisitor {
    void entity(long entityId, byte[] definition);

    /** The highest sequence number ever assigned in an entity. */
    void sequence(long entityId, long lastSequenceNumber);

    void duplicate(long entityId, String messageId, long expiresAt);

    void sessionState(long entityId, String sessionId, byte[] state, long updatedAt);

    /** A message's meta; per queue in ascending sequence order. */
    void message(long queueId, MessageMeta meta);
}
