package dev.omnibus.core.store;

import dev.omnibus.core.MessageMeta;

/** One write in a {@link StoreBatch}. */
public sealed interface StoreOp {
    /** Creates or replaces an entity's definition. */
    record PutEntity(long entityId, byte[] definition) implements StoreOp {
    }

    /** Removes an entity with all its messages, sequence mark, duplicate history and session states. */
    record DeleteEntity(long entityId) implements StoreOp {
    }

    /** Stores a new message: meta and payload. */
    record PutMessage(long queueId, MessageMeta meta, byte[] payload) implements StoreOp {
    }

    /** Replaces the meta of a stored message; the payload stays. */
    record UpdateMeta(long queueId, MessageMeta meta) implements StoreOp {
    }

    record DeleteMessage(long queueId, long sequenceNumber) implements StoreOp {
    }

    /** Records the highest sequence number assigned in an entity, so numbers are never reused. */
    record PutSequence(long entityId, long lastSequenceNumber) implements StoreOp {
    }

    record PutDuplicate(long entityId, String messageId, long expiresAt) implements StoreOp {
    }

    record DeleteDuplicate(long entityId, String messageId) implements StoreOp {
    }

    /** Sets a session's state; a null state removes it. */
    record PutSessionState(long entityId, String sessionId, byte[] state, long updatedAt) implements StoreOp {
    }
}
