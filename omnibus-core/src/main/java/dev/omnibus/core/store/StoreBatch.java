package dev.omnibus.core.store;

import dev.omnibus.core.MessageMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Writes applied together, atomically. Built by one thread, then handed to the store and not touched again. */
public final class StoreBatch {
    private final List<StoreOp> ops;

    public StoreBatch() {
        this.ops = new ArrayList<>();
    }

    /** A batch expected to hold about {@code expectedOps} ops (grows beyond). */
    public StoreBatch(int expectedOps) {
        this.ops = new ArrayList<>(Math.max(0, expectedOps));
    }

    public StoreBatch putEntity(long entityId, byte[] definition) {
        ops.add(new StoreOp.PutEntity(entityId, definition));
        return this;
    }

    public StoreBatch deleteEntity(long entityId) {
        ops.add(new StoreOp.DeleteEntity(entityId));
        return this;
    }

    public StoreBatch putMessage(long queueId, MessageMeta meta, byte[] payload) {
        ops.add(new StoreOp.PutMessage(queueId, meta, payload));
        return this;
    }

    public StoreBatch updateMeta(long queueId, MessageMeta meta) {
        ops.add(new StoreOp.UpdateMeta(queueId, meta));
        return this;
    }

    public StoreBatch deleteMessage(long queueId, long sequenceNumber) {
        ops.add(new StoreOp.DeleteMessage(queueId, sequenceNumber));
        return this;
    }

    public StoreBatch putSequence(long entityId, long lastSequenceNumber) {
        ops.add(new StoreOp.PutSequence(entityId, lastSequenceNumber));
        return this;
    }

    public StoreBatch putDuplicate(long entityId, String messageId, long expiresAt) {
        ops.add(new StoreOp.PutDuplicate(entityId, messageId, expiresAt));
        return this;
    }

    public StoreBatch deleteDuplicate(long entityId, String messageId) {
        ops.add(new StoreOp.DeleteDuplicate(entityId, messageId));
        return this;
    }

    public StoreBatch putSessionState(long entityId, String sessionId, byte[] state, long updatedAt) {
        ops.add(new StoreOp.PutSessionState(entityId, sessionId, state, updatedAt));
        return this;
    }

    /** Appends every op of {@code other}, in order. */
    public StoreBatch addAll(StoreBatch other) {
        ops.addAll(other.ops);
        return this;
    }

    public List<StoreOp> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public int size() {
        return ops.size();
    }
}
