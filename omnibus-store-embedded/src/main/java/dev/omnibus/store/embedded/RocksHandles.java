package dev.omnibus.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushJobInfo;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.AbstractImmutableNativeReference;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open RocksDB instance with its column families and every native object it needs, closed in the one safe
 * order: column family handles, then the database, then options, filter and cache (closing an options or cache
 * object while the database still uses it crashes the JVM).
 */
final class RocksHandles implements AutoCloseable {
    /**
     * Bumped when a layout changes; a store refuses a directory written with another version, except the one
     * before: version 1 (RocksDB's WAL, no journal) opens as is and is marked 2, which older builds refuse, since
     * they would not replay the journal.
     */
    static final int FORMAT_VERSION = 2;
    private static final int UPGRADABLE_VERSION = 1;
    static final List<String> FAMILIES =
            List.of("default", "entities", "meta", "payload", "sequences", "duplicates", "sessions");

    private static final Logger LOG = LoggerFactory.getLogger(RocksHandles.class);

    final RocksDB db;
    /** The default family: holds only the format version. */
    final ColumnFamilyHandle defaults;
    final ColumnFamilyHandle entities;
    final ColumnFamilyHandle meta;
    final ColumnFamilyHandle payload;
    final ColumnFamilyHandle sequences;
    final ColumnFamilyHandle duplicates;
    final ColumnFamilyHandle sessions;
    final WriteOptions writeOptions;
    /** Whether a group is acknowledged only once the journal holding it is synced to disk. */
    final boolean syncWrites;
    private final List<ColumnFamilyHandle> handles;
    /** Options, filter and cache, in creation order; closed in reverse after the database. */
    private final List<AbstractImmutableNativeReference> owned;
    private final FlushBarrier barrier;

    private RocksHandles(RocksDB db, List<ColumnFamilyHandle> handles, WriteOptions writeOptions, boolean syncWrites,
                         List<AbstractImmutableNativeReference> owned, FlushBarrier barrier) {
        this.barrier = barrier;
        this.db = db;
        this.handles = handles;
        this.defaults = handles.get(0);
        this.entities = handles.get(1);
        this.meta = handles.get(2);
        this.payload = handles.get(3);
        this.sequences = handles.get(4);
        this.duplicates = handles.get(5);
        this.sessions = handles.get(6);
        this.writeOptions = writeOptions;
        this.syncWrites = syncWrites;
        this.owned = owned;
    }

