package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Receiving with the Omnibus client: batches, iteration, receive modes, prefetch. */
class ReceiveIT extends ClientTestSupport {

    private void send(String q, int count) {
        closeLater(client.getQueueSender(q)).sendMessages(IntStream.range(0, count)
                .mapToObj(i -> new ServiceBusMessage("m" + i)).toList());
    }

    @Test
    void receiveMessagesInPeekLockThenCompleteEmptiesTheQueue() {
        String q = queue();
        send(q, 5);
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));

        List<ServiceBusReceivedMessage> got = receive(receiver, 5);
        got.forEach(receiver::completeMessage);

        assertThat(got).extracting(ServiceBusReceivedMessage::getBodyAsString)
                .containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(receiver.receiveMessages(5, Duration.ofMillis(500))).isEmpty();
        assertThat(receiver.peekMessages(5)).isEmpty();
    }

    @Test
    void receiveMessagesReturnsWhatIsThereWhenFewerArriveThanAskedForWithoutWaitingTheWholeTime() {
        String q = queue();
        send(q, 2);
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));
        receive(receiver, 0);

        Instant start = Instant.now();
        List<ServiceBusReceivedMessage> got = new ArrayList<>(receiver.receiveMessages(10, Duration.ofSeconds(10)));
        while (got.size() < 2) {
            got.addAll(receiver.receiveMessages(10, Duration.ofSeconds(10)));
        }

        assertThat(got).hasSize(2);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(9));
    }

    @Test
    void emptyQueueReturnsAnEmptyListAfterMaxWaitTime() {
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(queue()));
        Instant start = Instant.now();

        assertThat(receiver.receiveMessages(3, Duration.ofMillis(700))).isEmpty();
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(650));
    }

    @Test
    void iterationYieldsMessagesAsTheyComeAndEndsAfterMaxWaitTimeIdle() {
        String q = queue();
        send(q, 3);
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().maxWaitTime(Duration.ofSeconds(1))));
        List<String> bodies = new ArrayList<>();

        for (ServiceBusReceivedMessage message : receiver) {
            bodies.add(message.getBodyAsString());
            receiver.completeMessage(message);
        }

        assertThat(bodies).containsExactly("m0", "m1", "m2");
    }

    @Test
    void receiveAndDeleteRemovesOnDeliveryAndCannotBeSettled() {
        String q = queue();
        send(q, 3);
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE)));

        List<ServiceBusReceivedMessage> got = receive(receiver, 3);

        assertThat(got).hasSize(3).allSatisfy(m -> {
            assertThat(m.isSettled()).isTrue();
            assertThat(m.getLockToken()).isNull();
        });
        assertThat(receiver.getReceiveMode()).isEqualTo(ServiceBusReceiveMode.RECEIVE_AND_DELETE);
        assertThat(receiver.peekMessages(10)).isEmpty();
    }

    @Test
    void prefetchedMessagesAreHandedOutAndSettleable() {
        String q = queue();
        send(q, 20);
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().prefetchCount(10)));

        List<ServiceBusReceivedMessage> got = receive(receiver, 20);
        got.forEach(receiver::completeMessage);

        assertThat(got).hasSize(20);
        assertThat(got).extracting(ServiceBusReceivedMessage::getSequenceNumber).isSorted().doesNotHaveDuplicates();
        assertThat(receiver.peekMessages(20)).isEmpty();
    }

    @Test
    void prefetchedMessageWhoseLockLapsedIsNeverHandedOut() {
        String q = queue(b -> b.lockDuration(Duration.ofSeconds(5)));
        ServiceBusSender sender = closeLater(client.getQueueSender(q));
        sender.sendMessages(List.of(new ServiceBusMessage("a"), new ServiceBusMessage("b")));
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().prefetchCount(5)));

        ServiceBusReceivedMessage first = receiveOne(receiver);
        receiver.completeMessage(first);
        // "b" sits prefetched while its 5 s lock lapses (the broker's minimum); what comes next must carry a live
        // lock: the stale copy is released, never handed out, and the redelivery comes instead.
        // Both were delivered together, so "b"'s lock ends when the first one's original lock did.
        OffsetDateTime lapsed = first.getLockedUntil().plusNanos(500_000_000);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> OffsetDateTime.now().isAfter(lapsed));
        ServiceBusReceivedMessage next = receiveOne(receiver);

        assertThat(next.getBodyAsString()).isEqualTo("b");
        assertThat(next.getLockedUntil()).isAfter(OffsetDateTime.now());
        assertThat(next.getDeliveryCount()).isPositive();
        receiver.completeMessage(next);
    }

    @Test
    void withoutPrefetchNothingIsLockedForNobodyBetweenReceives() {
        String q = queue(b -> b.lockDuration(Duration.ofSeconds(30)));
        send(q, 3);
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));

        ServiceBusReceivedMessage one = receiveOne(receiver);
        receiver.completeMessage(one);
        // The receive asked for one; the drain took back the rest of the credit, so a second receiver
        // (not the first) can take the remaining messages at once.
        ServiceBusReceiver other = closeLater(client.getQueueReceiver(q));
        assertThat(receive(other, 2)).extracting(ServiceBusReceivedMessage::getDeliveryCount).containsOnly(0L);
    }
}
