package dev.omnibus.store.embedded;

import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreOp;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's single writer: takes every batch queued so far (up to a byte and op budget), joins their records (most
 * encoded by the committing threads, see {@link OpRecords}) in submission order into one RocksDB {@link WriteBatch},
 * appends it to the {@link Journal} and applies it to RocksDB (memtables only); the completer thread then forces the
 * journal once for every group written since its last sync, and completes their futures. One sync per group instead
 * of per batch is what makes durable acknowledgements cheap under load (group commit); syncing off the writer lets
 * the next group be written while the last one is being synced, instead of the writer waiting for the disk a third
 * of its time.
 *
 * <p>Futures are completed on the completer thread, in submission order, and never before the journal holding their
 * group was synced (with {@code syncWrites}). Completion callbacks typically post into entity mailboxes, which would
 * be fine on the writer, but a callback may also call {@code commit} directly (a direct executor in tests does): on
 * the writer thread that would block on its own full queue forever. On the completer it only waits for the writer,
 * which keeps draining.
 *
 * <p>A failed write (I/O error, disk full) is fatal: that group's futures fail, and so does every later commit,
 * with the first error as cause. The broker's in-memory state may already have moved past what is on disk, so going
 * on would risk acknowledging on top of a hole; reopening the store recovers exactly what was made durable.
 */
