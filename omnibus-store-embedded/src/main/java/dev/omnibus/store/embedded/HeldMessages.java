package dev.omnibus.store.embedded;

import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreOp;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * New messages (meta and payload) that the journal holds and RocksDB does not yet. Most messages are consumed within
 * milliseconds of being sent; putting them into RocksDB's memtables only to have a flush drop them again was most of
 * what a message cost the store (AMQP benchmark, Omnibus alone: 284k – 309k msg/s with the metas in RocksDB,
 * 307k – 343k with them held too; payloads had been held before). So a group's new messages go to the journal
 * only, and are kept here, by reference (the broker holds the same payload arrays while it delivers them); a message
 * deleted while held never reaches RocksDB. When a journal segment is sealed, the messages it holds that are still
 * here are put into RocksDB, before the flush that lets the segment go; on open the journal's replay puts every
 * message back (its records have them all).
 *
 * <p>Meta updates of held messages still reach RocksDB (leaving a meta without payload there until the message is
 * moved or deleted): that keeps RocksDB right whatever a seal moves in the middle of a group, and readers prefer what
 * is held. A delete reaches RocksDB unless it removed a held message that has nothing there ({@link #apply}).
 *
 * <p>Threads: the store writer changes it (in the order of its groups); readers look messages up from any thread.
 * A moved message is in RocksDB before it leaves here, so a reader that misses it here finds it there.
 */
final class HeldMessages {
    private static final byte[] EMPTY = new byte[0];
    /** Estimated heap per held message beside its arrays: map node, key, entry. */
    private static final int ENTRY_BYTES = 96;
    /**
     * Held bytes beyond which the writer seals the journal's segment early, so a backlog of unconsumed messages
     * does not keep a whole segment's messages in the heap.
     */
    static final long LIMIT_BYTES = 16L << 20;

    private record Key(long queueId, long seq) {
    }

    /**
     * A message as the journal holds it: encoded meta, payload, the journal segment of its put, and whether an update
     * put a meta into RocksDB (which its delete must then remove).
     */
    record Held(long queueId, long seq, byte[] meta, byte[] payload, long segment, boolean metaInRocks) {
        long bytes() {
            return ENTRY_BYTES + meta.length + payload.length;
        }
    }

    private final Map<Key, Held> held = new ConcurrentHashMap<>();
    /** Bytes of the messages held; the writer's. */
    private long bytes;

    /**
     * Writer: applies a group's new messages, meta updates and deletions, in order, after its journal record was
     * appended to {@code segment} and before its other records reach RocksDB. Returns, per batch, the deletes
     * (indexes of its ops) that RocksDB must still apply, or null for all of them: not those that removed a held
     * message RocksDB never saw.
     */
    List<BitSet> apply(List<PendingBatch> group, long segment) {
        List<BitSet> rocksDeletes = new ArrayList<>(group.size());
        for (PendingBatch p : group) {
            if (!p.putsMessages() && held.isEmpty()) {
                rocksDeletes.add(null); // no put, and nothing an update or delete could touch
                continue;
            }
            List<StoreOp> ops = p.ops();
            BitSet deletes = new BitSet(ops.size());
            rocksDeletes.add(deletes);
            for (int i = 0; i < ops.size(); i++) {
                StoreOp op = ops.get(i);
                if (op instanceof StoreOp.PutMessage m) {
                    long seq = m.meta().sequenceNumber();
                    Held h = new Held(m.queueId(), seq, p.encodedMeta()[i], m.payload() == null ? EMPTY : m.payload(),
                            segment, false);
                    bytes += h.bytes();
                    forgotten(held.put(new Key(m.queueId(), seq), h));
                } else if (op instanceof StoreOp.UpdateMeta u) {
                    Key key = new Key(u.queueId(), u.meta().sequenceNumber());
                    Held h = held.get(key);
                    if (h != null) { // held now, so it was when the writer wrote the update to RocksDB too
                        Held updated = new Held(h.queueId(), h.seq(), p.encodedMeta()[i], h.payload(), h.segment(),
                                true);
                        bytes += updated.bytes();
                        forgotten(held.put(key, updated));
                    }
                } else if (op instanceof StoreOp.DeleteMessage d) {
                    Held h = held.remove(new Key(d.queueId(), d.sequenceNumber()));
                    forgotten(h);
                    if (h == null || h.metaInRocks()) {
                        deletes.set(i);
                    }
                } else if (op instanceof StoreOp.DeleteEntity e) {
                    long first = QueueIds.firstOf(e.entityId());
                    held.values().removeIf(h -> {
                        boolean gone = h.queueId() >= first && h.queueId() < first + 4;
                        if (gone) {
                            forgotten(h);
                        }
                        return gone;
                    });
                }
            }
        }
        return rocksDeletes;
    }

    private void forgotten(Held h) {
        if (h != null) {
            bytes -= h.bytes();
        }
    }

    /** Writer: whether so much is held that the journal should seal its segment now ({@link #LIMIT_BYTES}). */
    boolean full() {
        return bytes > LIMIT_BYTES;
    }

    /** Any thread: a message the journal holds and RocksDB does not (fully), or null. */
    Held get(long queueId, long seq) {
        return held.get(new Key(queueId, seq));
    }

    /**
     * Any thread: the held messages of {@code queueId} from {@code fromSeq} on, or of every queue when
     * {@code queueId} is negative, to merge into a key-ordered walk of RocksDB's metas. Taken before that walk's
     * snapshot, a message moved meanwhile is in both, never in neither. Walks everything held: for peeks and
     * recovery, not for the delivery path.
     */
    Merge merge(long queueId, long fromSeq) {
        List<Held> out = new ArrayList<>();
        for (Held h : held.values()) {
            if (queueId < 0 || h.queueId() == queueId && h.seq() >= fromSeq) {
                out.add(h);
            }
        }
        out.sort(Comparator.comparingLong(Held::queueId).thenComparingLong(Held::seq));
        return new Merge(out);
    }

    /** Held messages, by queue then sequence number, handed out as a walk of RocksDB's keys reaches them. */
    static final class Merge {
        private final List<Held> sorted;
        private int next;

        private Merge(List<Held> sorted) {
            this.sorted = sorted;
        }

        /**
         * Hands {@code out} the held messages before the key (queueId, seq), then returns the held one at that key
         * (a meta updated in RocksDB while held: the held one is whole and newer), or null for RocksDB's.
         */
        Held upTo(long queueId, long seq, Consumer<Held> out) {
            for (; next < sorted.size(); next++) {
                Held h = sorted.get(next);
                if (h.queueId() > queueId || h.queueId() == queueId && h.seq() >= seq) {
                    break;
                }
                out.accept(h);
            }
            if (next < sorted.size() && sorted.get(next).queueId() == queueId && sorted.get(next).seq() == seq) {
                return sorted.get(next++);
            }
            return null;
        }

        /** Hands {@code out} the held messages after the last key. */
        void rest(Consumer<Held> out) {
            for (; next < sorted.size(); next++) {
                out.accept(sorted.get(next));
            }
        }
    }

    /**
     * Writer (or the closing thread once the writer stopped): puts the messages held for segments up to
     * {@code segment} into RocksDB's memtables, then forgets them.
     */
    void moveToRocks(long segment, RocksHandles rocks) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            for (Held h : held.values()) {
                if (h.segment() <= segment) {
                    byte[] key = Keys.message(h.queueId(), h.seq());
                    batch.put(rocks.meta, key, h.meta());
                    batch.put(rocks.payload, key, h.payload());
                }
            }
            if (batch.count() == 0) {
                return;
            }
            rocks.db.write(rocks.writeOptions, batch);
        }
        held.values().removeIf(h -> {
            boolean moved = h.segment() <= segment;
            if (moved) {
                forgotten(h);
            }
            return moved;
        });
    }

    /** Messages held now, for tests and diagnostics. */
    int size() {
        return held.size();
    }
}
