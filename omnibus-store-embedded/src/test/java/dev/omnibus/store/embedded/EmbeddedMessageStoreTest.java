package dev.omnibus.store.embedded;

import static dev.omnibus.core.store.tck.StoreFixtures.await;
import static dev.omnibus.core.store.tck.StoreFixtures.meta;
import static dev.omnibus.core.store.tck.StoreFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.tck.MessageStoreContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The store contract on RocksDB, plus what only the embedded store promises. */
class EmbeddedMessageStoreTest extends MessageStoreContract {
    @Override
    protected MessageStore open(Path directory) {
        // Small memory settings: many stores open and close in one test JVM.
        return EmbeddedMessageStore.open(EmbeddedStoreOptions.defaults(directory)
                .withBlockCacheBytes(8L << 20).withWriteBufferBytes(16L << 20));
    }

    @Override
    protected MessageStore restart(MessageStore store, Path directory) {
        store.close();
        return open(directory);
    }

    private EmbeddedMessageStore embedded() {
        return (EmbeddedMessageStore) store;
    }

    @Test
    void groupCommitSharesOneSyncAmongManyBatches() {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (long seq = 1; seq <= 2_000; seq++) {
            futures.add(store.commit(new StoreBatch().putMessage(Q, meta(seq), payload(Q, seq, 1024))));
        }
        await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
        assertThat(embedded().committedBatches()).isEqualTo(2_000);
        assertThat(embedded().groupCommits()).isLessThan(2_000);
        assertThat(embedded().queuedBatches()).isZero();
    }

    @Test
    void runsOfConsecutiveDeletesBecomeRangeTombstonesThatSpareEverythingElse() throws Exception {
        StoreBatch puts = new StoreBatch();
        for (long seq = 1; seq <= 70; seq++) {
            puts.putMessage(Q, meta(seq), payload(Q, seq));
        }
        commit(puts);
        StoreBatch deletes = new StoreBatch();
        for (long seq = 3; seq <= 30; seq++) {
            if (seq != 17) {
                deletes.deleteMessage(Q, seq); // two runs around 17: 3-16 and 18-30
            }
        }
        deletes.deleteMessage(Q, 35).deleteMessage(Q, 37); // scattered: point deletes
        for (long seq = 60; seq >= 41; seq--) {
            deletes.deleteMessage(Q, seq); // out of order: sorted into one run
        }
        deletes.putMessage(Q, meta(50), payload(Q, 50, 40)); // after its delete: must survive the run around it
        PendingBatch pending = PendingBatch.of(deletes, new OpRecords.Families(0, 1, 2, 3, 4, 5));
        // Ranges for 3-16, 18-30 and 41-60 (two families each) and points for 35 and 37; the new message 50 (meta
        // and payload) goes to the journal only (HeldMessages), after the range that deleted the earlier 50.
        assertThat(pending.records().count()).isEqualTo(3 * 2 + 2 * 2);
        assertThat(pending.held().count()).isEqualTo(2);
        commit(deletes);

        List<Long> expected = new ArrayList<>(List.of(1L, 2L, 17L, 31L, 32L, 33L, 34L, 36L));
        for (long seq = 38; seq <= 40; seq++) {
            expected.add(seq);
        }
        expected.add(50L);
        for (long seq = 61; seq <= 70; seq++) {
            expected.add(seq);
        }
        assertThat(seqs(store.scan(Q, 0, 100))).containsExactlyElementsOf(expected);
        assertThat(store.read(Q, 16)).isNull();
        assertThat(store.read(Q, 50).payload()).hasSize(40);
        restart();
        assertThat(seqs(store.scan(Q, 0, 100))).containsExactlyElementsOf(expected);
        assertThat(store.read(Q, 50).payload()).hasSize(40);
    }

