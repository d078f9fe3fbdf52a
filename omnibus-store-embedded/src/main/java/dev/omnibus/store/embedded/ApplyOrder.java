package dev.omnibus.store.embedded;

import dev.omnibus.core.store.StoreOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which the writer applies a group's ops to its {@code WriteBatch}: message ops sorted by key (queue,
 * sequence number), the others in submission order before them. A group interleaves sends (new keys at a queue's
 * tail) with completions (old keys near its head); applied as submitted, every memtable insert lands far from the
 * previous one and RocksDB's skip list searches from the top each time, while inserts in key order reuse its cached
 * position. Reordering keeps every outcome: ops on one key keep their relative order, and ops on different message
 * keys, or on other families, commute. A group that deletes an entity (a range over the message families) is
 * applied as submitted.
 */
final class ApplyOrder {
    /** One op with its encoded meta and where it was submitted. */
    record Slot(StoreOp op, byte[] encodedMeta, long queueId, long seq, int order) {
    }

    private static final Comparator<Slot> BY_KEY = Comparator.comparingLong(Slot::queueId)
            .thenComparingLong(Slot::seq).thenComparingInt(Slot::order);

    private ApplyOrder() {
    }

    static List<Slot> of(List<PendingBatch> group) {
        int n = 0;
        boolean deletesEntity = false;
        for (PendingBatch p : group) {
            n += p.ops().size();
            deletesEntity |= p.deletesEntity();
        }
        List<Slot> others = new ArrayList<>();
        List<Slot> messages = new ArrayList<>(n);
        int order = 0;
        for (PendingBatch p : group) {
            for (int i = 0; i < p.ops().size(); i++) {
                StoreOp op = p.ops().get(i);
                byte[] meta = p.encodedMeta()[i];
                if (deletesEntity) {
                    others.add(new Slot(op, meta, 0, 0, order));
                } else if (op instanceof StoreOp.PutMessage m) {
                    messages.add(new Slot(op, meta, m.queueId(), m.meta().sequenceNumber(), order));
                } else if (op instanceof StoreOp.UpdateMeta u) {
                    messages.add(new Slot(op, meta, u.queueId(), u.meta().sequenceNumber(), order));
                } else if (op instanceof StoreOp.DeleteMessage d) {
                    messages.add(new Slot(op, meta, d.queueId(), d.sequenceNumber(), order));
                } else {
                    others.add(new Slot(op, meta, 0, 0, order));
                }
                order++;
            }
        }
        messages.sort(BY_KEY);
        others.addAll(messages);
        return others;
    }
}
