package dev.omnibus.store.embedded;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write-ahead log, in place of RocksDB's: each group commit is appended here as the serialized RocksDB
 * write batch it is, then applied to RocksDB without its WAL (memtables only). The completer forces the journal
 * before it acknowledges a group; RocksDB's flushes make memtables durable in table files, after which the journal
 * segments that held them are deleted. Why not RocksDB's WAL: it checksums every byte with a software CRC32C (the
 * Maven Central build has no SSE 4.2 path), 40 % of the store writer's time with 1 KB messages; the JDK's CRC32C is
 * an intrinsic. See ADR 0009.
 *
 * <p>Append-only segment files {@code journal/<20-digit id>.journal}: an 8-byte header ({@code "OMNJ"}, version
 * 1), then records {@code length (int32) · crc32c of batch (int32) · batch}, the batch in RocksDB's write batch
 * format ({@link BatchRep}). A segment over {@code segmentBytes} is forced, sealed and a new one started; a background
 * thread then flushes every column family and deletes the sealed segments. On open, {@link #replay} hands every intact
 * record to the store, oldest first, which applies them again (every record is blind puts and deletes, so applying a
 * prefix of the history twice ends in the same state), flushes, and {@link #start}s anew.
 *
 * <p>Threads: {@link #append} on the store writer, {@link #force} on the completer, retention on its own thread.
 */
final class Journal implements AutoCloseable {
    static final int RECORD_HEADER = 8;
    private static final int FILE_MAGIC = 0x4F4D4E4A; // "OMNJ"
    private static final int FILE_VERSION = 1;
    private static final int FILE_HEADER = 8;
    private static final int WRITE_BUFFER = 1 << 20;
    private static final String SUFFIX = ".journal";
    private static final String SPARE = ".spare";
    private static final int SPARES = 2;
    /** The length field of a segment's last record, which says it was sealed (no record has a negative length). */
    private static final int SEAL_MARK = -1;
    private static final byte[] SEAL_BYTES = {'S', 'E', 'A', 'L'};
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** Makes everything applied to RocksDB so far durable in its table files (a flush of every column family). */
    interface Flusher {
        void flush() throws Exception;
    }

    /** Told on the writer thread when a segment is sealed, before RocksDB is flushed to retire it. */
    interface SealListener {
        void sealed(long segment) throws Exception;
    }

    /** One intact record found by {@link #replay}. */
    interface Replayer {
        void batch(byte[] batch) throws Exception;
    }

    private final Path dir;
    private final long segmentBytes;
    private final Flusher flusher;
    private final SealListener onSeal;
    /** Held while forcing and while switching segments, so the completer never forces a closed channel. */
    private final ReentrantLock segmentLock = new ReentrantLock();
    private final ExecutorService retention;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    private final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
    private final CRC32C crc = new CRC32C();
    /** The current segment's id, big-endian: every record's checksum starts with it (see {@link #create}). */
    private final ByteBuffer idBytes = ByteBuffer.allocate(8);
    /** Retired segment files kept for reuse, at most {@link #SPARES}; guarded by {@link #sealed}'s monitor. */
    private final java.util.ArrayDeque<Path> spares = new java.util.ArrayDeque<>();
    private volatile FileChannel current;
    private long currentId;
    private long position;
    /** Bytes appended since open, over all segments; written by the writer after each append. */
    private volatile long appended;
    /** What {@link #appended} was when the last force began: all of it is durable. Written under segmentLock. */
    private volatile long forced;
    /** Sealed segment ids not yet retired; the writer adds, retention removes. Its monitor also guards spares. */
    private final List<Long> sealed = new ArrayList<>();

    private Journal(Path dir, long segmentBytes, Flusher flusher, SealListener onSeal) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.flusher = flusher;
        this.onSeal = onSeal;
        this.retention = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "omnibus-store-journal");
            t.setDaemon(true);
            return t;
        });
    }

    /** The journal in {@code dir} (created when missing); call {@link #replay}, then {@link #start}. */
    static Journal open(Path dir, long segmentBytes, Flusher flusher, SealListener onSeal) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create journal directory " + dir, e);
        }
        return new Journal(dir, segmentBytes, flusher, onSeal);
    }

    /**
     * Hands every intact record of the segments on disk to {@code replayer}, oldest first. A sealed segment's records
     * end at its seal mark; the newest segment's at its first torn or corrupt record (a write a crash cut short, never
     * forced, so never acknowledged). An older segment without a seal mark is damaged: replay ends there.
     *
     * @return the segments found, for {@link #start} to retire once the store has made their records durable
     */
    List<Path> replay(Replayer replayer) throws Exception {
        List<Path> segments = segments();
        for (int k = 0; k < segments.size(); k++) {
            Path segment = segments.get(k);
            boolean last = k == segments.size() - 1;
            long size = Files.size(segment);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment),
                    1 << 16))) {
                if (size < FILE_HEADER || in.readInt() != FILE_MAGIC || in.readInt() != FILE_VERSION) {
                    if (!last) {
                        LOG.error("Journal segment {} has no valid header but later segments exist; replay ends "
                                + "before it", segment.getFileName());
                    }
                    return segments;
                }
                String damage = readRecords(id(segment), in, size - FILE_HEADER, replayer);
                if (damage != null) {
                    // The newest segment may end torn: a write the crash cut short, never acknowledged. An older
                    // one was sealed, so it ends with its seal mark; without it, it is damaged, and what follows
                    // cannot be applied in order.
                    if (last) {
                        LOG.info("Journal segment {} ends at {}: a write that was never acknowledged",
                                segment.getFileName(), damage);
                    } else {
                        LOG.error("Journal segment {} is damaged ({}) but later segments exist; replay ends there",
                                segment.getFileName(), damage);
                    }
                    return segments;
                }
            }
        }
        return segments;
    }

    /** Applies the records of one segment up to its seal mark; null then, else what ended it early. */
    private static String readRecords(long id, DataInputStream in, long remaining, Replayer replayer)
            throws Exception {
        CRC32C check = new CRC32C();
        byte[] seed = ByteBuffer.allocate(8).putLong(id).array();
        long records = 0;
        while (remaining >= RECORD_HEADER) {
            int length = in.readInt();
            int expected = in.readInt();
            remaining -= RECORD_HEADER;
            if (length == SEAL_MARK && expected == sealChecksum(seed)) {
                return null; // what follows is what the file held in an earlier life
            }
            if (length < BatchRep.HEADER || length > remaining) {
                return "a record of " + length + " bytes where " + remaining + " remain, after " + records;
            }
            byte[] batch = new byte[length];
            in.readFully(batch);
            remaining -= length;
            check.reset();
            check.update(seed);
            check.update(batch, 0, length);
            if ((int) check.getValue() != expected) {
                return "a checksum mismatch after " + records + " records";
            }
            replayer.batch(batch);
            records++;
        }
        return "the end of the file after " + records + " records, with no seal mark";
    }

    private static int sealChecksum(byte[] seed) {
        CRC32C c = new CRC32C();
        c.update(seed);
        c.update(SEAL_BYTES);
        return (int) c.getValue();
    }

    /** Retires the segments replayed (the store has made their records durable) and opens a new one. */
    void start(List<Path> replayed) throws IOException {
        // Ids never repeat while a file that may hold records of an id is left: a spare's name is the highest id it
        // was ever written under, so new ids start above every name.
        long max = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("\\d{20}\\" + SPARE)).sorted()
                    .toList()) {
                max = Math.max(max, Long.parseLong(p.getFileName().toString().substring(0, 20)));
                if (spares.size() < SPARES) {
                    spares.add(p);
                } else {
                    Files.delete(p);
                }
            }
        }
        for (Path p : replayed) {
            max = Math.max(max, id(p));
            retire(p);
        }
        currentId = max + 1;
        current = create(currentId);
    }

    /**
     * Writer thread: appends one group's serialized write batch; readable, not yet durable, when it returns.
     *
     * @return the id of the segment that holds it
     */
    long append(byte[] batch) throws IOException {
        return append(batch, false);
    }

    /** {@link #append(byte[])}, sealing the current segment first when {@code seal} (and it holds anything). */
    long append(byte[] batch, boolean seal) throws IOException {
        long total = RECORD_HEADER + (long) batch.length;
        if (position > FILE_HEADER && (seal || position + total > segmentBytes)) {
            roll();
        }
        crc.reset();
        crc.update(idBytes.array(), 0, 8);
        crc.update(batch, 0, batch.length);
        header.clear();
        header.putInt(batch.length).putInt((int) crc.getValue()).flip();
        buffer.put(header);
        for (int off = 0; off < batch.length; ) {
            int n = Math.min(buffer.remaining(), batch.length - off);
            buffer.put(batch, off, n);
            off += n;
            if (!buffer.hasRemaining()) {
                drain();
            }
        }
        drain();
        position += total;
        appended += total; // only the writer writes it
        return currentId;
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            current.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Makes everything appended so far durable; returns at once when a force since the last append did. Called by
     * the completer, and before every RocksDB flush (several per sealed segment, one per column family).
     */
    void force() throws IOException {
        long target = appended;
        if (target <= forced) {
            return;
        }
        segmentLock.lock();
        try {
            if (target > forced) {
                current.force(false);
                forced = target;
            }
        } finally {
            segmentLock.unlock();
        }
    }

    /**
     * Seals the current segment — its seal mark written and forced: a later force covers only the new one, and
     * replay knows where its records end — and starts the next.
     */
    private void roll() throws IOException {
        FileChannel old = current;
        long oldId = currentId;
        header.clear();
        header.putInt(SEAL_MARK).putInt(sealChecksum(idBytes.array())).flip();
        buffer.put(header);
        drain();
        FileChannel next = create(oldId + 1);
        segmentLock.lock();
        try {
            old.force(false);
            current = next;
            currentId = oldId + 1;
        } finally {
            segmentLock.unlock();
        }
        old.close();
        try {
            onSeal.sealed(oldId);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("sealing journal segment " + oldId + " failed", e);
        }
        synchronized (sealed) {
            sealed.add(oldId);
        }
        // Every record of the sealed segment is in RocksDB's memtables by now (the writer appends a group before it
        // applies it): a flush started after this point makes them all durable.
        retention.execute(this::flushAndDeleteSealed);
    }

    private void flushAndDeleteSealed() {
        List<Long> ids;
        synchronized (sealed) {
            ids = new ArrayList<>(sealed);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            flusher.flush();
            for (long id : ids) {
                retire(path(id));
            }
            synchronized (sealed) {
                sealed.removeAll(ids);
            }
        } catch (Exception e) {
            // Kept segments cost only disk: the next roll tries again, and an open replays them.
            LOG.warn("Could not flush the store to retire {} journal segment(s): {}", ids.size(), e.toString());
        }
    }

    /**
     * Opens segment {@code id}: a spare renamed, when there is one, else a new file. Why reuse: overwriting blocks a
     * file already has spares the file system a metadata commit at every force (new blocks, a new size), which
     * halves a force's time here. What a spare held before is never read as a record: each record's checksum starts
     * with the id of the segment it was written to.
     */
    private FileChannel create(long id) throws IOException {
        Path spare;
        synchronized (sealed) {
            spare = spares.poll();
        }
        FileChannel ch;
        if (spare != null) {
            Files.move(spare, path(id));
            ch = FileChannel.open(path(id), StandardOpenOption.WRITE);
        } else {
            ch = FileChannel.open(path(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        ByteBuffer h = ByteBuffer.allocate(FILE_HEADER).putInt(FILE_MAGIC).putInt(FILE_VERSION).flip();
        while (h.hasRemaining()) {
            ch.write(h);
        }
        // The new name must be durable before anything in the file is acknowledged: forcing a file whose blocks
        // were all there before (a reused spare) commits no metadata, so it would not carry the rename with it.
        syncDirectory();
        position = FILE_HEADER;
        idBytes.clear();
        idBytes.putLong(id).flip();
        return ch;
    }

    /**
     * A segment no longer needed becomes a spare, or goes when there are enough. The rename is made durable before
     * the spare can be reused: after a power loss the file must not come back under its old name holding records of
     * another segment (they would end the replay there).
     */
    private void retire(Path segment) throws IOException {
        synchronized (sealed) {
            if (spares.size() < SPARES) {
                Path spare = segment.resolveSibling(segment.getFileName().toString().replace(SUFFIX, SPARE));
                Files.move(segment, spare, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                syncDirectory();
                spares.add(spare);
                return;
            }
        }
        Files.deleteIfExists(segment);
    }

    /** Makes the journal directory's entries (creations, renames, deletions) durable. */
    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private Path path(long id) {
        return dir.resolve(String.format("%020d%s", id, SUFFIX));
    }

    private static long id(Path p) {
        String name = p.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    /** Segment files on disk, oldest first. */
    List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\" + SUFFIX)).sorted().toList();
        }
    }

    /**
     * Waits for retention in progress, then closes the current segment, forced. With {@code flushed} (RocksDB has
     * just flushed everything the journal holds) the segments are retired too, so the next open has nothing to
     * replay. The writer has stopped.
     */
    void close(boolean flushed) {
        retention.shutdown();
        try {
            if (!retention.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Journal retention still running after 30 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FileChannel ch = current;
        if (ch == null) {
            return;
        }
        try {
            force();
            ch.close();
            if (flushed) {
                for (Path p : segments()) {
                    retire(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("Closing the journal failed ({}); the next open replays it", e.toString());
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
