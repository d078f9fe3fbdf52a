package dev.omnibus.store.embedded;

import static dev.omnibus.core.store.tck.StoreFixtures.await;
import static dev.omnibus.core.store.tck.StoreFixtures.meta;
import static dev.omnibus.core.store.tck.StoreFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.store.RecoveryVisitor;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New messages go to the journal only, and to RocksDB when their segment is sealed, if they still live. */
class HeldMessagesTest {
    private static final long Q = 4 * 7;

    @TempDir
    Path directory;

    private EmbeddedMessageStore open() {
        // 64 KB segments: about sixty 1 KB messages each, so a few hundred messages seal several.
        return EmbeddedMessageStore.open(EmbeddedStoreOptions.defaults(directory).withJournalSegmentBytes(64 << 10));
    }

    private long journalSegments() throws IOException {
        try (Stream<Path> s = Files.list(directory.resolve("journal"))) {
            return s.filter(p -> p.toString().endsWith(".journal")).count();
        }
    }

    @Test
    void payloadsOfLiveMessagesReachRocksDbWhenTheirSegmentIsSealedAndDeletedOnesStayDeleted() throws Exception {
        int messages = 600;
        try (EmbeddedMessageStore store = open()) {
            for (long seq = 1; seq <= messages; seq += 10) {
                StoreBatch batch = new StoreBatch();
                for (long s = seq; s < seq + 10; s++) {
                    batch.putMessage(Q, meta(s), payload(Q, s, 1024));
                }
                await(store.commit(batch));
                // Odd messages are completed at once: deleted while they are held.
                StoreBatch completions = new StoreBatch();
                for (long s = seq; s < seq + 10; s += 2) {
                    completions.deleteMessage(Q, s);
                }
                await(store.commit(completions));
            }
            // Only the newest segment's live payloads are still held; the sealed ones' went to RocksDB.
            assertThat(store.heldMessages().size()).isBetween(1, 64);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (journalSegments() > 2 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000); // retirement runs on the journal's thread after each seal
            }
            assertThat(journalSegments()).as("sealed segments retired").isLessThanOrEqualTo(2);
            verify(store, messages);
            long inRocks = 0;
            for (long s = 2; s <= messages; s += 2) {
                if (store.heldMessages().get(Q, s) == null) {
                    inRocks++;
                }
            }
            assertThat(inRocks).as("moved to RocksDB when their segments were sealed").isGreaterThan(messages / 3);
        }
        try (EmbeddedMessageStore reopened = open()) {
            assertThat(reopened.heldMessages().size()).as("a clean close moved them all").isZero();
            verify(reopened, messages);
        }
    }

    @Test
    void aBacklogIsNotHeldInTheHeapBeyondTheLimit() {
        int messages = 40; // 40 MB of live payloads, far more than the limit, in a segment that is not full
        try (EmbeddedMessageStore store = EmbeddedMessageStore.open(EmbeddedStoreOptions.defaults(directory))) {
            for (long s = 1; s <= messages; s++) {
                await(store.commit(new StoreBatch().putMessage(Q, meta(s), payload(Q, s, 1 << 20))));
            }
            assertThat((long) store.heldMessages().size() << 20).as("bytes held")
                    .isLessThanOrEqualTo(HeldMessages.LIMIT_BYTES + (1 << 20));
            for (long s = 1; s <= messages; s++) {
                assertThat(store.read(Q, s).payload()).isEqualTo(payload(Q, s, 1 << 20));
            }
        }
        try (EmbeddedMessageStore reopened = EmbeddedMessageStore.open(EmbeddedStoreOptions.defaults(directory))) {
            for (long s = 1; s <= messages; s++) {
                assertThat(reopened.read(Q, s).payload()).isEqualTo(payload(Q, s, 1 << 20));
            }
        }
    }

    @Test
    void anUpdateOfAMessageASealMovesInTheSameGroupStillReachesRocksDb() {
        try (EmbeddedMessageStore store = open()) {
            await(store.commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1, 1024))));
            assertThat(store.heldMessages().get(Q, 1)).isNotNull();
            // One batch, so one group: its record does not fit the 64 KB segment, so appending it seals the segment
            // and moves message 1 to RocksDB before the group's update of 1 is applied.
            await(store.commit(new StoreBatch().updateMeta(Q, meta(1).withDeliveryCount(3))
                    .putMessage(Q, meta(2), payload(Q, 2, 70 << 10))));
            assertThat(store.heldMessages().get(Q, 1)).as("moved by the seal").isNull();
            assertThat(store.read(Q, 1).meta().deliveryCount()).isEqualTo(3);
            assertThat(store.scan(Q, 0, 10)).extracting(m -> m.meta().deliveryCount()).containsExactly(3, 0);
        }
        try (EmbeddedMessageStore reopened = open()) {
            assertThat(reopened.read(Q, 1).meta().deliveryCount()).isEqualTo(3);
            assertThat(reopened.read(Q, 2).payload()).isEqualTo(payload(Q, 2, 70 << 10));
        }
    }

    @Test
    void readsScansAndRecoveryMergeHeldMessagesWithRocksDbOnesOnceEachInOrder() {
        long other = Q + 1;
        try (EmbeddedMessageStore store = open()) {
            // 8 KB payloads: the first of these are moved to RocksDB by seals, the last ones are still held.
            for (long s = 1; s <= 20; s++) {
                await(store.commit(new StoreBatch().putMessage(Q, meta(s), payload(Q, s, 8 << 10))
                        .putMessage(other, meta(s), payload(other, s, 100))));
            }
            assertThat(store.heldMessages().get(Q, 2)).as("moved").isNull();
            assertThat(store.heldMessages().get(Q, 20)).as("held").isNotNull();
            // Updated in both places: a held message then has a meta in RocksDB too, which must not show twice.
            await(store.commit(new StoreBatch().updateMeta(Q, meta(2).withDeliveryCount(5))
                    .updateMeta(Q, meta(20).withDeliveryCount(7)).updateMeta(Q, meta(18).withDeliveryCount(1))
                    .deleteMessage(Q, 19).deleteMessage(Q, 3)));
            // Held, but its update put a meta into RocksDB: its delete must reach RocksDB too.
            await(store.commit(new StoreBatch().deleteMessage(Q, 18)));
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= 20; s++) {
                if (s != 3 && s != 18 && s != 19) {
                    expected.add(s);
                }
            }
            List<StoredMessage> all = store.scan(Q, 0, 100);
            assertThat(all).extracting(m -> m.meta().sequenceNumber()).containsExactlyElementsOf(expected);
            for (StoredMessage m : all) {
                long s = m.meta().sequenceNumber();
                assertThat(m.payload()).as("payload of %d", s).isEqualTo(payload(Q, s, 8 << 10));
                assertThat(m.meta().deliveryCount()).isEqualTo(s == 2 ? 5 : s == 20 ? 7 : 0);
            }
            assertThat(store.scan(Q, 16, 2)).extracting(m -> m.meta().sequenceNumber()).containsExactly(16L, 17L);
            assertThat(store.scan(Q, 18, 100)).extracting(m -> m.meta().sequenceNumber()).containsExactly(20L);
            assertThat(store.read(Q, 20).meta().deliveryCount()).isEqualTo(7);
            assertThat(store.read(Q, 19)).isNull();

            Map<Long, List<Long>> recovered = new TreeMap<>();
            store.recover(new RecoveryVisitor() {
                public void entity(long entityId, byte[] definition) { }
                public void sequence(long entityId, long lastSequenceNumber) { }
                public void duplicate(long entityId, String messageId, long expiresAt) { }
                public void sessionState(long entityId, String sessionId, byte[] state, long updatedAt) { }
                public void message(long queueId, MessageMeta meta) {
                    recovered.computeIfAbsent(queueId, k -> new ArrayList<>()).add(meta.sequenceNumber());
                }
            });
            assertThat(recovered.get(Q)).containsExactlyElementsOf(expected);
            assertThat(recovered.get(other)).hasSize(20).isSorted();
        }
    }

    @Test
    void readersFindEveryLiveMessageOnceWhileSealsMoveThem() throws Exception {
        try (EmbeddedMessageStore store = open()) {
            AtomicLong durable = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    // Even messages live on, odd ones are deleted by the next commit; 64 KB segments seal often.
                    for (long seq = 1; seq <= 1200; seq += 2) {
                        StoreBatch batch = new StoreBatch().putMessage(Q, meta(seq), payload(Q, seq, 512))
                                .putMessage(Q, meta(seq + 1), payload(Q, seq + 1, 512));
                        if (seq > 1) {
                            batch.deleteMessage(Q, seq - 2);
                        }
                        await(store.commit(batch));
                        durable.set(seq + 1);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            while (writer.isAlive()) {
                long upTo = durable.get();
                List<StoredMessage> scanned = store.scan(Q, 0, Integer.MAX_VALUE);
                Set<Long> seen = new HashSet<>();
                for (StoredMessage m : scanned) {
                    long s = m.meta().sequenceNumber();
                    assertThat(seen.add(s)).as("message %d scanned once", s).isTrue();
                    assertThat(m.payload()).as("payload of %d", s).isEqualTo(payload(Q, s, 512));
                }
                for (long s = 2; s <= upTo; s += 2) {
                    assertThat(seen).as("live message %d scanned", s).contains(s);
                    assertThat(store.read(Q, s)).as("live message %d read", s).isNotNull();
                }
            }
            writer.join();
            assertThat(failure.get()).isNull();
            assertThat(store.scan(Q, 0, Integer.MAX_VALUE)).hasSize(601); // the evens and the last odd one
        }
    }

    private static void verify(EmbeddedMessageStore store, int messages) {
        for (long s = 1; s <= messages; s++) {
            StoredMessage m = store.read(Q, s);
            if (s % 2 == 1) {
                assertThat(m).as("completed message %d", s).isNull();
            } else {
                assertThat(m).as("message %d", s).isNotNull();
                assertThat(m.payload()).as("payload of %d", s).isEqualTo(payload(Q, s, 1024));
            }
        }
        List<StoredMessage> scanned = store.scan(Q, 0, messages);
        assertThat(scanned).hasSize(messages / 2);
        for (StoredMessage m : scanned) {
            assertThat(m.payload()).isEqualTo(payload(Q, m.meta().sequenceNumber(), 1024));
        }
    }
}
