package dev.omnibus.store.embedded;

import dev.omnibus.core.store.MessageMetaCodec;
import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoreOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A batch waiting for the writer: its ops, the encoded metas, the write batch records of its blind ops (null when
 * the writer must encode the whole batch, see {@link OpRecords}), the journal's records of its new messages (null when
 * it puts none, or when the writer encodes the batch: they go to the journal, not to RocksDB, see
 * {@link HeldMessages}), its sequence marks (the highest of each entity; the writer encodes them), a size estimate
 * for the group budget, whether it updates metas (then the writer must track which messages its group puts and
 * deletes), whether it puts messages, and the future the writer completes. Built on the committing thread, so
 * validation and encoding errors fail only that batch (never the writer) and the encoding work is spread over the
 * callers.
 */
record PendingBatch(List<StoreOp> ops, byte[][] encodedMeta, BatchRep records, BatchRep held,
                    List<StoreOp.PutSequence> sequences, long bytes, boolean updatesMeta, boolean putsMessages,
                    CompletableFuture<Void> future) {
    /** Entity ids are below this, so {@code firstOf(entity) + 4} and {@code entity + 1} never overflow. */
    static final long ENTITY_LIMIT = Long.MAX_VALUE / 4;
    /** Per-op overhead in the estimate: keys and WriteBatch record headers. */
    private static final int OP_OVERHEAD = 40;
    /**
     * Shortest run of completed messages written as range tombstones instead of point deletes. A turn completes
     * messages mostly in delivery order: a run of hundreds costs two records instead of two per message, which is
     * most of what a completion cost the store writer (journal bytes and memtable inserts). Short runs stay point
     * deletes so scattered completions do not fill memtables with tombstones every read must consult.
     */
    static final int MIN_DELETE_RANGE = 8;

    static PendingBatch of(StoreBatch batch, OpRecords.Families families) {
        List<StoreOp> ops = List.copyOf(batch.ops()); // the caller may not keep its promise not to touch it
        byte[][] encoded = new byte[ops.size()][];
        long bytes = 0;
        boolean updatesMeta = false;
        boolean deletesEntity = false;
        List<StoreOp.PutSequence> sequences = List.of();
        int puts = 0;
        long heldBytes = 0; // of the puts: the journal-only records, and not the blind ones
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
                long size = encoded[i].length + (p.payload() == null ? 0 : p.payload().length);
                bytes += size;
                heldBytes += OP_OVERHEAD + size;
                puts++;
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
                if (sequences.isEmpty()) {
                    sequences = new ArrayList<>(1);
                }
                highest(sequences, s);
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
        // A batch that updates metas or deletes an entity reads what is stored: the writer encodes it, in order.
        boolean writerEncodes = updatesMeta || deletesEntity;
        BatchRep records = writerEncodes ? null : blindRecords(ops, families, bytes - heldBytes, null);
        BatchRep held = writerEncodes || puts == 0 ? null : heldRecords(ops, encoded, families, heldBytes);
        return new PendingBatch(ops, encoded, records, held, sequences, bytes, updatesMeta, puts > 0,
                new CompletableFuture<>());
    }

    /**
     * Keeps the highest mark of each entity: every send of a turn carries its queue's mark, and only the highest
     * is written. (A batch that also deletes an entity is encoded by the writer, op by op, without this list.)
     */
    private static void highest(List<StoreOp.PutSequence> sequences, StoreOp.PutSequence s) {
        for (int k = 0; k < sequences.size(); k++) {
            if (sequences.get(k).entityId() == s.entityId()) {
                if (s.lastSequenceNumber() > sequences.get(k).lastSequenceNumber()) {
                    sequences.set(k, s);
                }
                return;
            }
        }
        sequences.add(s);
    }

    /**
     * What of a blind batch's {@link #records} RocksDB must apply: all but the deletes not in {@code deletes} (those
     * removed held messages RocksDB never saw, see {@link HeldMessages#apply}); all when {@code deletes} is null.
     */
    BatchRep rocksRecords(BitSet deletes, OpRecords.Families families) {
        return deletes == null ? records : blindRecords(ops, families, 64, deletes);
    }

    /**
     * The journal's records of the batch's new messages (meta and payload): in a journal record they follow the
     * batch's other records, so a delete of a message this batch put earlier is repeated after it (or replaying the
     * record would bring the message back). A delete is repeated when its sequence number is at least the lowest the
     * batch put so far: completions of older messages are left to the other records, and a repeat too many deletes
     * nothing they do not.
     */
    private static BatchRep heldRecords(List<StoreOp> ops, byte[][] encoded, OpRecords.Families families, long bytes) {
        BatchRep rep = new BatchRep((int) Math.min(Integer.MAX_VALUE - 64, bytes + 64));
        long lowestPut = Long.MAX_VALUE;
        for (int i = 0; i < ops.size(); i++) {
            StoreOp op = ops.get(i);
            if (op instanceof StoreOp.PutMessage p) {
                OpRecords.held(rep, families, p, encoded[i]);
                lowestPut = Math.min(lowestPut, p.meta().sequenceNumber());
            } else if (op instanceof StoreOp.DeleteMessage d && d.sequenceNumber() >= lowestPut) {
                OpRecords.blind(rep, families, d);
            }
        }
        return rep;
    }

    /**
     * The records of every op but PutSequence (which the writer adds) and PutMessage (held, see {@link #heldRecords}):
     * deletes of messages in key order, the others before them in submission order. A turn's completions come mostly
     * in delivery order, but several receivers interleave them; in key order RocksDB's memtable inserts reuse their
     * cached skip list position instead of searching from the top each time. The outcome is the same: ops on one key
     * keep their order, and ops on other keys or families commute. Runs of deletes of consecutive messages become
     * range tombstones ({@link #MIN_DELETE_RANGE}). With {@code deletes}, only the deletes among them.
     */
    private static BatchRep blindRecords(List<StoreOp> ops, OpRecords.Families families, long bytes,
                                         BitSet deletes) {
        BatchRep rep = new BatchRep((int) Math.min(Integer.MAX_VALUE - 64, bytes + 64));
        int n = ops.size();
        long[] queues = new long[n];
        long[] seqs = new long[n];
        int[] messages = new int[n];
        int m = 0;
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            StoreOp op = ops.get(i);
            long queue;
            long seq;
            if (op instanceof StoreOp.DeleteMessage d) {
                if (deletes != null && !deletes.get(i)) {
                    continue;
                }
                queue = d.queueId();
                seq = d.sequenceNumber();
            } else {
                if (!(op instanceof StoreOp.PutSequence || op instanceof StoreOp.PutMessage)) {
                    OpRecords.blind(rep, families, op);
                }
                continue;
            }
            queues[i] = queue;
            seqs[i] = seq;
            if (m > 0) {
                int last = messages[m - 1];
                sorted &= queues[last] < queue || (queues[last] == queue && seqs[last] <= seq);
            }
            messages[m++] = i;
        }
        int[] ordered = messages;
        if (!sorted) {
            Integer[] order = new Integer[m];
            for (int k = 0; k < m; k++) {
                order[k] = messages[k];
            }
            // Stable: ops on one key keep their submission order.
            Arrays.sort(order, (a, b) -> queues[a] != queues[b] ? Long.compare(queues[a], queues[b])
                    : Long.compare(seqs[a], seqs[b]));
            ordered = new int[m];
            for (int k = 0; k < m; k++) {
                ordered[k] = order[k];
            }
        }
        for (int k = 0; k < m; ) {
            int i = ordered[k];
            int end = k + 1;
            if (ops.get(i) instanceof StoreOp.DeleteMessage) {
                // Consecutive deletes of consecutive sequence numbers of one queue: nothing else lives between
                // their keys, so one range tombstone per family says the same as all their point deletes.
                while (end < m && ops.get(ordered[end]) instanceof StoreOp.DeleteMessage
                        && queues[ordered[end]] == queues[i]
                        && seqs[ordered[end]] - seqs[ordered[end - 1]] <= 1) {
                    end++;
                }
                long last = seqs[ordered[end - 1]];
                if (last - seqs[i] + 1 >= MIN_DELETE_RANGE && last < Long.MAX_VALUE) {
                    OpRecords.deleteMessages(rep, families, queues[i], seqs[i], last + 1);
                    k = end;
                    continue;
                }
            }
            for (; k < end; k++) { // a short run stays point deletes
                OpRecords.blind(rep, families, ops.get(ordered[k]));
            }
        }
        return rep;
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
