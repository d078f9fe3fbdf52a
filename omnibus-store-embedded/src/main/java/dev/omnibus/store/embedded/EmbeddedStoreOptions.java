package dev.omnibus.store.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of an {@link EmbeddedMessageStore}. Defaults suit a small server: about 64 MB of block cache and 64 MB
 * of memtables off-heap, whatever the backlog on disk, and at most 64 MB of batches waiting in the heap.
 *
 * @param directory the data directory; created when missing; one open store per directory
 * @param blockCacheBytes off-heap LRU cache of SST blocks shared by all column families (reads, index, filters)
 * @param writeBufferBytes total off-heap memtable budget across column families; when full, RocksDB flushes
 * @param syncWrites fsync the write-ahead log before acknowledging (true: survives power loss; false: survives a
 *     process crash only, because every write still reaches the OS before it is acknowledged)
 * @param queueCapacity batches that may wait for the writer; beyond it {@code commit} blocks (back-pressure)
 * @param maxQueuedBytes approximate bytes of batches that may wait for the writer (or be in its current group);
 *     beyond it {@code commit} blocks. A larger batch still passes, alone
 * @param maxGroupBytes approximate bytes the writer puts in one group commit before it syncs
 * @param maxGroupOps operations the writer puts in one group commit before it syncs
 * @param journalSegmentBytes size at which a journal segment is sealed; it is deleted once RocksDB has flushed
 *     what it holds, so the journal takes about one to two segments of disk
 */
public record EmbeddedStoreOptions(Path directory, long blockCacheBytes, long writeBufferBytes, boolean syncWrites,
                                   int queueCapacity, long maxQueuedBytes, long maxGroupBytes, int maxGroupOps,
                                   long journalSegmentBytes) {
    public static final long DEFAULT_JOURNAL_SEGMENT_BYTES = 64L << 20;
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 64L << 20;
    public static final long DEFAULT_WRITE_BUFFER_BYTES = 64L << 20;

    public EmbeddedStoreOptions {
        Objects.requireNonNull(directory, "directory");
        if (blockCacheBytes < (1 << 20)) {
            throw new IllegalArgumentException("blockCacheBytes must be at least 1 MB");
        }
        if (writeBufferBytes < (4 << 20)) {
            throw new IllegalArgumentException("writeBufferBytes must be at least 4 MB");
        }
        if (queueCapacity < 1 || maxGroupBytes < 1 || maxGroupOps < 1) {
            throw new IllegalArgumentException("queueCapacity, maxGroupBytes and maxGroupOps must be positive");
        }
        if (maxQueuedBytes < 1024 || maxQueuedBytes / 1024 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxQueuedBytes must be between 1 KB and 2 TB");
        }
        if (journalSegmentBytes < 4096) {
            throw new IllegalArgumentException("journalSegmentBytes must be at least 4 KB");
        }
    }

    /** The defaults for a data directory. */
    public static EmbeddedStoreOptions defaults(Path directory) {
        return new EmbeddedStoreOptions(directory, DEFAULT_BLOCK_CACHE_BYTES, DEFAULT_WRITE_BUFFER_BYTES, true,
                4096, 64L << 20, 4L << 20, 16_384, DEFAULT_JOURNAL_SEGMENT_BYTES);
    }

    public EmbeddedStoreOptions withBlockCacheBytes(long bytes) {
        return new EmbeddedStoreOptions(directory, bytes, writeBufferBytes, syncWrites, queueCapacity, maxQueuedBytes,
                maxGroupBytes, maxGroupOps, journalSegmentBytes);
    }

    public EmbeddedStoreOptions withWriteBufferBytes(long bytes) {
        return new EmbeddedStoreOptions(directory, blockCacheBytes, bytes, syncWrites, queueCapacity, maxQueuedBytes,
                maxGroupBytes, maxGroupOps, journalSegmentBytes);
    }

    public EmbeddedStoreOptions withSyncWrites(boolean sync) {
        return new EmbeddedStoreOptions(directory, blockCacheBytes, writeBufferBytes, sync, queueCapacity,
                maxQueuedBytes, maxGroupBytes, maxGroupOps, journalSegmentBytes);
    }

    /** Bounds the batches waiting for the writer, by count and by bytes. */
    public EmbeddedStoreOptions withQueueLimits(int capacity, long bytes) {
        return new EmbeddedStoreOptions(directory, blockCacheBytes, writeBufferBytes, syncWrites, capacity, bytes,
                maxGroupBytes, maxGroupOps, journalSegmentBytes);
    }

    public EmbeddedStoreOptions withGroupLimits(long bytes, int ops) {
        return new EmbeddedStoreOptions(directory, blockCacheBytes, writeBufferBytes, syncWrites, queueCapacity,
                maxQueuedBytes, bytes, ops, journalSegmentBytes);
    }

    public EmbeddedStoreOptions withJournalSegmentBytes(long bytes) {
        return new EmbeddedStoreOptions(directory, blockCacheBytes, writeBufferBytes, syncWrites, queueCapacity,
                maxQueuedBytes, maxGroupBytes, maxGroupOps, bytes);
    }
}
