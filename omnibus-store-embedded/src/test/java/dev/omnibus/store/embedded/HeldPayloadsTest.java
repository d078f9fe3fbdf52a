package dev.omnibus.store.embedded;

import static dev.omnibus.core.store.tck.StoreFixtures.await;
import static dev.omnibus.core.store.tck.StoreFixtures.meta;
import static dev.omnibus.core.store.tck.StoreFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New payloads go to the journal only, and to RocksDB when their segment is sealed, if their message still lives. */
class HeldPayloadsTest {
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
                // Odd messages are completed at once: deleted while their payloads are held.
                StoreBatch completions = new StoreBatch();
                for (long s = seq; s < seq + 10; s += 2) {
                    completions.deleteMessage(Q, s);
                }
                await(store.commit(completions));
            }
            // Only the newest segment's live payloads are still held; the sealed ones' went to RocksDB.
            assertThat(store.heldPayloads().size()).isBetween(1, 64);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (journalSegments() > 2 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000); // retirement runs on the journal's thread after each seal
            }
            assertThat(journalSegments()).as("sealed segments retired").isLessThanOrEqualTo(2);
            verify(store, messages);
            long inRocks = 0;
            for (long s = 2; s <= messages; s += 2) {
                if (store.heldPayloads().get(Q, s) == null) {
                    inRocks++;
                }
            }
            assertThat(inRocks).as("moved to RocksDB when their segments were sealed").isGreaterThan(messages / 3);
        }
        try (EmbeddedMessageStore reopened = open()) {
            assertThat(reopened.heldPayloads().size()).as("a clean close moved them all").isZero();
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
            assertThat((long) store.heldPayloads().size() << 20).as("bytes held")
                    .isLessThanOrEqualTo(HeldPayloads.LIMIT_BYTES + (1 << 20));
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
