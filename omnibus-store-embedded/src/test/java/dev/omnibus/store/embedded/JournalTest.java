package dev.omnibus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final int RECORD = 200;

    @TempDir
    Path dir;

    private final AtomicInteger flushes = new AtomicInteger();
    private final List<Long> sealed = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Journal open(long segmentBytes) {
        return Journal.open(dir, segmentBytes, flushes::incrementAndGet, sealed::add);
    }

    /** A record that says which it is: its number in the first 8 bytes, padded to a fixed size. */
    private static byte[] record(long n) {
        return ByteBuffer.allocate(RECORD).putLong(n).array();
    }

    /** A started journal whose segments hold {@code records} records each. */
    private Journal started(int records) throws IOException {
        Journal journal = open(records * (Journal.RECORD_HEADER + RECORD) + 8L);
        journal.start(List.of());
        return journal;
    }

    private List<Long> replay(Journal journal) throws Exception {
        List<Long> seen = new ArrayList<>();
        journal.replay(batch -> seen.add(ByteBuffer.wrap(batch).getLong()));
        return seen;
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Records 1, 2 and 3 in one segment, closed; its path. */
    private Path threeRecords() throws Exception {
        Journal journal = open(1 << 20);
        journal.start(List.of());
        for (long n = 1; n <= 3; n++) {
            journal.append(record(n));
        }
        journal.close();
        return files(".journal").get(0);
    }

    @Test
    void replaysWhatWasAppendedInOrderAndStopsAtATornTail() throws Exception {
        Path segment = threeRecords();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(f.length() - 5); // a crash cut the last write short
        }
        Journal reopened = open(1 << 20);
        assertThat(replay(reopened)).containsExactly(1L, 2L);
        reopened.close();
    }

    @Test
    void aCorruptRecordEndsTheReplayThere() throws Exception {
        Path segment = threeRecords();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            long secondBody = 8 + (Journal.RECORD_HEADER + RECORD) + Journal.RECORD_HEADER + 50;
            f.seek(secondBody);
            int b = f.read();
            f.seek(secondBody);
            f.write(b ^ 0x40);
        }
        Journal reopened = open(1 << 20);
        // Record 3 is intact, but applying it without record 2 would break the order: replay ends at the damage.
        assertThat(replay(reopened)).containsExactly(1L);
        reopened.close();
    }

    @Test
    void sealedSegmentsAreRetiredAfterAFlushAndReusedWithoutTheirOldRecords() throws Exception {
        // Five records a segment: a hundred appends seal about twenty segments.
        Journal journal = started(5);
        long n = 0;
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 25; i++) {
                journal.append(record(++n));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (files(".journal").size() > 2 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000); // retention runs on its own thread after each roll
            }
        }
        // Into a reused spare, and short of filling it: the rest of that file is records of its earlier life.
        journal.append(record(++n));
        journal.append(record(++n));
        assertThat(flushes.get()).as("a flush before retiring").isPositive();
        assertThat(sealed).as("each sealed segment announced once, in order").isSorted().doesNotHaveDuplicates()
                .isNotEmpty();
        assertThat(files(".journal")).as("sealed segments retired").hasSizeLessThanOrEqualTo(2);
        assertThat(files(".spare")).as("retired segments kept for reuse").hasSizeLessThanOrEqualTo(2);
        journal.close();

        // Spares were reused with records of the same size, so a stale record would parse as a record if its
        // checksum did not depend on the segment: what comes back must be the newest records, in order, nothing else.
        Journal reopened = open(1 << 20);
        List<Long> seen = replay(reopened);
        reopened.close();
        assertThat(seen).isNotEmpty().endsWith(n);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(seen.get(i - 1) + 1);
        }
    }

    @Test
    void idsNeverRepeatWhileAFileMayHoldRecordsOfThem() throws Exception {
        Journal journal = started(3);
        long n = 0;
        for (int i = 0; i < 30; i++) {
            journal.append(record(++n));
        }
        journal.close(true); // everything retired: only spares are left, holding records of old ids
        long highestSpare = 0;
        for (Path p : files(".spare")) {
            highestSpare = Math.max(highestSpare, Long.parseLong(p.getFileName().toString().substring(0, 20)));
        }
        assertThat(files(".spare")).isNotEmpty();

        Journal reopened = open(1 << 20);
        reopened.start(reopened.replay(batch -> { }));
        reopened.append(record(++n));
        reopened.close();
        List<Path> segments = files(".journal");
        assertThat(segments).hasSize(1);
        assertThat(Long.parseLong(segments.get(0).getFileName().toString().substring(0, 20)))
                .isGreaterThan(highestSpare);
        Journal again = open(1 << 20);
        assertThat(replay(again)).containsExactly(n); // nothing of the reused file's earlier lives
        again.close();
    }

    @Test
    void anOlderSegmentWithoutItsSealMarkEndsTheReplayThere() throws Exception {
        // Three records a segment, and a flush that fails, so nothing is retired: segments 1, 2, 3.
        Journal journal = Journal.open(dir, 3 * (Journal.RECORD_HEADER + RECORD) + 8, () -> {
            throw new IllegalStateException("injected: flush failed");
        }, sealed::add);
        journal.start(List.of());
        for (long n = 1; n <= 7; n++) {
            journal.append(record(n));
        }
        journal.close();
        List<Path> segments = files(".journal");
        assertThat(segments).hasSize(3);
        try (RandomAccessFile f = new RandomAccessFile(segments.get(0).toFile(), "rw")) {
            f.setLength(f.length() - Journal.RECORD_HEADER); // segment 1 loses its seal mark: damaged
        }
        Journal reopened = open(1 << 20);
        assertThat(replay(reopened)).containsExactly(1L, 2L, 3L); // nothing of segments 2 and 3
        reopened.close();
    }

    @Test
    void aCleanCloseAfterAFlushLeavesNothingToReplay() throws Exception {
        Journal journal = open(1 << 20);
        journal.start(List.of());
        journal.append(record(1));
        journal.close(true);
        Journal reopened = open(1 << 20);
        assertThat(replay(reopened)).isEmpty();
        reopened.close();
    }
}
