package dev.omnibus.core.store.tck;

import static dev.omnibus.core.store.tck.StoreFixtures.await;
import static dev.omnibus.core.store.tck.StoreFixtures.meta;
import static dev.omnibus.core.store.tck.StoreFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.SubQueue;
import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoredMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The contract's cases under load: a large backlog, many committers, readers racing the writer. Part of
 * {@link MessageStoreContract}: subclass that.
 */
public abstract class StoreLoadCases extends StoreContractSupport {

    @Test
    void batchesBecomeVisibleAtomicallyToConcurrentReaders() throws Exception {
        long qa = QueueIds.of(E, SubQueue.NONE);
        long qb = QueueIds.of(E + 1, SubQueue.DEAD_LETTER);
        int batches = 400;
        AtomicLong submitted = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        List<String> torn = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    long latest = submitted.get();
                    for (long n = Math.max(1, latest - 4); n <= latest; n++) {
                        // Batch n puts A and B; once one is visible the other must be, whichever is read first.
                        boolean a = store.read(qa, n) != null;
                        boolean b = store.read(qb, n) != null;
                        boolean b2 = store.read(qb, n) != null;
                        boolean a2 = store.read(qa, n) != null;
                        if (a && !b || b2 && !a2) {
                            torn.add("batch " + n);
                        }
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                torn.add("reader failed: " + e);
            }
        }, "store-contract-reader");
        reader.start();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try {
            for (long n = 1; n <= batches; n++) {
                futures.add(store.commit(new StoreBatch().putMessage(qa, meta(n), payload(qa, n, 512))
                        .putSequence(E, n).putMessage(qb, meta(n), payload(qb, n, 512))));
                submitted.set(n);
                if (n % 50 == 0) {
                    await(futures.get(futures.size() - 1));
                }
            }
            await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
        } finally {
            done.set(true);
            reader.join(TimeUnit.SECONDS.toMillis(StoreFixtures.COMMIT_TIMEOUT_SECONDS));
        }
        assertThat(torn).isEmpty();
        assertThat(store.scan(qa, 0, batches + 1)).hasSize(batches);
        assertThat(store.scan(qb, 0, batches + 1)).hasSize(batches);
        assertThat(recover().sequences).containsEntry(E, (long) batches);
    }

    /** 100k messages of 1 KB, half deleted, some deferred or scheduled: a restart recovers exactly what is left. */
    @Test
    void largeBacklogRecoversExactlyAfterRestart() throws Exception {
        int total = 100_000;
        int perBatch = 1_000;
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int first = 1; first <= total; first += perBatch) {
            StoreBatch b = new StoreBatch();
            for (long seq = first; seq < first + perBatch; seq++) {
                b.putMessage(Q, meta(seq), payload(Q, seq, 1024));
            }
            futures.add(store.commit(b.putSequence(E, first + perBatch - 1)));
        }
        await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));

        TreeMap<Long, MessageMeta> expected = new TreeMap<>();
        TreeMap<Long, MessageMeta> expectedDlq = new TreeMap<>();
        futures.clear();
        StoreBatch b = new StoreBatch();
        for (long seq = 1; seq <= total; seq++) {
            if (seq % 2 == 0) {
                b.deleteMessage(Q, seq);
            } else if (seq % 1_001 == 0) {
                // A dead-lettering move: delete here and put there, in one batch.
                MessageMeta dl = meta(seq).deadLettered("r", "d", null);
                b.deleteMessage(Q, seq).putMessage(DLQ, dl, payload(Q, seq, 1024));
                expectedDlq.put(seq, dl);
            } else if (seq % 3 == 0) {
                MessageMeta m = meta(seq).withState(MessageState.DEFERRED).withDeliveryCount(1);
                b.updateMeta(Q, m);
                expected.put(seq, m);
            } else if (seq % 5 == 0) {
                MessageMeta m = meta(seq, MessageState.SCHEDULED);
                b.updateMeta(Q, m);
                expected.put(seq, m);
            } else {
                expected.put(seq, meta(seq));
            }
            if (b.size() >= 2_000) {
                futures.add(store.commit(b));
                b = new StoreBatch();
            }
        }
        futures.add(store.commit(b));
        await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));

        restart();
        RecoveredState state = recover();
        assertThat(state.messages).containsOnlyKeys(Q, DLQ);
        assertThat(state.queue(Q)).hasSize(expected.size());
        assertThat(state.queue(Q)).isEqualTo(new ArrayList<>(expected.values()));
        assertThat(state.queue(DLQ)).isEqualTo(new ArrayList<>(expectedDlq.values()));
        assertThat(state.sequences).containsExactly(Map.entry(E, (long) total));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            long seq = 1 + random.nextInt(total);
            StoredMessage m = store.read(Q, seq);
            if (expected.containsKey(seq)) {
                assertThat(m.meta()).isEqualTo(expected.get(seq));
                assertThat(m.payload()).isEqualTo(payload(Q, seq, 1024));
            } else {
                assertThat(m).isNull();
            }
        }
        long middle = total / 2 + 1;
        assertThat(seqs(store.scan(Q, middle, 3))).isEqualTo(List.copyOf(expected.tailMap(middle).keySet())
                .subList(0, 3));
        assertThat(store.scan(DLQ, 0, 1_000)).hasSize(expectedDlq.size())
                .allSatisfy(m -> assertThat(m.payload()).isEqualTo(payload(Q, m.meta().sequenceNumber(), 1024)));
    }

    @Test
    void manyConcurrentCommittersAllCompleteAndEverythingIsReadable() throws Exception {
        int threads = 8;
        int perThread = 400;
        long shared = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<CompletableFuture<Void>>>> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            CompletableFuture<List<CompletableFuture<Void>>> submitter = new CompletableFuture<>();
            submitters.add(submitter);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long q = QueueIds.of(100 + thread, SubQueue.NONE);
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (long seq = 1; seq <= perThread; seq++) {
                        StoreBatch b = new StoreBatch().putMessage(q, meta(seq), payload(q, seq, 256))
                                .putSequence(shared, thread * 1_000L + seq);
                        if (seq % 10 == 0) {
                            b.putDuplicate(shared, thread + "-" + seq, seq);
                        }
                        CompletableFuture<Void> f = store.commit(b);
                        mine.add(f);
                        if (thread % 2 == 0) {
                            await(f); // half the committers wait for each commit, half pipeline
                        }
                    }
                    submitter.complete(mine);
                } catch (Throwable e) {
                    submitter.completeExceptionally(e);
                }
            }, "store-contract-committer-" + t);
            worker.start();
        }
        start.countDown();
        for (CompletableFuture<List<CompletableFuture<Void>>> submitter : submitters) {
            await(CompletableFuture.allOf(await(submitter).toArray(CompletableFuture[]::new)));
        }

        for (int t = 0; t < threads; t++) {
            long q = QueueIds.of(100 + t, SubQueue.NONE);
            List<StoredMessage> all = store.scan(q, 0, perThread + 1);
            assertThat(all).hasSize(perThread);
            for (StoredMessage m : all) {
                assertThat(m.payload()).isEqualTo(payload(q, m.meta().sequenceNumber(), 256));
            }
        }
        RecoveredState state = recover();
        assertThat(state.sequences).containsEntry(shared, (threads - 1) * 1_000L + perThread);
        assertThat(state.duplicates.get(shared)).hasSize(threads * perThread / 10);
        assertThat(state.messageCount()).isEqualTo(threads * perThread);
    }
}
