package dev.omnibus.store.embedded;

import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreOp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Payloads of new messages that the journal holds and RocksDB does not yet. Most messages are consumed within
 * milliseconds of being sent; putting their payloads into RocksDB's memtables only to have a flush drop them again
 * was a fifth of what a message cost the store (measured: 268k – 272k msg/s with payloads in RocksDB, 316k – 332k
 * without). So a group's payloads go to the journal only, and are kept here, by reference (the broker holds the same
 * arrays while it delivers them); a message deleted while held never reaches RocksDB. When a journal segment is
 * sealed, the payloads it holds that are still here are put into RocksDB, before the flush that lets the segment go;
 * on open the journal's replay puts every payload back (its records have them all).
 *
 * <p>Threads: the store writer changes it (in the order of its groups); readers look payloads up from any thread.
 * A put is here before its meta is in RocksDB, and a moved payload is in RocksDB before it leaves here, so a reader
 * that sees a meta always finds its payload in one of the two.
 */
final class HeldPayloads {
    private static final byte[] EMPTY = new byte[0];
    /**
     * Held bytes beyond which the writer seals the journal's segment early, so a backlog of unconsumed messages
     * does not keep a whole segment's payloads in the heap.
     */
    static final long LIMIT_BYTES = 16L << 20;

    private record Key(long queueId, long seq) {
    }

    /** A payload and the journal segment that holds it. */
    private record Held(byte[] payload, long segment) {
    }

    private final Map<Key, Held> held = new ConcurrentHashMap<>();
    /** Bytes of the payloads held; the writer's. */
    private long bytes;

    /** Writer: applies a group's new messages and deletions, in order, before its records reach RocksDB. */
    void apply(List<PendingBatch> group, long segment) {
        for (PendingBatch p : group) {
            if (p.payloads() == null && held.isEmpty()) {
                continue; // no put, and nothing a delete could remove
            }
            for (StoreOp op : p.ops()) {
                if (op instanceof StoreOp.PutMessage m) {
                    byte[] payload = m.payload() == null ? EMPTY : m.payload();
                    bytes += payload.length;
                    forgotten(held.put(new Key(m.queueId(), m.meta().sequenceNumber()), new Held(payload, segment)));
                } else if (op instanceof StoreOp.DeleteMessage d) {
                    forgotten(held.remove(new Key(d.queueId(), d.sequenceNumber())));
                } else if (op instanceof StoreOp.DeleteEntity e) {
                    long first = QueueIds.firstOf(e.entityId());
                    held.entrySet().removeIf(en -> {
                        boolean gone = en.getKey().queueId() >= first && en.getKey().queueId() < first + 4;
                        if (gone) {
                            forgotten(en.getValue());
                        }
                        return gone;
                    });
                }
            }
        }
    }

    private void forgotten(Held h) {
        if (h != null) {
            bytes -= h.payload().length;
        }
    }

    /** Writer: whether so much is held that the journal should seal its segment now ({@link #LIMIT_BYTES}). */
    boolean full() {
        return bytes > LIMIT_BYTES;
    }

    /** Any thread: the payload of a message the journal holds and RocksDB does not, or null. */
    byte[] get(long queueId, long seq) {
        Held h = held.get(new Key(queueId, seq));
        return h == null ? null : h.payload();
    }

    /**
     * Writer (or the closing thread once the writer stopped): puts the payloads held for segments up to
     * {@code segment} into RocksDB's memtables, then forgets them.
     */
    void moveToRocks(long segment, RocksHandles rocks) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<Key, Held> e : held.entrySet()) {
                if (e.getValue().segment() <= segment) {
                    batch.put(rocks.payload, Keys.message(e.getKey().queueId(), e.getKey().seq()),
                            e.getValue().payload());
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

    /** Payloads held now, for tests and diagnostics. */
    int size() {
        return held.size();
    }
}
