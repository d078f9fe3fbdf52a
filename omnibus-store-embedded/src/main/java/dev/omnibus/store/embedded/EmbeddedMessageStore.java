package dev.omnibus.store.embedded;

import dev.omnibus.core.store.MessageMetaCodec;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.store.RecoveryVisitor;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoredMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded durable store: one data directory on local disk, kept by RocksDB. Message metas and payloads live in
 * separate column families under the same key (queue id, sequence number), so recovery scans only the small metas
 * and payloads never sit in the Java heap; RocksDB's block cache and memtables are off-heap and bounded (see
 * {@link EmbeddedStoreOptions}).
 *
 * <p>Writes go through one writer thread that group-commits everything queued with one journal sync
 * ({@link GroupCommitWriter}); a commit's future completes once its batch is durable. Reads ({@link #read},
 * {@link #scan}, {@link #recover}) run on the caller's thread, concurrently with the writer, each on a consistent
 * snapshot. Ids and sequence numbers must be non-negative (entity ids below {@code Long.MAX_VALUE / 4}); a batch
 * that breaks this fails alone. A null payload is stored, and read back, as an empty one.
 *
 * <p>Thread-safe. After a failed write every later commit fails until the store is reopened; reads go on. Layout,
 * group commit and guarantees: {@code docs/storage.md}.
 */
public final class EmbeddedMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMessageStore.class);

    private final EmbeddedStoreOptions options;
    private final RocksHandles rocks;
    private final Journal journal;
    private final HeldMessages held = new HeldMessages();
    private final GroupCommitWriter writer;
    private final OpRecords.Families families;
    /** Shared by commits and reads in progress; exclusive while closing, so native objects are never used closed. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private boolean nativeClosed; // guarded by lock

    private EmbeddedMessageStore(EmbeddedStoreOptions options) {
        this.options = options;
        this.rocks = RocksHandles.open(options);
        this.families = rocks.families();
        Journal opened = null;
        try {
            opened = Journal.open(options.directory().resolve("journal"), options.journalSegmentBytes(),
                    rocks::flushAll, segment -> held.moveToRocks(segment, rocks));
            replayJournal(opened);
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            rocks.close();
            throw e;
        }
        this.journal = opened;
        this.writer = new GroupCommitWriter(rocks, journal, held, options, "omnibus-store");
        writer.start();
        LOG.info("Opened embedded store in {}", options.directory().toAbsolutePath());
    }

    /**
     * Applies again what the journal holds: the groups of the last run that RocksDB may not have flushed. Each is
     * blind puts and deletes, so applying a prefix of the history twice, then the rest, ends where the last run did.
     * Then flushes, so the old segments can go.
     */
    private void replayJournal(Journal journal) {
        try {
            long[] groups = {0};
            List<Path> replayed = journal.replay(batch -> {
                try (WriteBatch wb = new WriteBatch(batch)) {
                    rocks.db.write(rocks.writeOptions, wb);
                }
                groups[0]++;
            });
            if (groups[0] > 0) {
                rocks.flushAll();
            }
            journal.start(replayed);
            rocks.journal(journal);
            if (!replayed.isEmpty()) {
                LOG.info("Replayed {} journal segment(s): {} group commit(s)", replayed.size(), groups[0]);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot replay the journal in " + options.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Opens (creating when needed) the store in {@code options.directory()}; one open store per directory. */
    public static EmbeddedMessageStore open(EmbeddedStoreOptions options) {
        return new EmbeddedMessageStore(options);
    }

    /** Opens the store in {@code directory} with the default options. */
    public static EmbeddedMessageStore open(Path directory) {
        return open(EmbeddedStoreOptions.defaults(directory));
    }

    public EmbeddedStoreOptions options() {
        return options;
    }

    /** Batches waiting for the writer: a back-pressure signal for the broker's high-water marks. */
    public int queuedBatches() {
        return writer.queued();
    }

    /** Approximate bytes of batches waiting for the writer or being written. */
    @Override
    public long pendingBytes() {
        return writer.queuedBytes();
    }

    /** Group commits (journal syncs) made since open. */
    public long groupCommits() {
        return writer.groupsWritten();
    }

    /** Batches made durable since open. */
    public long committedBatches() {
        return writer.batchesWritten();
    }

    GroupCommitWriter writer() {
        return writer;
    }

    HeldMessages heldMessages() {
        return held;
    }

    @Override
    public CompletableFuture<Void> commit(StoreBatch batch) {
        PendingBatch pending;
        try {
            pending = PendingBatch.of(batch, families);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        lock.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("store is closed"));
            }
            Throwable failure = writer.failure();
            if (failure != null) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("store failed earlier; reopen the store", failure));
            }
            writer.submit(pending);
            return pending.future();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void recover(RecoveryVisitor visitor) {
        lock.readLock().lock();
        try {
            ensureOpen();
            HeldMessages.Merge held = this.held.merge(-1, 0);
            Consumer<HeldMessages.Held> visit = h -> visitor.message(h.queueId(), MessageMetaCodec.decode(h.meta()));
            Snapshot snapshot = rocks.db.getSnapshot();
            // One snapshot for all families: a consistent picture even if commits run meanwhile. Recovery reads
            // everything once, so it must not evict the working set from the block cache.
            try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot).setFillCache(false)) {
                each(rocks.entities, ro, (k, v) -> visitor.entity(Keys.firstLong(k), v));
                each(rocks.sequences, ro, (k, v) -> visitor.sequence(Keys.firstLong(k), Keys.firstLong(v)));
                each(rocks.duplicates, ro,
                        (k, v) -> visitor.duplicate(Keys.firstLong(k), Keys.name(k), Keys.firstLong(v)));
                each(rocks.sessions, ro, (k, v) -> visitor.sessionState(Keys.firstLong(k), Keys.name(k),
                        Keys.sessionState(v), Keys.firstLong(v)));
                // Key order is (queue, sequence): each queue's metas come out ascending, the held ones among them.
                each(rocks.meta, ro, (k, v) -> {
                    HeldMessages.Held h = held.upTo(Keys.firstLong(k), Keys.secondLong(k), visit);
                    if (h != null) {
                        visit.accept(h);
                    } else {
                        visitor.message(Keys.firstLong(k), MessageMetaCodec.decode(v));
                    }
                });
                held.rest(visit);
            } finally {
                rocks.db.releaseSnapshot(snapshot);
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("store recovery failed: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private interface EntryConsumer {
        void accept(byte[] key, byte[] value);
    }

    private void each(ColumnFamilyHandle family, ReadOptions ro, EntryConsumer consumer) throws RocksDBException {
        try (RocksIterator it = rocks.db.newIterator(family, ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                consumer.accept(it.key(), it.value());
            }
            it.status(); // an I/O or corruption error ends iteration early: report it instead of a short result
        }
    }

    @Override
    public StoredMessage read(long queueId, long sequenceNumber) {
        if (queueId < 0 || sequenceNumber < 0) {
            return null;
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            HeldMessages.Held h = held.get(queueId, sequenceNumber);
            if (h != null) {
                return message(h.meta(), h.payload());
            }
            byte[] key = Keys.message(queueId, sequenceNumber);
            // No snapshot: this is the delivery path, and a snapshot plus read options cost more JNI than the two
            // gets. A message is deleted only by the entity that reads it, so the pair cannot be split in practice;
            // if a payload is gone anyway, the message counts as gone.
            byte[] meta = rocks.db.get(rocks.meta, key);
            if (meta == null) {
                return null;
            }
            byte[] payload = payload(queueId, sequenceNumber, key, null);
            return payload == null ? null : message(meta, payload);
        } catch (RocksDBException e) {
            throw new IllegalStateException("store read failed: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<StoredMessage> scan(long queueId, long fromSequenceNumber, int maxCount) {
        List<StoredMessage> out = new ArrayList<>(Math.max(0, Math.min(maxCount, 256)));
        if (queueId < 0 || queueId > Long.MAX_VALUE - 1 || maxCount <= 0) {
            return out;
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            HeldMessages.Merge held = this.held.merge(queueId, fromSequenceNumber);
            Consumer<HeldMessages.Held> add = h -> {
                if (out.size() < maxCount) {
                    out.add(message(h.meta(), h.payload()));
                }
            };
            Snapshot snapshot = rocks.db.getSnapshot();
            // Bounds keep the iterator inside this queue: it never steps over other queues' keys or tombstones.
            try (Slice lower = new Slice(Keys.message(queueId, Math.max(0, fromSequenceNumber)));
                 Slice upper = new Slice(Keys.message(queueId + 1, 0));
                 ReadOptions ro = new ReadOptions().setSnapshot(snapshot)
                         .setIterateLowerBound(lower).setIterateUpperBound(upper);
                 RocksIterator it = rocks.db.newIterator(rocks.meta, ro)) {
                for (it.seekToFirst(); it.isValid() && out.size() < maxCount; it.next()) {
                    byte[] key = it.key();
                    long seq = Keys.secondLong(key);
                    HeldMessages.Held h = held.upTo(queueId, seq, add);
                    if (h != null) {
                        add.accept(h);
                    } else if (out.size() < maxCount) {
                        out.add(message(it.value(), payload(queueId, seq, key, ro)));
                    }
                }
                it.status();
                held.rest(add);
            } finally {
                rocks.db.releaseSnapshot(snapshot);
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("store scan failed: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    /** A message's payload: held for the journal ({@link HeldMessages}), or in RocksDB. */
    private byte[] payload(long queueId, long seq, byte[] key, ReadOptions ro) throws RocksDBException {
        HeldMessages.Held h = held.get(queueId, seq);
        byte[] payload = h == null ? null : h.payload();
        if (payload == null && ro != null) {
            payload = rocks.db.get(rocks.payload, ro, key);
        }
        // Moved out of the held ones since the scan's snapshot was taken: the latest state has it.
        return payload != null ? payload : rocks.db.get(rocks.payload, key);
    }

    private static StoredMessage message(byte[] meta, byte[] payload) {
        return new StoredMessage(MessageMetaCodec.decode(meta), payload == null ? new byte[0] : payload);
    }

    private void ensureOpen() {
        if (nativeClosed) {
            throw new IllegalStateException("store is closed");
        }
    }

    /**
     * Stops accepting commits, writes and completes every queued one, then closes RocksDB. Idempotent. Reads keep
     * working until the writer has drained; afterwards they fail with {@link IllegalStateException}.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true; // no commit is in submit() now, and none gets past the check any more
        } finally {
            lock.writeLock().unlock();
        }
        // Not under the lock: completion callbacks may call commit() (and get "closed") or read() meanwhile.
        writer.stop();
        boolean flushed = false;
        if (writer.failure() == null) {
            try {
                held.moveToRocks(Long.MAX_VALUE, rocks);
                rocks.flushAll(); // then the next open has no journal to replay
                flushed = true;
            } catch (RocksDBException e) {
                LOG.warn("Flushing the store on close failed ({}); the next open replays the journal", e.getMessage());
            }
        }
        rocks.journal(null);
        journal.close(flushed);
        lock.writeLock().lock();
        try {
            nativeClosed = true;
            rocks.close();
        } finally {
            lock.writeLock().unlock();
        }
        LOG.info("Closed embedded store in {}", options.directory().toAbsolutePath());
    }
}
