package dev.omnibus.core;

import static dev.omnibus.core.BrokerAssertions.failsWith;
import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.body;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.ServiceBusError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PeekLockTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void locksForTheLockDurationWithANewTokenPerDelivery() {
        QueueEndpoint q = h.queue("q", b -> b.lockDuration(Duration.ofSeconds(30)));
        CoreHarness.send(q, "m");
        ReceivedMessage first = receive(q, 1).get(0);
        assertThat(first.lockToken()).isNotNull();
        assertThat(first.lockedUntil()).isEqualTo(h.time.now() + 30_000);
        assertThat(first.meta().deliveryCount()).as("earlier attempts, as the AMQP header carries it").isZero();
        assertThat(receive(q, 1)).as("locked messages are not delivered again").isEmpty();

        h.advance(Duration.ofSeconds(30));
        ReceivedMessage second = receive(q, 1).get(0);
        assertThat(second.lockToken()).isNotEqualTo(first.lockToken());
        assertThat(second.meta().deliveryCount()).isEqualTo(1);
        assertThat(second.sequenceNumber()).isEqualTo(first.sequenceNumber());
    }

    @Test
    void deliversInSequenceOrderAndAnAbandonedMessageKeepsItsPlace() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "1", "2", "3");
        List<ReceivedMessage> firstTwo = receive(q, 2);
        assertThat(bodies(firstTwo)).containsExactly("1", "2");
        q.abandon(firstTwo.get(0).lockToken(), Map.of()).join();
        List<ReceivedMessage> next = receive(q, 5);
        assertThat(bodies(next)).containsExactly("1", "3");
        assertThat(next.get(0).meta().deliveryCount()).isEqualTo(1);
    }

    @Test
    void completeRemovesAndSettlingTwiceFails() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "m");
        ReceivedMessage m = receive(q, 1).get(0);
        q.complete(m.lockToken()).join();
        failsWith(q.complete(m.lockToken()), ServiceBusError.MESSAGE_LOCK_LOST);
        failsWith(q.abandon(m.lockToken(), Map.of()), ServiceBusError.MESSAGE_LOCK_LOST);
        assertThat(q.peek(0, 10).join()).isEmpty();
        assertThat(h.store.messageCount(0)).isZero();
    }

    @Test
    void unknownOrExpiredLocksAreLost() {
        QueueEndpoint q = h.queue("q", b -> b.lockDuration(Duration.ofSeconds(5)));
        failsWith(q.complete(java.util.UUID.randomUUID()), ServiceBusError.MESSAGE_LOCK_LOST);
        CoreHarness.send(q, "m");
        ReceivedMessage m = receive(q, 1).get(0);
        h.advance(Duration.ofSeconds(5));
        failsWith(q.complete(m.lockToken()), ServiceBusError.MESSAGE_LOCK_LOST);
        failsWith(q.renewLock(m.lockToken()), ServiceBusError.MESSAGE_LOCK_LOST);
        assertThat(bodies(receive(q, 1))).containsExactly("m");
    }

    @Test
    void renewingExtendsTheLock() {
        QueueEndpoint q = h.queue("q", b -> b.lockDuration(Duration.ofSeconds(10)));
        CoreHarness.send(q, "m");
        ReceivedMessage m = receive(q, 1).get(0);
        h.advance(Duration.ofSeconds(8));
        Instant renewed = q.renewLock(m.lockToken()).join();
        assertThat(renewed.toEpochMilli()).isEqualTo(h.time.now() + 10_000);
        h.advance(Duration.ofSeconds(8));
        assertThat(receive(q, 1)).as("still locked after the original expiry").isEmpty();
        q.complete(m.lockToken()).join();
        h.advance(Duration.ofSeconds(20));
        assertThat(receive(q, 1)).isEmpty();
    }

    @Test
    void lockExpiryCountsTheAttemptAndMaxDeliveryCountDeadLetters() {
        QueueEndpoint q = h.queue("q", b -> b.lockDuration(Duration.ofSeconds(5)).maxDeliveryCount(3));
        CoreHarness.send(q, "m");
        for (int attempt = 0; attempt < 3; attempt++) {
            ReceivedMessage m = receive(q, 1).get(0);
            assertThat(m.meta().deliveryCount()).isEqualTo(attempt);
            h.advance(Duration.ofSeconds(5));
        }
        assertThat(receive(q, 1)).isEmpty();
        ReceivedMessage dead = receive(h.ns().endpoint("q", SubQueue.DEAD_LETTER), 1).get(0);
        assertThat(dead.meta().deadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(dead.meta().deadLetterDescription()).contains("3 delivery attempts");
        assertThat(dead.sequenceNumber()).as("dead letters keep their sequence number").isEqualTo(1);
    }

    @Test
    void twoAbandonsDeadLetterWithMaxDeliveryCountTwo() {
        QueueEndpoint q = h.queue("q", b -> b.maxDeliveryCount(2));
        CoreHarness.send(q, "m");
        q.abandon(receive(q, 1).get(0).lockToken(), Map.of()).join();
        q.abandon(receive(q, 1).get(0).lockToken(), Map.of()).join();
        assertThat(receive(q, 1)).isEmpty();
        List<ReceivedMessage> dead = receive(h.ns().endpoint("q", SubQueue.DEAD_LETTER), 5);
        assertThat(dead).extracting(m -> m.meta().deadLetterReason()).containsExactly("MaxDeliveryCountExceeded");
    }

    @Test
    void releaseDoesNotCountTheAttempt() {
        QueueEndpoint q = h.queue("q", b -> b.maxDeliveryCount(1));
        CoreHarness.send(q, "m");
        q.release(receive(q, 1).get(0).lockToken()).join();
        ReceivedMessage again = receive(q, 1).get(0);
        assertThat(again.meta().deliveryCount()).isZero();
    }

    @Test
    void receiveAndDeleteRemovesOnDelivery() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "a", "b");
        List<ReceivedMessage> got = receive(q, ReceiveMode.RECEIVE_AND_DELETE, 5);
        assertThat(bodies(got)).containsExactly("a", "b");
        assertThat(got).allSatisfy(m -> assertThat(m.lockToken()).isNull());
        assertThat(q.peek(0, 10).join()).isEmpty();
        assertThat(receive(q, 5)).isEmpty();
    }

    @Test
    void creditLimitsDeliveriesAndReceiversShareTheQueue() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "1", "2", "3", "4");
        CoreHarness.Collector a = CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        CoreHarness.Collector b = CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        a.receiver.addCredit(1);
        assertThat(bodies(a.take())).containsExactly("1");
        b.receiver.addCredit(2);
        assertThat(bodies(b.take())).containsExactly("2", "3");
        a.receiver.addCredit(5);
        assertThat(bodies(a.take())).containsExactly("4");
        CoreHarness.send(q, "5");
        assertThat(bodies(a.take())).as("remaining credit takes new arrivals").containsExactly("5");
        a.receiver.drain();
        assertThat(a.drained).isEqualTo(1);
        CoreHarness.send(q, "6");
        assertThat(a.take()).as("a drain spends the credit").isEmpty();
    }

    @Test
    void competingReceiversTakeTurnsInRunsOfConsecutiveMessages() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.Collector a = CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        CoreHarness.Collector b = CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        a.receiver.addCredit(40);
        b.receiver.addCredit(40);
        CoreHarness.send(q, range(1, 80).toArray(String[]::new));
        // Runs of 32, then what credit is left: a receiver's settlements stay consecutive for the store.
        List<String> aExpected = new ArrayList<>(range(1, 32));
        aExpected.addAll(range(65, 72));
        List<String> bExpected = new ArrayList<>(range(33, 64));
        bExpected.addAll(range(73, 80));
        assertThat(bodies(a.take())).containsExactlyElementsOf(aExpected);
        assertThat(bodies(b.take())).containsExactlyElementsOf(bExpected);
    }

    private static List<String> range(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(String::valueOf).toList();
    }

    @Test
    void closingAReceiverEndsItsLocksAndCountsTheAttempt() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "m");
        CoreHarness.Collector c = CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        c.receiver.addCredit(1);
        ReceivedMessage m = c.take().get(0);
        c.receiver.close().join();
        failsWith(q.complete(m.lockToken()), ServiceBusError.MESSAGE_LOCK_LOST);
        ReceivedMessage again = receive(q, 1).get(0);
        assertThat(body(again)).isEqualTo("m");
        assertThat(again.meta().deliveryCount()).isEqualTo(1);
    }

    @Test
    void messagesReceivedBySequenceNumberKeepTheirLocksWhenReceiversClose() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "m");
        CoreHarness.Collector c = CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        c.receiver.addCredit(1);
        ReceivedMessage m = c.take().get(0);
        q.defer(m.lockToken(), Map.of()).join();
        ReceivedMessage byNumber = q.receiveDeferred(new long[] {m.sequenceNumber()}, ReceiveMode.PEEK_LOCK).join()
                .get(0);
        c.receiver.close().join();
        q.complete(byNumber.lockToken()).join();
    }
}
