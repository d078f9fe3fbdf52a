package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageState;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The $management operations: schedule and cancel, peek, renew lock. */
class ManagementIT extends ClientTestSupport {

    @Test
    void scheduledMessageIsPeekableAsScheduledAndArrivesOnTime() {
        String q = queue();
        ServiceBusSender sender = closeLater(client.getQueueSender(q));
        OffsetDateTime at = OffsetDateTime.now().plusSeconds(2);

        long sequenceNumber = sender.scheduleMessage(new ServiceBusMessage("scheduled"), at);

        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));
        List<ServiceBusReceivedMessage> peeked = receiver.peekMessages(5);
        assertThat(peeked).singleElement().satisfies(p -> {
            assertThat(p.getSequenceNumber()).isEqualTo(sequenceNumber);
            assertThat(p.getState()).isEqualTo(ServiceBusMessageState.SCHEDULED);
            assertThat(p.getScheduledEnqueueTime()).isEqualTo(at.withNano(at.getNano() / 1_000_000 * 1_000_000));
        });
        ServiceBusReceivedMessage got = receiveOne(receiver);
        assertThat(got.getBodyAsString()).isEqualTo("scheduled");
        assertThat(OffsetDateTime.now()).isAfter(at.minusSeconds(1));
    }

    @Test
    void cancelledScheduledMessageNeverArrives() {
        String q = queue();
        ServiceBusSender sender = closeLater(client.getQueueSender(q));
        long sequenceNumber = sender.scheduleMessage(new ServiceBusMessage("never"), OffsetDateTime.now().plusSeconds(1));

        sender.cancelScheduledMessage(sequenceNumber);

        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));
        assertThat(receiver.peekMessages(5)).isEmpty();
        assertThat(receiver.receiveMessages(1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void scheduleMessagesInOneCallReturnsOneSequenceNumberEach() {
        String q = queue();
        List<Long> numbers = closeLater(client.getQueueSender(q)).scheduleMessages(
                List.of(new ServiceBusMessage("a"), new ServiceBusMessage("b"), new ServiceBusMessage("c")),
                OffsetDateTime.now().plusMinutes(10));

        assertThat(numbers).hasSize(3).doesNotHaveDuplicates();
        closeLater(client.getQueueSender(q)).cancelScheduledMessages(numbers);
        assertThat(closeLater(client.getQueueReceiver(q)).peekMessages(5)).isEmpty();
    }

    @Test
    void peekDoesNotLockAndFollowsTheSequence() {
        String q = queue();
        closeLater(client.getQueueSender(q)).sendMessages(IntStream.range(0, 5)
                .mapToObj(i -> new ServiceBusMessage("p" + i)).toList());
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));

        List<ServiceBusReceivedMessage> first = receiver.peekMessages(3);
        List<ServiceBusReceivedMessage> rest = receiver.peekMessages(3);

        assertThat(first).extracting(ServiceBusReceivedMessage::getBodyAsString).containsExactly("p0", "p1", "p2");
        assertThat(rest).extracting(ServiceBusReceivedMessage::getBodyAsString).containsExactly("p3", "p4");
        assertThat(first).allSatisfy(m -> assertThat(m.getLockToken()).isNull());
        assertThat(receive(receiver, 5)).hasSize(5).allSatisfy(m -> assertThat(m.getDeliveryCount()).isZero());
    }

    @Test
    void peekFromASequenceNumber() {
        String q = queue();
        closeLater(client.getQueueSender(q)).sendMessages(IntStream.range(0, 5)
                .mapToObj(i -> new ServiceBusMessage("p" + i)).toList());
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));
        long third = receiver.peekMessages(5).get(2).getSequenceNumber();

        assertThat(receiver.peekMessages(10, third)).extracting(ServiceBusReceivedMessage::getBodyAsString)
                .containsExactly("p2", "p3", "p4");
    }

    @Test
    void peekShowsTheDeadLetterQueueSeparately() {
        String q = queue();
        closeLater(client.getQueueSender(q)).sendMessages(List.of(new ServiceBusMessage("live"),
                new ServiceBusMessage("dead")));
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));
        List<ServiceBusReceivedMessage> got = receive(receiver, 2);
        receiver.abandonMessage(got.get(0));
        receiver.deadLetterMessage(got.get(1), "r", "d");

        ServiceBusReceiver dlq = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER)));
        assertThat(dlq.peekMessages(5)).extracting(ServiceBusReceivedMessage::getBodyAsString).containsExactly("dead");
        assertThat(receiver.peekMessages(5, 0)).extracting(ServiceBusReceivedMessage::getBodyAsString)
                .containsExactly("live");
    }

    @Test
    void renewMessageLockExtendsTheLockAndUpdatesTheMessage() {
        String q = queue(b -> b.lockDuration(Duration.ofSeconds(5)));
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage("x"));
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));
        ServiceBusReceivedMessage m = receiveOne(receiver);
        OffsetDateTime before = m.getLockedUntil();

        org.awaitility.Awaitility.await().until(() -> OffsetDateTime.now().isAfter(before.minusNanos(4_700_000_000L)));
        OffsetDateTime renewed = receiver.renewMessageLock(m);

        assertThat(renewed).isAfter(before);
        assertThat(m.getLockedUntil()).isEqualTo(renewed);
        receiver.completeMessage(m);
    }
}
