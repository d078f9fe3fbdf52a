package dev.omnibus.core.store.tck;

import static dev.omnibus.core.store.tck.StoreFixtures.await;
import static dev.omnibus.core.store.tck.StoreFixtures.meta;
import static dev.omnibus.core.store.tck.StoreFixtures.payload;
import static dev.omnibus.core.store.tck.StoreFixtures.richMeta;
import static dev.omnibus.core.store.tck.StoreFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MessageStore}, the same for every store. A store's test subclasses this and says how to
 * open a store on a directory and how to restart it (close, then open again on the same directory); see
 * {@link StoreContractSupport}. The reference semantics are those of {@code InMemoryMessageStore}. The cases under
 * load (large backlog, concurrent committers, atomic visibility) are inherited from {@link StoreLoadCases}.
 */
public abstract class MessageStoreContract extends StoreLoadCases {

    @Test
    void emptyStoreRecoversNothing() throws Exception {
        assertThat(recover()).isEqualTo(new RecoveredState());
        restart();
        assertThat(recover()).isEqualTo(new RecoveredState());
    }

    @Test
    void putThenReadReturnsMetaAndPayload() {
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)).putMessage(Q, richMeta(2), payload(Q, 2, 5000)));

        StoredMessage first = store.read(Q, 1);
        assertThat(first.meta()).isEqualTo(meta(1));
        assertThat(first.payload()).isEqualTo(payload(Q, 1));
        StoredMessage second = store.read(Q, 2);
        assertThat(second.meta()).isEqualTo(richMeta(2));
        assertThat(second.payload()).isEqualTo(payload(Q, 2, 5000));
        assertThat(store.read(Q, 3)).isNull();
        assertThat(store.read(DLQ, 1)).isNull();
        assertThat(store.read(QueueIds.of(E + 1, SubQueue.NONE), 1)).isNull();
    }

    @Test
    void binaryPropertyChangesSurviveRestart() throws Exception {
        MessageMeta m = meta(1).withPropertyChanges(Map.of("bin", new byte[] {1, 2, 3}, "s", "v"));
        commit(new StoreBatch().putMessage(Q, m, payload(Q, 1)));
        restart();
        MessageMeta back = store.read(Q, 1).meta();
        assertThat((byte[]) back.propertyChanges().get("bin")).containsExactly(1, 2, 3);
        assertThat(back.propertyChanges().get("s")).isEqualTo("v");
        assertThat(recover().queue(Q)).hasSize(1);
    }

    @Test
    void scanIsAscendingFromSequenceBoundedAndPerQueue() {
        for (long seq : new long[] {10, 3, 7, 1, 5}) {
            commit(new StoreBatch().putMessage(Q, meta(seq), payload(Q, seq)));
        }
        commit(new StoreBatch().putMessage(Q, meta(2), payload(Q, 2)).putMessage(Q, meta(8), payload(Q, 8))
                .putMessage(Q, meta(4), payload(Q, 4)).putMessage(Q, meta(9), payload(Q, 9))
                .putMessage(Q, meta(6), payload(Q, 6)));
        // Neighbouring queues: same entity's dead-letter queue, the previous entity's last queue, the next entity.
        long before = QueueIds.firstOf(E) - 1;
        long after = QueueIds.of(E + 1, SubQueue.NONE);
        for (long q : new long[] {DLQ, before, after}) {
            commit(new StoreBatch().putMessage(q, meta(1), payload(q, 1)).putMessage(q, meta(2), payload(q, 2))
                    .putMessage(q, meta(3), payload(q, 3)));
        }

        List<StoredMessage> all = store.scan(Q, 0, 100);
        assertThat(seqs(all)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        for (StoredMessage m : all) {
            assertThat(m.payload()).isEqualTo(payload(Q, m.meta().sequenceNumber()));
            assertThat(m.meta()).isEqualTo(meta(m.meta().sequenceNumber()));
        }
        assertThat(seqs(store.scan(Q, 4, 100))).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(seqs(store.scan(Q, 4, 3))).containsExactly(4L, 5L, 6L);
        assertThat(seqs(store.scan(Q, 10, 3))).containsExactly(10L);
        assertThat(store.scan(Q, 11, 10)).isEmpty();
        assertThat(store.scan(Q, 0, 0)).isEmpty();
        assertThat(seqs(store.scan(DLQ, 0, 10))).containsExactly(1L, 2L, 3L);
        assertThat(store.scan(DLQ, 2, 10).get(0).payload()).isEqualTo(payload(DLQ, 2));
        assertThat(seqs(store.scan(before, 0, 10))).containsExactly(1L, 2L, 3L);
        assertThat(seqs(store.scan(after, 0, 10))).containsExactly(1L, 2L, 3L);
        assertThat(store.scan(QueueIds.of(E + 2, SubQueue.NONE), 0, 10)).isEmpty();
    }

    @Test
    void scanOrdersSequenceNumbersNumerically() {
        long[] seqs = {1L << 40, 256, 65_536, 255, 65_535, 1, Integer.MAX_VALUE + 1L};
        StoreBatch b = new StoreBatch();
        for (long s : seqs) {
            b.putMessage(Q, meta(s), payload(Q, s));
        }
        commit(b);
        assertThat(seqs(store.scan(Q, 0, 100)))
                .containsExactly(1L, 255L, 256L, 65_535L, 65_536L, Integer.MAX_VALUE + 1L, 1L << 40);
        assertThat(seqs(store.scan(Q, 256, 2))).containsExactly(256L, 65_535L);
        assertThat(recover().queue(Q)).extracting(MessageMeta::sequenceNumber)
                .containsExactly(1L, 255L, 256L, 65_535L, 65_536L, Integer.MAX_VALUE + 1L, 1L << 40);
    }

    @Test
    void updateMetaReplacesMetaAndKeepsPayload() throws Exception {
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1, 3000)));
        MessageMeta deferred = meta(1).withState(MessageState.DEFERRED).withDeliveryCount(2);
        commit(new StoreBatch().updateMeta(Q, deferred));

        assertThat(store.read(Q, 1).meta()).isEqualTo(deferred);
        assertThat(store.read(Q, 1).payload()).isEqualTo(payload(Q, 1, 3000));
        assertThat(store.scan(Q, 0, 10).get(0).meta()).isEqualTo(deferred);
        assertThat(recover().queue(Q)).containsExactly(deferred);
        restart();
        assertThat(store.read(Q, 1).meta()).isEqualTo(deferred);
        assertThat(store.read(Q, 1).payload()).isEqualTo(payload(Q, 1, 3000));
    }

    @Test
    void updateMetaOfAMissingMessageChangesNothing() throws Exception {
        commit(new StoreBatch().updateMeta(Q, meta(42)));
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)).deleteMessage(Q, 1).updateMeta(Q, meta(1)));
        commit(new StoreBatch().putMessage(Q, meta(2), payload(Q, 2)));
        commit(new StoreBatch().deleteMessage(Q, 2).updateMeta(Q, meta(2).withDeliveryCount(5)));

        assertThat(store.read(Q, 42)).isNull();
        assertThat(store.read(Q, 1)).isNull();
        assertThat(store.read(Q, 2)).isNull();
        assertThat(store.scan(Q, 0, 10)).isEmpty();
        assertThat(recover().messageCount()).isZero();
        restart();
        assertThat(recover().messageCount()).isZero();
    }

    @Test
    void deleteMessageRemovesMetaAndPayload() throws Exception {
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)).putMessage(Q, meta(2), payload(Q, 2))
                .putMessage(Q, meta(3), payload(Q, 3)).putMessage(DLQ, meta(2), payload(DLQ, 2)));
        commit(new StoreBatch().deleteMessage(Q, 2).deleteMessage(Q, 99));

        assertThat(store.read(Q, 2)).isNull();
        assertThat(seqs(store.scan(Q, 0, 10))).containsExactly(1L, 3L);
        assertThat(store.read(DLQ, 2).payload()).isEqualTo(payload(DLQ, 2));
        assertThat(recover().queue(Q)).extracting(MessageMeta::sequenceNumber).containsExactly(1L, 3L);
        restart();
        assertThat(store.read(Q, 2)).isNull();
        assertThat(seqs(store.scan(Q, 0, 10))).containsExactly(1L, 3L);
    }

    @Test
    void laterBatchesWinAndFuturesCompleteInSubmissionOrder() {
        List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
        List<StoreBatch> batches = List.of(
                new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)),
                new StoreBatch().updateMeta(Q, meta(1).withState(MessageState.DEFERRED).withDeliveryCount(1)),
                new StoreBatch().updateMeta(Q, meta(1, MessageState.SCHEDULED).withDeliveryCount(2)),
                new StoreBatch().putMessage(Q, meta(2), payload(Q, 2)),
                new StoreBatch().deleteMessage(Q, 2),
                new StoreBatch().putSequence(E, 5),
                new StoreBatch().putSequence(E, 9),
                // Within one batch, ops apply in order too: the second put of 3 wins.
                new StoreBatch().putMessage(Q, meta(3), payload(Q, 3)).updateMeta(Q, meta(3, MessageState.DEFERRED))
                        .deleteMessage(Q, 3).putMessage(Q, meta(3).withDeliveryCount(7), payload(Q, 333)));
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            int n = i;
            futures.add(store.commit(batches.get(i)).whenComplete((v, e) -> completed.add(n)));
        }
        await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));

        assertThat(completed).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(store.read(Q, 1).meta()).isEqualTo(meta(1, MessageState.SCHEDULED).withDeliveryCount(2));
        assertThat(store.read(Q, 2)).isNull();
        assertThat(store.read(Q, 3).meta()).isEqualTo(meta(3).withDeliveryCount(7));
        assertThat(store.read(Q, 3).payload()).isEqualTo(payload(Q, 333));
        assertThat(recover().sequences).containsExactly(Map.entry(E, 9L));
    }

    @Test
    void readsSeeEveryCommittedBatch() {
        for (long seq = 1; seq <= 100; seq++) {
            long s = seq;
            // Read inside the completion callback too: that is where the broker continues its work.
            StoredMessage seen = await(store.commit(new StoreBatch().putMessage(Q, meta(s), payload(Q, s)))
                    .thenApply(v -> store.read(Q, s)));
            assertThat(seen).as("read in completion of %d", s).isNotNull();
            assertThat(store.read(Q, s).payload()).isEqualTo(payload(Q, s));
            assertThat(seqs(store.scan(Q, s, 10))).containsExactly(s);
            if (s % 2 == 0) {
                commit(new StoreBatch().deleteMessage(Q, s));
                assertThat(store.read(Q, s)).isNull();
            }
        }
        assertThat(store.scan(Q, 0, 1000)).hasSize(50);
    }

    @Test
    void deleteEntityRemovesAllOfThatEntityAndNothingElse() throws Exception {
        for (long e = 6; e <= 8; e++) {
            StoreBatch b = new StoreBatch().putEntity(e, utf8("entity-" + e)).putSequence(e, 3)
                    .putDuplicate(e, "dup-" + e, 100 + e).putSessionState(e, "s", utf8("state-" + e), 10 + e);
            for (long q = QueueIds.firstOf(e); q < QueueIds.firstOf(e) + 4; q++) {
                for (long seq = 1; seq <= 3; seq++) {
                    b.putMessage(q, meta(seq), payload(q, seq));
                }
            }
            commit(b);
        }
        commit(new StoreBatch().deleteEntity(7));

        for (long q = QueueIds.firstOf(7); q < QueueIds.firstOf(7) + 4; q++) {
            assertThat(store.scan(q, 0, 10)).isEmpty();
            assertThat(store.read(q, 1)).isNull();
        }
        RecoveredState state = recover();
        assertThat(state.entities).containsOnlyKeys(6L, 8L);
        assertThat(state.sequences).containsOnlyKeys(6L, 8L);
        assertThat(state.duplicates).containsOnlyKeys(6L, 8L);
        assertThat(state.sessions).containsOnlyKeys(6L, 8L);
        assertThat(state.messages.keySet()).containsExactlyInAnyOrder(24L, 25L, 26L, 27L, 32L, 33L, 34L, 35L);
        state.messages.values().forEach(q -> assertThat(q).hasSize(3));
        assertThat(store.read(27, 3).payload()).isEqualTo(payload(27, 3));
        assertThat(store.read(32, 1).payload()).isEqualTo(payload(32, 1));

        restart();
        assertThat(recover()).isEqualTo(state);

        // Deleting and re-creating in one batch leaves only the new content.
        commit(new StoreBatch().putMessage(QueueIds.firstOf(8), meta(9), payload(32, 9)).deleteEntity(8)
                .putEntity(8, utf8("again")).putMessage(QueueIds.firstOf(8), meta(4), payload(32, 4)));
        RecoveredState again = recover();
        assertThat(again.entities.get(8L)).isEqualTo(RecoveredState.b64(utf8("again")));
        assertThat(again.queue(32)).extracting(MessageMeta::sequenceNumber).containsExactly(4L);
        assertThat(again.messages).doesNotContainKeys(33L, 34L, 35L);
        assertThat(again.sequences).containsOnlyKeys(6L);
    }

    @Test
    void putSequenceKeepsTheMaximum() throws Exception {
        commit(new StoreBatch().putSequence(E, 10));
        commit(new StoreBatch().putSequence(E, 5));
        commit(new StoreBatch().putSequence(E, 12).putSequence(E, 11).putSequence(E + 1, 3));
        assertThat(recover().sequences).containsExactly(Map.entry(E, 12L), Map.entry(E + 1, 3L));
        restart();
        commit(new StoreBatch().putSequence(E, 7));
        assertThat(recover().sequences).containsExactly(Map.entry(E, 12L), Map.entry(E + 1, 3L));
    }

    @Test
    void duplicatesArePutReplacedAndDeleted() throws Exception {
        commit(new StoreBatch().putDuplicate(E, "a", 100).putDuplicate(E, "ab", 150).putDuplicate(E, "b", 200)
                .putDuplicate(E, "ü-ß-✓", 300).putDuplicate(E + 1, "a", 400));
        commit(new StoreBatch().deleteDuplicate(E, "a").putDuplicate(E, "b", 250).deleteDuplicate(E, "missing"));

        Map<Long, Map<String, Long>> expected = Map.of(
                E, Map.of("ab", 150L, "b", 250L, "ü-ß-✓", 300L),
                E + 1, Map.of("a", 400L));
        assertThat(recover().duplicates).isEqualTo(expected);
        restart();
        assertThat(recover().duplicates).isEqualTo(expected);
    }

    @Test
    void sessionStatesArePutReplacedAndRemoved() throws Exception {
        commit(new StoreBatch().putSessionState(E, "s1", utf8("one"), 1).putSessionState(E, "s2", utf8("two"), 2)
                .putSessionState(E, "empty", new byte[0], 3).putSessionState(E + 1, "s1", utf8("other"), 4));
        commit(new StoreBatch().putSessionState(E, "s1", utf8("one, replaced"), 5)
                .putSessionState(E, "s2", null, 6).putSessionState(E, "never", null, 7));

        Map<Long, Map<String, String>> expected = Map.of(
                E, Map.of("s1", "5:" + RecoveredState.b64(utf8("one, replaced")), "empty", "3:"),
                E + 1, Map.of("s1", "4:" + RecoveredState.b64(utf8("other"))));
        assertThat(recover().sessions).isEqualTo(expected);
        restart();
        assertThat(recover().sessions).isEqualTo(expected);
    }

    @Test
    void restartReplaysEverythingExactly() throws Exception {
        long q2 = QueueIds.of(9, SubQueue.TRANSFER_DEAD_LETTER);
        commit(new StoreBatch().putEntity(E, utf8("<queue name='a'/>")).putEntity(9, new byte[] {0, 1, 2, (byte) 255})
                .putSequence(E, 20).putSequence(9, 7)
                .putDuplicate(E, "m-1", 1_000).putDuplicate(9, "m-2", 2_000)
                .putSessionState(E, "session-1", new byte[] {9, 8, 7}, 123));
        StoreBatch messages = new StoreBatch();
        for (long seq = 20; seq >= 1; seq--) {
            messages.putMessage(Q, seq % 4 == 0 ? richMeta(seq) : meta(seq), payload(Q, seq, 100 + (int) seq));
        }
        messages.putMessage(DLQ, meta(3).deadLettered("reason", "description", null), payload(DLQ, 3));
        messages.putMessage(q2, meta(7, MessageState.SCHEDULED), payload(q2, 7));
        commit(messages);
        commit(new StoreBatch().deleteMessage(Q, 5).deleteMessage(Q, 6)
                .updateMeta(Q, meta(7).withState(MessageState.DEFERRED).withDeliveryCount(3))
                .updateMeta(Q, meta(9).withPropertyChanges(Map.of("k", "v"))));

        RecoveredState before = recover();
        assertThat(before.queue(Q)).hasSize(18);
        assertThat(before.queue(Q).get(0)).isEqualTo(meta(1));
        assertThat(before.queue(Q).get(4)).isEqualTo(meta(7).withState(MessageState.DEFERRED).withDeliveryCount(3));
        assertThat(before.queue(DLQ)).containsExactly(meta(3).deadLettered("reason", "description", null));
        assertThat(before.queue(q2)).containsExactly(meta(7, MessageState.SCHEDULED));
        assertThat(before.entities).containsOnlyKeys(E, 9L);
        assertThat(before.sequences).containsExactly(Map.entry(E, 20L), Map.entry(9L, 7L));

        restart();
        assertThat(recover()).isEqualTo(before);
        restart();
        RecoveredState after = recover();
        assertThat(after).isEqualTo(before);
        assertThat(after.entities.get(9L)).isEqualTo(RecoveredState.b64(new byte[] {0, 1, 2, (byte) 255}));
        for (MessageMeta m : after.queue(Q)) {
            assertThat(store.read(Q, m.sequenceNumber()).payload())
                    .isEqualTo(payload(Q, m.sequenceNumber(), 100 + (int) m.sequenceNumber()));
        }
    }

    @Test
    void emptyBatchCompletesAfterEarlierBatches() {
        await(store.commit(new StoreBatch()));
        CompletableFuture<Void> put = store.commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)));
        await(store.commit(new StoreBatch()));
        assertThat(put).isDone();
        assertThat(store.read(Q, 1)).isNotNull();
    }

    @Test
    void commitAfterCloseFailsAndCloseIsIdempotent() throws Exception {
        commit(new StoreBatch().putMessage(Q, meta(1), payload(Q, 1)));
        store.close();
        CompletableFuture<Void> late = store.commit(new StoreBatch().putMessage(Q, meta(2), payload(Q, 2)));
        assertThatThrownBy(() -> late.get(StoreFixtures.COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        store.close();
        restart();
        assertThat(recover().queue(Q)).containsExactly(meta(1));
    }

    @Test
    void closeSettlesEveryPendingCommit() throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (long seq = 1; seq <= 200; seq++) {
            futures.add(store.commit(new StoreBatch().putMessage(Q, meta(seq), payload(Q, seq))));
        }
        store.close();
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i)).as("commit %d after close", i + 1).isDone();
            if (!futures.get(i).isCompletedExceptionally()) {
                acknowledged.add(i + 1L);
            }
        }
        restart();
        List<Long> recovered = recover().queue(Q).stream().map(MessageMeta::sequenceNumber).toList();
        assertThat(recovered).containsAll(acknowledged);
    }
}
