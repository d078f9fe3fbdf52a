package dev.omnibus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.Broker;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.QueueRuntimeInfo;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.Receiver;
import dev.omnibus.core.time.ManualTimeSource;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker on the real disk store, closed and reopened: 100k messages written, half settled, some deferred and
 * scheduled; after the restart every message is there in the state it had, with its delivery count.
 */
class BrokerRestartOnDiskTest {
    private static final int MESSAGES = 100_000;
    private final ManualTimeSource time = new ManualTimeSource();

    @TempDir
    Path dir;

    private Broker open() {
        return Broker.open(EmbeddedMessageStore.open(dir), time, Runnable::run);
    }

    @Test
    void recoversTheExactStateOfALargeQueue() {
        List<Long> deferred = new ArrayList<>();
        long scheduledSeq;
        QueueRuntimeInfo before;
        try (Broker broker = open()) {
            broker.namespace().createQueue(QueueDescription.builder("big").maxDeliveryCount(5).build()).join();
            QueueEndpoint q = broker.namespace().queue("big");
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i += 500) {
                List<IncomingMessage> batch = new ArrayList<>();
                for (int j = i; j < i + 500; j++) {
                    batch.add(IncomingMessage.builder(body(j)).messageId("m" + j).build());
                }
                sends.add(q.send(batch));
            }
            sends.forEach(CompletableFuture::join);
            scheduledSeq = q.schedule(List.of(IncomingMessage.builder(body(-1))
                    .scheduledEnqueueTime(Instant.ofEpochMilli(time.now()).plus(Duration.ofHours(1))).build()))
                    .join()[0];

            List<ReceivedMessage> taken = take(q, MESSAGES);
            List<CompletableFuture<Void>> settles = new ArrayList<>();
            for (int i = 0; i < taken.size(); i++) {
                ReceivedMessage m = taken.get(i);
                if (i % 2 == 0) {
                    settles.add(q.complete(m.lockToken()));
                } else if (i % 10 == 1) {
                    settles.add(q.defer(m.lockToken(), Map.of("i", (long) i)));
                    deferred.add(m.sequenceNumber());
                } else {
                    settles.add(q.abandon(m.lockToken(), Map.of()));
                }
            }
            settles.forEach(CompletableFuture::join);
            before = broker.namespace().queueRuntimeInfo("big").join();
        }

        try (Broker broker = open()) {
            QueueRuntimeInfo after = broker.namespace().queueRuntimeInfo("big").join();
            assertThat(after.activeMessageCount()).isEqualTo(before.activeMessageCount()).isEqualTo(MESSAGES / 2);
            assertThat(after.deferredMessageCount()).isEqualTo(before.deferredMessageCount()).isEqualTo(deferred.size());
            assertThat(after.scheduledMessageCount()).isEqualTo(1);
            assertThat(after.sizeInBytes()).isEqualTo(before.sizeInBytes());

            QueueEndpoint q = broker.namespace().queue("big");
            List<ReceivedMessage> again = take(q, MESSAGES);
            assertThat(again).hasSize(MESSAGES / 2 - deferred.size());
            assertThat(again).allSatisfy(m -> {
                assertThat(m.sequenceNumber() % 2).as("only odd (unsettled) ones are left").isZero();
                assertThat(m.meta().deliveryCount()).as("the abandoned attempt was kept").isEqualTo(1);
                assertThat(ByteBuffer.wrap(m.payload()).getInt()).isEqualTo((int) m.sequenceNumber() - 1);
            });
            long[] seqs = deferred.stream().mapToLong(Long::longValue).toArray();
            List<ReceivedMessage> byNumber = q.receiveDeferred(seqs, ReceiveMode.RECEIVE_AND_DELETE).join();
            assertThat(byNumber).hasSize(deferred.size());
            assertThat(byNumber).allSatisfy(m -> {
                assertThat(m.meta().state()).isEqualTo(MessageState.DEFERRED);
                assertThat(m.meta().propertyChanges()).containsKey("i");
            });
            assertThat(q.peek(scheduledSeq, 1).join().get(0).meta().state()).isEqualTo(MessageState.SCHEDULED);
            assertThat(q.schedule(List.of(IncomingMessage.builder(body(0)).build())).join()[0])
                    .as("sequence numbers continue after the highest ever used").isEqualTo(scheduledSeq + 1);
        }
    }

    /** A body carrying its send index; sequence numbers start at 1, so a message's number is its index + 1. */
    private static byte[] body(int i) {
        return ByteBuffer.allocate(1024).putInt(i).array();
    }

    /** Takes up to {@code max} messages and waits until the drain says there are no more (the receiver stays open). */
    private static List<ReceivedMessage> take(QueueEndpoint q, int max) {
        ConcurrentLinkedQueue<ReceivedMessage> got = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        DeliverySink sink = new DeliverySink() {
            @Override
            public void onMessage(ReceivedMessage message) {
                got.add(message);
            }

            @Override
            public void onDrained() {
                drained.complete(null);
            }

            @Override
            public void onClosed(BrokerException reason) {
                drained.completeExceptionally(reason);
            }
        };
        Receiver r = q.openReceiver(ReceiveMode.PEEK_LOCK, sink).join();
        r.addCredit(max);
        r.drain();
        // Left open: closing a receiver ends its locks.
        drained.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        return new ArrayList<>(got);
    }
}
