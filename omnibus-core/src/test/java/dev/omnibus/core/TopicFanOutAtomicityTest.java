package dev.omnibus.core;

import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.store.RecoveryVisitor;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoreOp;
import dev.omnibus.core.store.StoredMessage;
import dev.omnibus.core.time.ManualTimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A message sent to a topic reaches every matching subscription in one store batch: the store sees all copies in
 * one commit, and a commit that fails leaves the message in no subscription, before and after a restart.
 */
class TopicFanOutAtomicityTest {
    private final ManualTimeSource time = new ManualTimeSource();
    private final RecordingStore store = new RecordingStore(new InMemoryMessageStore());
    private Broker broker = Broker.open(store, time, Runnable::run);

    @AfterEach
    void close() {
        broker.close();
    }

    private QueueEndpoint topicWithSubscriptions(String... names) {
        broker.namespace().createTopic(TopicDescription.builder("t").build()).join();
        for (String name : names) {
            broker.namespace().createSubscription(SubscriptionDescription.builder("t", name).build(), null).join();
        }
        return broker.namespace().queue("t");
    }

    private QueueEndpoint subscription(String name) {
        return broker.namespace().endpoint("t/Subscriptions/" + name, SubQueue.NONE);
    }

    @Test
    void everySubscriptionsCopyIsWrittenInTheSameCommit() {
        QueueEndpoint topic = topicWithSubscriptions("a", "b", "c");
        store.batches.clear();

        CoreHarness.send(topic, "m");

        List<StoreBatch> withMessages = store.batches.stream()
                .filter(b -> b.ops().stream().anyMatch(op -> op instanceof StoreOp.PutMessage)).toList();
        assertThat(withMessages).hasSize(1);
        assertThat(withMessages.get(0).ops().stream().filter(op -> op instanceof StoreOp.PutMessage)
                .map(op -> ((StoreOp.PutMessage) op).queueId()).distinct()).hasSize(3);
        for (String s : List.of("a", "b", "c")) {
            assertThat(bodies(receive(subscription(s), 5))).as(s).containsExactly("m");
        }
    }

    @Test
    void aFailedCommitLeavesTheMessageInNoSubscriptionEvenAfterARestart() {
        QueueEndpoint topic = topicWithSubscriptions("a", "b", "c");
        store.failNext = true;

        assertThatThrownBy(() -> CoreHarness.send(topic, "lost")).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("disk full");

        for (String s : List.of("a", "b", "c")) {
            assertThat(receive(subscription(s), 5)).as(s).isEmpty();
        }
        broker.close();
        broker = Broker.open(store.reopen(), time, Runnable::run);
        for (String s : List.of("a", "b", "c")) {
            assertThat(receive(subscription(s), 5)).as(s + " after a restart").isEmpty();
        }
        CoreHarness.send(broker.namespace().queue("t"), "next");
        for (String s : List.of("a", "b", "c")) {
            assertThat(bodies(receive(subscription(s), 5))).as(s).containsExactly("next");
        }
    }

    /** An in-memory store that records every batch and can refuse the next commit whole, as a failed write does. */
    private static final class RecordingStore implements MessageStore {
        final List<StoreBatch> batches = new ArrayList<>();
        private final InMemoryMessageStore inner;
        boolean failNext;

        RecordingStore(InMemoryMessageStore inner) {
            this.inner = inner;
        }

        RecordingStore reopen() {
            return new RecordingStore(inner.reopen());
        }

        @Override
        public void recover(RecoveryVisitor visitor) {
            inner.recover(visitor);
        }

        @Override
        public synchronized CompletableFuture<Void> commit(StoreBatch batch) {
            batches.add(batch);
            if (failNext) {
                failNext = false;
                return CompletableFuture.failedFuture(new java.io.IOException("disk full"));
            }
            return inner.commit(batch);
        }

        @Override
        public StoredMessage read(long queueId, long sequenceNumber) {
            return inner.read(queueId, sequenceNumber);
        }

        @Override
        public List<StoredMessage> scan(long queueId, long fromSequenceNumber, int maxCount) {
            return inner.scan(queueId, fromSequenceNumber, maxCount);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