    static RocksHandles open(EmbeddedStoreOptions o) {
        RocksDB.loadLibrary();
        Path dir = o.directory().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dir, e);
        }
        boolean existing = Files.exists(dir.resolve("CURRENT"));
        List<AbstractImmutableNativeReference> owned = new ArrayList<>();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db = null;
        try {
            if (existing) {
                checkFamilies(dir);
            }
            // One off-heap cache bounds all block reads, index and filter blocks, whatever the data size.
            LRUCache cache = own(owned, new LRUCache(o.blockCacheBytes()));
            // ~1% false positives: a point read skips SST files that cannot hold the key without reading them.
            BloomFilter bloom = own(owned, new BloomFilter(10));
            DBOptions dbOptions = own(owned, dbOptions(o));
            FlushBarrier barrier = own(owned, new FlushBarrier());
            dbOptions.setListeners(List.of(barrier));
            ColumnFamilyOptions small = own(owned, family(table(cache, bloom, 4096), Math.min(4L << 20,
                    o.writeBufferBytes() / 16), 2));
            // meta and payload take most writes; three buffers let one fill while another flushes.
            ColumnFamilyOptions metaOptions = own(owned, family(table(cache, bloom, 4096),
                    o.writeBufferBytes() / 4, 3));
            // Bigger blocks: a smaller index per GB of backlog and better compression of bodies.
            ColumnFamilyOptions payloadOptions = own(owned, family(table(cache, bloom, 16 * 1024),
                    o.writeBufferBytes() / 2, 3));
            // Payload reads always hit (meta says the message exists): skip filters on the last level.
            payloadOptions.setOptimizeFiltersForHits(true);
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String name : FAMILIES) {
                ColumnFamilyOptions cf = switch (name) {
                    case "meta" -> metaOptions;
                    case "payload" -> payloadOptions;
                    default -> small;
                };
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cf));
            }
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            checkFormatVersion(db, handles, existing, dir);
            // Groups go to memtables only: the store's own journal is their write-ahead log (see Journal).
            WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
            return new RocksHandles(db, Collections.unmodifiableList(handles), writeOptions, o.syncWrites(), owned,
                    barrier);
        } catch (RocksDBException | RuntimeException e) {
            handles.forEach(ColumnFamilyHandle::close);
            if (db != null) {
                db.close();
            }
            closeReversed(owned);
            if (e instanceof RocksDBException r) {
                throw new IllegalStateException("Cannot open store in " + dir + ": " + r.getMessage(), r);
            }
            throw (RuntimeException) e;
        }
    }

    private static DBOptions dbOptions(EmbeddedStoreOptions o) {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // A torn tail of the log is a group that was never acknowledged: drop it and open, do not refuse.
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                // Bounds memtables across all column families, off-heap.
                .setDbWriteBufferSize(o.writeBufferBytes())
                // Rarely written families (entities) would otherwise pin old log files forever.
                .setMaxTotalWalSize(4 * o.writeBufferBytes())
                // One flush and one compaction at a time: leaves the cores to the broker on small machines.
                .setMaxBackgroundJobs(2)
                // Write SST data back to disk steadily instead of in one burst when a file is finished.
                .setBytesPerSync(1 << 20)
                // Keeps file descriptors bounded for backlogs of thousands of SST files.
                .setMaxOpenFiles(512)
                // RocksDB's own LOG files: enough to diagnose, never growing without bound.
                .setKeepLogFileNum(3)
                .setMaxLogFileSize(8L << 20);
    }

    private static BlockBasedTableConfig table(LRUCache cache, BloomFilter bloom, long blockSize) {
        return new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setBlockSize(blockSize)
                .setFilterPolicy(bloom)
                // Index and filter blocks are charged to the bounded cache instead of growing with the data...
                .setCacheIndexAndFilterBlocks(true)
                // ...but those of the newest files stay pinned, since nearly every read goes through them.
                .setPinL0FilterAndIndexBlocksInCache(true);
    }

    private static ColumnFamilyOptions family(BlockBasedTableConfig table, long writeBufferSize, int buffers) {
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(writeBufferSize)
                .setMaxWriteBufferNumber(buffers)
                // LZ4 costs little CPU; bodies are often JSON or XML and shrink well.
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                // The last level holds the cold backlog: trade a little CPU for a better ratio there.
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION);
    }

    /** Refuses a directory with column families this version does not know: a newer version wrote it. */
    private static void checkFamilies(Path dir) throws RocksDBException {
        List<byte[]> present;
        try (Options options = new Options()) {
            present = RocksDB.listColumnFamilies(options, dir.toString());
        }
        for (byte[] name : present) {
            String n = new String(name, StandardCharsets.UTF_8);
            if (!FAMILIES.contains(n)) {
                throw new IllegalStateException("Data directory " + dir + " has column family '" + n
                        + "', unknown to this version (format " + FORMAT_VERSION + "): written by a newer Omnibus?");
            }
        }
    }

    private static void checkFormatVersion(RocksDB db, List<ColumnFamilyHandle> handles, boolean existing, Path dir)
            throws RocksDBException {
        ColumnFamilyHandle defaults = handles.get(0);
        byte[] v = db.get(defaults, Keys.FORMAT_VERSION_KEY);
        if (v == null) {
            // An empty database without a version: a first open that was killed before it wrote the version.
            if (existing && !isEmpty(db, handles)) {
                throw new IllegalStateException("Data directory " + dir
                        + " holds a RocksDB database without an Omnibus format version: not an Omnibus store");
            }
            writeFormatVersion(db, defaults);
        } else if (v.length == 4 && Keys.int4(v) == UPGRADABLE_VERSION) {
            writeFormatVersion(db, defaults);
            LOG.info("Store in {} upgraded from format version {} to {}", dir, UPGRADABLE_VERSION, FORMAT_VERSION);
        } else if (v.length != 4 || Keys.int4(v) != FORMAT_VERSION) {
            throw new IllegalStateException("Data directory " + dir + " has store format version "
                    + (v.length == 4 ? Keys.int4(v) : "?") + "; this Omnibus reads version " + FORMAT_VERSION);
        }
    }

    private static void writeFormatVersion(RocksDB db, ColumnFamilyHandle defaults) throws RocksDBException {
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            db.put(defaults, sync, Keys.FORMAT_VERSION_KEY, Keys.int4(FORMAT_VERSION));
        }
    }

    private static boolean isEmpty(RocksDB db, List<ColumnFamilyHandle> handles) throws RocksDBException {
        for (ColumnFamilyHandle h : handles) {
            try (RocksIterator it = db.newIterator(h)) {
                it.seekToFirst();
                it.status();
                if (it.isValid()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static <T extends AbstractImmutableNativeReference> T own(List<AbstractImmutableNativeReference> owned,
                                                                      T object) {
        owned.add(object);
        return object;
    }

    private static void closeReversed(List<AbstractImmutableNativeReference> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
    }

    /** Column family ids, for write batch records built in Java. */
    OpRecords.Families families() {
        return new OpRecords.Families(entities.getID(), meta.getID(), payload.getID(), sequences.getID(),
                duplicates.getID(), sessions.getID());
    }

    /** Closes everything; the caller guarantees no read, write or iterator is in progress or follows. */
    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        try {
            // Waits for background flushes and compactions; reports errors instead of swallowing them.
            db.closeE();
        } catch (RocksDBException e) {
            LOG.warn("Closing the store reported an error (data written before it is safe): {}", e.getMessage());
        }
        writeOptions.close();
        closeReversed(owned);
    }

    /** Writes every column family's memtables to table files and waits: all applied so far is durable there. */
    void flushAll() throws RocksDBException {
        try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
            db.flush(wait, handles);
        }
    }

    /** From now on every flush first forces {@code journal}: see {@link FlushBarrier}. */
    void journal(Journal journal) {
        barrier.journal = journal;
    }

    /**
     * Forces the journal before RocksDB writes memtables to a table file. The writer applies a group to the memtables
     * right after appending it to the journal, before the completer forces it; without this, a flush could make a
     * group durable in one column family whose journal record a power loss then tears (the group was never
     * acknowledged, but half of it would come back).
     */
    static final class FlushBarrier extends AbstractEventListener {
        volatile Journal journal;

        FlushBarrier() {
            super(EnabledEventCallback.ON_FLUSH_BEGIN);
        }

        @Override
        public void onFlushBegin(RocksDB db, FlushJobInfo info) {
            Journal j = journal;
            if (j != null) {
                try {
                    j.force();
                } catch (Exception e) {
                    LOG.error("Forcing the journal before a flush failed; a power loss now could keep part of an "
                            + "unacknowledged group", e);
                }
            }
        }
    }
}