    @Test
    void anInvalidBatchFailsAloneAndTheStoreGoesOn() {
        CompletableFuture<Void> negative = store.commit(new StoreBatch().putMessage(-4, meta(1), payload(1, 1)));
        CompletableFuture<Void> badProperty = store.commit(new StoreBatch().putMessage(Q,
                meta(1).withPropertyChanges(java.util.Map.of("x", new Object())), payload(Q, 1)));
        assertThatThrownBy(() -> negative.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> badProperty.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        commit(new StoreBatch().putMessage(Q, meta(2), payload(Q, 2)));
        assertThat(store.read(Q, 2)).isNotNull();
        assertThat(store.read(Q, 1)).isNull();
        assertThat(store.read(-4, 1)).isNull();
        assertThat(store.scan(-4, 0, 10)).isEmpty();
    }

    @Test
    void nullPayloadReadsBackEmpty() throws Exception {
        commit(new StoreBatch().putMessage(Q, meta(1), null));
        assertThat(store.read(Q, 1).payload()).isEmpty();
        restart();
        assertThat(store.scan(Q, 0, 1).get(0).payload()).isEmpty();
    }

    @Test
    void readsAfterCloseFailClearly() {
        store.close();
        assertThatThrownBy(() -> store.read(Q, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scan(Q, 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesADirectoryWithAnotherFormatVersion() {
        store.close();
        try (RocksHandles rocks = RocksHandles.open(EmbeddedStoreOptions.defaults(directory))) {
            rocks.db.put(rocks.defaults, new byte[] {'f', 'o', 'r', 'm', 'a', 't', '-', 'v', 'e', 'r', 's', 'i', 'o',
                'n'}, new byte[] {0, 0, 0, 3});
        } catch (org.rocksdb.RocksDBException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> open(directory)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format version 3");
        store = null;
    }

    @Test
    void opensAFormatVersionOneStoreAndMarksItVersionTwo() throws Exception {
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)));
        store.close();
        try (RocksHandles rocks = RocksHandles.open(EmbeddedStoreOptions.defaults(directory))) {
            rocks.db.put(rocks.defaults, Keys.FORMAT_VERSION_KEY, Keys.int4(1)); // as the release before wrote it
        }
        store = open(directory);
        assertThat(store.read(Q, 1).payload()).isEqualTo(payload(Q, 1));
        store.close();
        try (RocksHandles rocks = RocksHandles.open(EmbeddedStoreOptions.defaults(directory))) {
            assertThat(Keys.int4(rocks.db.get(rocks.defaults, Keys.FORMAT_VERSION_KEY))).isEqualTo(2);
        }
        store = open(directory);
    }

    @Test
    void refusesADirectoryWithUnknownColumnFamilies() throws Exception {
        store.close();
        store = null;
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : RocksHandles.FAMILIES) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        descriptors.add(new ColumnFamilyDescriptor("from-the-future".getBytes(StandardCharsets.UTF_8)));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateMissingColumnFamilies(true)) {
            RocksDB db = RocksDB.open(options, directory.toString(), descriptors, handles);
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
        }
        assertThatThrownBy(() -> open(directory)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from-the-future");
    }

    @Test
    void refusesARocksDbThatIsNotAnOmnibusStore(@org.junit.jupiter.api.io.TempDir Path other) throws Exception {
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB db = RocksDB.open(options, other.toString())) {
            db.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> open(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not an Omnibus store");
    }

    @Test
    void opensAnEmptyDatabaseWhoseFirstOpenDiedBeforeWritingTheVersion(@org.junit.jupiter.api.io.TempDir Path other)
            throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : RocksHandles.FAMILIES) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
            RocksDB db = RocksDB.open(options, other.toString(), descriptors, handles);
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
        }
        try (MessageStore reopened = open(other)) {
            await(reopened.commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1))));
            assertThat(reopened.read(Q, 1)).isNotNull();
        }
    }

    @Test
    void aGroupWritesTheHighestSequenceMarkOfAnEntityOnce() throws Exception {
        GroupCommitWriter writer = embedded().writer();
        GroupCommitWriter.GroupSink disk = writer.sink();
        List<Integer> recordCounts = new java.util.concurrent.CopyOnWriteArrayList<>();
        writer.sink((record, group, parts) -> {
            // The serialized batch's count, little-endian after the 8-byte sequence number.
            recordCounts.add(java.nio.ByteBuffer.wrap(record, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
            disk.write(record, group, parts);
        });
        StoreBatch sends = new StoreBatch();
        for (long seq = 1; seq <= 100; seq++) {
            sends.putMessage(Q, meta(seq), payload(Q, seq)).putSequence(7, seq); // as a turn's sends carry them
        }
        commit(sends);
        writer.sink(disk);
        // Meta and payload of each message, and one mark instead of a hundred.
        assertThat(recordCounts).containsExactly(2 * 100 + 1);
        restart();
        long[] mark = {-1};
        store.recover(new dev.omnibus.core.store.RecoveryVisitor() {
            public void entity(long entityId, byte[] definition) { }
            public void sequence(long entityId, long lastSequenceNumber) {
                mark[0] = entityId == 7 ? lastSequenceNumber : mark[0];
            }
            public void duplicate(long entityId, String messageId, long expiresAt) { }
            public void sessionState(long entityId, String sessionId, byte[] state, long updatedAt) { }
            public void message(long queueId, dev.omnibus.core.MessageMeta meta) { }
        });
        assertThat(mark[0]).isEqualTo(100);
    }

    @Test
    void aFailedWriteFailsItsBatchAndEveryLaterCommitUntilReopened() throws Exception {
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)));
        GroupCommitWriter writer = embedded().writer();
        GroupCommitWriter.GroupSink disk = writer.sink();
        writer.sink((record, group, parts) -> {
            throw new org.rocksdb.RocksDBException("injected: no space left on device");
        });
        CompletableFuture<Void> failed = store.commit(new StoreBatch().putMessage(Q, meta(2), payload(Q, 2)));
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("injected: no space left on device");
        writer.sink(disk);
        CompletableFuture<Void> later = store.commit(new StoreBatch().putMessage(Q, meta(3), payload(Q, 3)));
        assertThatThrownBy(() -> later.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("store failed earlier");
        assertThat(store.read(Q, 1)).isNotNull(); // reads go on

        restart();
        assertThat(seqs(store.scan(Q, 0, 10))).containsExactly(1L);
        commit(new StoreBatch().putMessage(Q, meta(4), payload(Q, 4)));
        assertThat(seqs(store.scan(Q, 0, 10))).containsExactly(1L, 4L);
    }

    @Test
    void aFailedJournalSyncFailsWhatItCoveredAndEveryLaterCommitUntilReopened() throws Exception {
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)));
        GroupCommitWriter writer = embedded().writer();
        writer.journalSync(() -> {
            throw new org.rocksdb.RocksDBException("injected: fsync failed");
        });
        CompletableFuture<Void> failed = store.commit(new StoreBatch().putMessage(Q, meta(2), payload(Q, 2)));
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("injected: fsync failed");
        writer.journalSync(() -> { });
        CompletableFuture<Void> later = store.commit(new StoreBatch().putMessage(Q, meta(3), payload(Q, 3)));
        assertThatThrownBy(() -> later.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("store failed earlier");

        restart();
        // Message 2 reached the log unconfirmed: whether it survived is up to the disk, never acknowledged either way.
        assertThat(seqs(store.scan(Q, 0, 10))).contains(1L).doesNotContain(3L);
        commit(new StoreBatch().putMessage(Q, meta(4), payload(Q, 4)));
        assertThat(seqs(store.scan(Q, 0, 10))).contains(1L, 4L);
    }

    @Test
    void aCommitIsAcknowledgedOnlyAfterTheSyncThatCoversIt() throws Exception {
        GroupCommitWriter writer = embedded().writer();
        java.util.concurrent.CountDownLatch syncing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        GroupCommitWriter.JournalSync held = () -> {
            syncing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        writer.journalSync(held);
        CompletableFuture<Void> first = store.commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)));
        assertThat(syncing.await(10, TimeUnit.SECONDS)).isTrue();
        // While that sync hangs, the writer goes on writing; nothing is acknowledged before its sync.
        CompletableFuture<Void> second = store.commit(new StoreBatch().putMessage(Q, meta(2), payload(Q, 2)));
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(seqs(store.scan(Q, 0, 10))).containsExactly(1L, 2L);
    }

    @Test
    void tightQueueLimitsSlowCommittersDownWithoutLosingAnything(@org.junit.jupiter.api.io.TempDir Path other)
            throws Exception {
        EmbeddedStoreOptions tight = EmbeddedStoreOptions.defaults(other).withBlockCacheBytes(8L << 20)
                .withWriteBufferBytes(16L << 20).withQueueLimits(2, 4096).withGroupLimits(8192, 4);
        try (EmbeddedMessageStore small = EmbeddedMessageStore.open(tight)) {
            List<CompletableFuture<Void>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long q = 4L * (t + 10);
                Thread thread = new Thread(() -> {
                    for (long seq = 1; seq <= 100; seq++) {
                        // 3 KB each, and one oversized batch per thread: it must pass alone.
                        int size = seq == 50 ? 10_000 : 3_000;
                        futures.add(small.commit(new StoreBatch().putMessage(q, meta(seq), payload(q, seq, size))));
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
            assertThat(futures).hasSize(400);
            for (int t = 0; t < 4; t++) {
                assertThat(small.scan(4L * (t + 10), 0, 1000)).hasSize(100);
            }
            assertThat(small.pendingBytes()).isZero();
            assertThat(small.queuedBatches()).isZero();
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> open(directory)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot open store");
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1))); // the first one is unharmed
        assertThat(store.read(Q, 1)).isNotNull();
    }
}
