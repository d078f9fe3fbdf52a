package dev.omnibus.store.embedded;

import dev.omnibus.core.store.MessageMetaCodec;
import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoreOp;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A batch waiting for the writer: its ops, the encoded metas, a size estimate for the group budget, whether it
 * updates metas (then the writer must track which messages its group puts and deletes), whether it deletes an
 * entity (then the writer applies its group in submission order), and the future the writer completes. Built on the committing thread, so validation and encoding errors fail only that batch
 * (never the writer) and the encoding work is spread over the callers.
 */
record PendingBatch(List<StoreOp> ops, byte[][] encodedMeta, long bytes, boolean updatesMeta,
                    boolean deletesEntity, CompletableFuture<Void> future) {
    /** Entity ids are below this, so {@code firstOf(entity) + 4} and {@code entity + 1} never overflow. */
    static final long ENTITY_LIMIT = Long.MAX_VALUE / 4;
    /** Per-op overhead in the estimate: keys and WriteBatch record headers. */
    private static final int OP_OVERHEAD = 40;

    static PendingBatch of(StoreBatch batch) {
        List<StoreOp> ops = List.copyOf(batch.ops()); // the caller may not keep its promise not to touch it
        byte[][] encoded = new byte[ops.size()][];
        long bytes = 0;
        boolean updatesMeta = false;
        boolean deletesEntity = false;
        for (int i = 0; i < ops.size(); i++) {
            StoreOp op = Objects.requireNonNull(ops.get(i), "op");
            bytes += OP_OVERHEAD;
            if (op instanceof StoreOp.PutEntity p) {
                entity(p.entityId());
                bytes += Objects.requireNonNull(p.definition(), "definition").length;
            } else if (op instanceof StoreOp.DeleteEntity d) {
                deletesEntity = true;
                entity(d.entityId());
            } else if (op instanceof StoreOp.PutMessage p) {
                queue(p.queueId());
                encoded[i] = encode(p.meta());
                bytes += encoded[i].length + (p.payload() == null ? 0 : p.payload().length);
            } else if (op instanceof StoreOp.UpdateMeta u) {
                updatesMeta = true;
                queue(u.queueId());
                encoded[i] = encode(u.meta());
                bytes += encoded[i].length;
            } else if (op instanceof StoreOp.DeleteMessage d) {
                queue(d.queueId());
                sequence(d.sequenceNumber());
            } else if (op instanceof StoreOp.PutSequence s) {
                entity(s.entityId());
            } else if (op instanceof StoreOp.PutDuplicate p) {
                entity(p.entityId());
                bytes += Objects.requireNonNull(p.messageId(), "messageId").length();
            } else if (op instanceof StoreOp.DeleteDuplicate d) {
                entity(d.entityId());
                bytes += Objects.requireNonNull(d.messageId(), "messageId").length();
            } else if (op instanceof StoreOp.PutSessionState s) {
                entity(s.entityId());
                bytes += Objects.requireNonNull(s.sessionId(), "sessionId").length()
                        + (s.state() == null ? 0 : s.state().length);
            }
        }
        return new PendingBatch(ops, encoded, bytes, updatesMeta, deletesEntity, new CompletableFuture<>());
    }

    private static byte[] encode(dev.omnibus.core.MessageMeta meta) {
        sequence(Objects.requireNonNull(meta, "meta").sequenceNumber());
        return MessageMetaCodec.encode(meta);
    }

    private static void entity(long entityId) {
        if (entityId < 0 || entityId >= ENTITY_LIMIT) {
            throw new IllegalArgumentException("entity id out of range: " + entityId);
        }
    }

    private static void queue(long queueId) {
        if (queueId < 0 || QueueIds.entityOf(queueId) >= ENTITY_LIMIT) {
            throw new IllegalArgumentException("queue id out of range: " + queueId);
        }
    }

    private static void sequence(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("sequence number must not be negative: " + seq);
        }
    }
}