final class GroupCommitWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final PendingBatch STOP =
            new PendingBatch(List.of(), new byte[0][], null, null, List.of(), 0, false, false,
                    new CompletableFuture<>());
    private static final long COMPLETER_DRAIN_SECONDS = 30;

    private final RocksHandles rocks;
    private final HeldMessages held;
    private final OpRecords.Families families;
    private final BlockingQueue<PendingBatch> queue;
    /** KB of batches queued or in the group being written; bounds the heap they hold. Fair: no batch starves. */
    private final Semaphore queuedKb;
    private final int maxQueuedKb;
    private final long maxGroupBytes;
    private final int maxGroupOps;
    private final Thread thread;
    private final ExecutorService completer;
    /** Groups written (or failed), in order, waiting for the completer: its journal sync, then their futures. */
    private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
    /** Whether a completer task is queued or running; it drains {@link #written} until it is empty. */
    private final AtomicBoolean completing = new AtomicBoolean();
    private volatile JournalSync journalSync;
    /** The first journal sync failure, fatal like a failed write. Completer thread only. */
    private Throwable syncError;
    private volatile Thread completerThread;
    private volatile Throwable failure;
    /** Taken from the queue but over the budget of the group being built: first of the next group. */
    private PendingBatch carried;
    /** Where a built group goes; replaced only by tests, to inject write failures. */
    private volatile GroupSink sink;
    /** Last sequence numbers durably written, by entity: spares a read per group. Writer thread only. */
    private final Map<Long, Long> writtenSequences = new HashMap<>();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    GroupCommitWriter(RocksHandles rocks, Journal journal, HeldMessages held, EmbeddedStoreOptions options,
                      String name) {
        this.rocks = rocks;
        this.held = held;
        this.families = rocks.families();
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.maxQueuedKb = (int) (options.maxQueuedBytes() / 1024);
        this.queuedKb = new Semaphore(maxQueuedKb, true);
        this.maxGroupBytes = options.maxGroupBytes();
        this.maxGroupOps = options.maxGroupOps();
        // The journal first: RocksDB applies the group without a WAL of its own, and without the new messages.
        this.sink = (record, group, parts) -> {
            long segment = journal.append(record, held.full());
            List<BitSet> rocksDeletes = held.apply(group, segment);
            List<BatchRep> apply = new ArrayList<>(parts.size());
            for (Part part : parts) {
                apply.add(part.records() != null ? part.records()
                        : group.get(part.blindBatch()).rocksRecords(rocksDeletes.get(part.blindBatch()), families));
            }
            if (count(apply) > 0) {
                try (WriteBatch wb = new WriteBatch(BatchRep.concat(apply))) {
                    rocks.db.write(rocks.writeOptions, wb);
                }
            }
        };
        this.journalSync = rocks.syncWrites ? journal::force : () -> { };
        this.thread = new Thread(this::run, name + "-writer");
        this.thread.setDaemon(true); // a synced group is atomic on disk whenever the JVM stops
        this.completer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-completer");
            t.setDaemon(true);
            completerThread = t;
            return t;
        });
    }

    void start() {
        thread.start();
    }

    /**
     * Queues a batch, blocking while too many batches or bytes wait: back-pressure on committers when the disk falls
     * behind. The broker should slow its producers well before (see {@link #queued()}); this is the hard limit.
     */
    void submit(PendingBatch batch) throws InterruptedException {
        int kb = kb(batch);
        queuedKb.acquire(kb);
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            queuedKb.release(kb);
            throw e;
        }
    }

    /** A batch's share of the byte bound: at least 1, at most all of it (so an oversized batch passes alone). */
    private int kb(PendingBatch batch) {
        return (int) Math.max(1, Math.min(maxQueuedKb, (batch.bytes() + 1023) / 1024));
    }

    /** Bytes of batches waiting or being written, approximately. */
    long queuedBytes() {
        return (long) (maxQueuedKb - queuedKb.availablePermits()) * 1024;
    }

    /**
     * Writes one group, durable once the next {@link JournalSync} returns: {@code record} (a serialized write batch of
     * everything) to the journal, then {@code parts} to RocksDB, without what only the journal needs
     * ({@link HeldMessages}).
     */
    interface GroupSink {
        void write(byte[] record, List<PendingBatch> group, List<Part> parts) throws Exception;
    }

    /**
     * A part of a group's RocksDB batch: records the writer encoded, or (when null) those of the group's blind batch
     * at {@code blindBatch}, which depend on what is held once the group's journal record is appended.
     */
    record Part(BatchRep records, int blindBatch) {
    }

    /** Makes everything written so far durable. */
    interface JournalSync {
        void sync() throws Exception;
    }

    GroupSink sink() {
        return sink;
    }

    /** For tests: routes journal syncs through {@code sync} (which may fail). */
    void journalSync(JournalSync sync) {
        this.journalSync = sync;
    }

    /** For tests: routes groups through {@code sink} (which may fail, or delegate to the previous sink). */
    void sink(GroupSink sink) {
        this.sink = sink;
    }

    /** The error that stopped writing, or null. */
    Throwable failure() {
        return failure;
    }

    int queued() {
        return queue.size();
    }

    long groupsWritten() {
        return groups.get();
    }

    long batchesWritten() {
        return batches.get();
    }

    /**
     * Writes everything queued, stops the writer and waits for the completions (a bounded time, in case a callback
     * hangs). The caller has stopped admitting batches before.
     */
    void stop() {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(STOP);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        completer.shutdown();
        // From a completion callback the completer cannot wait for itself: its remaining tasks run after we return.
        if (Thread.currentThread() != completerThread) {
            try {
                if (!completer.awaitTermination(COMPLETER_DRAIN_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("Store commit callbacks still running after {} s; closing anyway", COMPLETER_DRAIN_SECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<PendingBatch> group = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            PendingBatch next = carried != null ? carried : take();
            carried = null;
            long bytes = 0;
            int ops = 0;
            while (next != null) {
                if (next == STOP) {
                    stop = true; // admission closed before STOP was queued: nothing follows it
                    break;
                }
                if (!group.isEmpty() && (bytes + next.bytes() > maxGroupBytes
                        || ops + next.ops().size() > maxGroupOps)) {
                    carried = next;
                    break;
                }
                group.add(next);
                bytes += next.bytes();
                ops += next.ops().size();
                next = queue.poll();
            }
            if (!group.isEmpty()) {
                write(group);
                group = new ArrayList<>(); // the old list now belongs to the completer
            }
        }
    }

    private PendingBatch take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only close() stops the writer (with STOP); an interrupt from elsewhere must not drop batches.
            }
        }
    }

    private void write(List<PendingBatch> group) {
        Throwable error = failure;
        if (error == null) {
            try {
                GroupOverlay overlay = new GroupOverlay();
                for (PendingBatch p : group) {
                    overlay.trackMessages |= p.updatesMeta();
                }
                // The committing threads encoded most records; the writer adds those that read stored state and
                // hands the group to RocksDB as one serialized batch: one JNI call per group instead of per op.
                List<Part> parts = new ArrayList<>(group.size() + 1);
                // The journal record: the same with the new messages, after each batch's other records
                // (HeldMessages), or in place in a batch the writer encodes.
                List<BatchRep> record = new ArrayList<>(2 * group.size() + 1);
                for (int b = 0; b < group.size(); b++) {
                    PendingBatch p = group.get(b);
                    if (p.records() != null) {
                        parts.add(new Part(null, b));
                        record.add(p.records());
                        for (StoreOp.PutSequence s : p.sequences()) {
                            noteSequence(overlay, s); // commutes with everything but its own key
                        }
                        if (overlay.trackMessages) {
                            p.ops().forEach(overlay::track);
                        }
                    } else {
                        // Sequence records so far go before this batch: it may delete their entity.
                        BatchRep sequences = sequenceRecords(overlay);
                        if (sequences.count() > 0) {
                            parts.add(new Part(sequences, -1));
                            record.add(sequences);
                        }
                        int size = (int) Math.min(Integer.MAX_VALUE - 64, p.bytes() + 64);
                        BatchRep own = new BatchRep(size);
                        BatchRep journaled = new BatchRep(size);
                        for (int i = 0; i < p.ops().size(); i++) {
                            apply(own, journaled, overlay, p.ops().get(i), p.encodedMeta()[i]);
                        }
                        parts.add(new Part(own, -1));
                        record.add(journaled);
                    }
                    if (p.held() != null) {
                        record.add(p.held());
                    }
                }
                BatchRep sequences = sequenceRecords(overlay);
                parts.add(new Part(sequences, -1));
                record.add(sequences);
                if (count(record) > 0) {
                    sink.write(BatchRep.concat(record), group, parts);
                }
                overlay.deletedEntities.forEach(writtenSequences::remove);
                writtenSequences.putAll(overlay.sequences);
                groups.incrementAndGet();
                batches.addAndGet(group.size());
            } catch (Throwable e) {
                LOG.error("Store write failed; failing this and every later commit until the store is reopened", e);
                failure = e;
                error = e;
            }
        }
        int kb = 0;
        for (PendingBatch p : group) {
            kb += kb(p);
        }
        queuedKb.release(kb); // before completing, so a completed commit is no longer counted as queued
        complete(group, error == null ? null : new IllegalStateException("store write failed; reopen the store", error));
    }

    private static int count(List<BatchRep> parts) {
        int count = 0;
        for (BatchRep part : parts) {
            count += part.count();
        }
        return count;
    }

    private void complete(List<PendingBatch> group, Throwable error) {
        written.add(new Written(group, error));
        if (completing.compareAndSet(false, true)) {
            completer.execute(this::syncAndComplete);
        }
    }

    /** Completer thread: one journal sync for every group written since the last, then their futures, in order. */
    private void syncAndComplete() {
        while (true) {
            List<Written> ready = new ArrayList<>();
            for (Written w; (w = written.poll()) != null; ) {
                ready.add(w);
            }
            if (syncError == null && ready.stream().anyMatch(w -> w.error() == null)) {
                try {
                    journalSync.sync();
                } catch (Throwable e) {
                    LOG.error("Journal sync failed; failing the groups it covered and every later commit until the "
                            + "store is reopened", e);
                    failure = e;
                    syncError = new IllegalStateException("store write failed; reopen the store", e);
                }
            }
            for (Written w : ready) {
                // After a failed sync nothing is acknowledged, even groups the writer wrote before it noticed.
                Throwable error = w.error() != null ? w.error() : syncError;
                for (PendingBatch p : w.group()) {
                    if (error == null) {
                        p.future().complete(null);
                    } else {
                        p.future().completeExceptionally(error);
                    }
                }
            }
            completing.set(false);
            if (written.isEmpty() || !completing.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** A group the writer is done with: written unsynced (error null), or failed. */
    private record Written(List<PendingBatch> group, Throwable error) {
    }

    /**
     * Encodes an op of a batch that reads stored state, in submission order: into {@code journaled} whatever it
     * writes, into {@code rep} (for RocksDB) the same unless it puts a new message ({@link HeldMessages}).
     */
    private void apply(BatchRep rep, BatchRep journaled, GroupOverlay overlay, StoreOp op, byte[] encodedMeta)
            throws RocksDBException {
        if (op instanceof StoreOp.PutMessage p) {
            OpRecords.held(journaled, families, p, encodedMeta);
            overlay.track(op);
            return;
        }
        BatchRep records = new BatchRep(encodedMeta == null ? 64 : encodedMeta.length + 64);
        if (op instanceof StoreOp.UpdateMeta u) {
            // The reference store ignores updates of missing messages; a blind put would resurrect a deleted
            // message as a meta without payload.
            if (exists(overlay, u.queueId(), u.meta().sequenceNumber())) {
                records.put(families.meta(), Keys.message(u.queueId(), u.meta().sequenceNumber()), encodedMeta);
            }
        } else if (op instanceof StoreOp.PutSequence s) {
            putSequence(records, overlay, s);
        } else if (op instanceof StoreOp.DeleteEntity d) {
            deleteEntity(records, overlay, d.entityId());
        } else {
            OpRecords.blind(records, families, op);
            overlay.track(op);
        }
        rep.append(records);
        journaled.append(records);
    }

    /** Sequence numbers only grow: a put lower than what is stored (or put earlier in the group) is dropped. */
    private void putSequence(BatchRep rep, GroupOverlay overlay, StoreOp.PutSequence s) throws RocksDBException {
        if (noteSequence(overlay, s)) {
            rep.put(families.sequences(), Keys.id(s.entityId()), Keys.id(s.lastSequenceNumber()));
            overlay.unwrittenSequences.remove(s.entityId());
        }
    }

    /**
     * Notes a sequence mark in the group, to be written by {@link #sequenceRecords} (once per entity, the highest:
     * every send of a turn carries one); whether it is higher than what is stored or noted before.
     */
    private boolean noteSequence(GroupOverlay overlay, StoreOp.PutSequence s) throws RocksDBException {
        Long current = overlay.sequences.containsKey(s.entityId()) ? overlay.sequences.get(s.entityId())
                : overlay.deletedEntities.contains(s.entityId()) ? null : storedSequence(s.entityId());
        boolean higher = current == null || s.lastSequenceNumber() > current;
        overlay.sequences.put(s.entityId(), higher ? s.lastSequenceNumber() : current);
        if (higher) {
            overlay.unwrittenSequences.add(s.entityId());
        }
        return higher;
    }

    /** The records of the sequence marks noted and not written yet: the highest of each entity. */
    private BatchRep sequenceRecords(GroupOverlay overlay) {
        BatchRep rep = new BatchRep(32 * overlay.unwrittenSequences.size() + 16);
        for (long entityId : overlay.unwrittenSequences) {
            rep.put(families.sequences(), Keys.id(entityId), Keys.id(overlay.sequences.get(entityId)));
        }
        overlay.unwrittenSequences.clear();
        return rep;
    }

    /** One range tombstone per family instead of a delete per message: O(1) whatever the backlog. */
    private void deleteEntity(BatchRep rep, GroupOverlay overlay, long entityId) {
        byte[] id = Keys.id(entityId);
        rep.delete(families.entities(), id);
        rep.delete(families.sequences(), id);
        long first = QueueIds.firstOf(entityId);
        byte[] from = Keys.message(first, 0);
        byte[] to = Keys.message(first + 4, 0);
        rep.deleteRange(families.meta(), from, to);
        rep.deleteRange(families.payload(), from, to);
        // Every key of the entity starts with its 8-byte id, and sorts before the next id's keys.
        byte[] next = Keys.id(entityId + 1);
        rep.deleteRange(families.duplicates(), id, next);
        rep.deleteRange(families.sessions(), id, next);
        overlay.messages.keySet().removeIf(k -> QueueIds.entityOf(k.queueId()) == entityId);
        overlay.sequences.remove(entityId);
        overlay.unwrittenSequences.remove(entityId);
        overlay.deletedEntities.add(entityId);
    }

    private boolean exists(GroupOverlay overlay, long queueId, long seq) throws RocksDBException {
        Boolean inGroup = overlay.message(queueId, seq);
        if (inGroup != null) {
            return inGroup;
        }
        if (overlay.deletedEntities.contains(QueueIds.entityOf(queueId))) {
            return false;
        }
        return held.get(queueId, seq) != null || rocks.db.get(rocks.meta, Keys.message(queueId, seq)) != null;
    }

    private Long storedSequence(long entityId) throws RocksDBException {
        Long written = writtenSequences.get(entityId);
        if (written != null) {
            return written;
        }
        byte[] v = rocks.db.get(rocks.sequences, Keys.id(entityId));
        return v == null ? null : Keys.firstLong(v);
    }
}
