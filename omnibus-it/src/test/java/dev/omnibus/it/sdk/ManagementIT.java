package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The SDK operations that go through the entity's $management node. */
class ManagementIT extends SdkTestSupport {

    @Test
    void scheduledMessageIsPeekableAsScheduledAndArrivesOnTime() {
        String q = queue();
        ServiceBusSenderClient sender = sender(q);
        OffsetDateTime at = OffsetDateTime.now().plusSeconds(2);

        long seq = sender.scheduleMessage(new ServiceBusMessage("later").setMessageId("s1"), at);

        assertThat(seq).isPositive();
        ServiceBusReceiverClient receiver = receiver(q);
        ServiceBusReceivedMessage peeked = receiver.peekMessage();
        assertThat(peeked.getSequenceNumber()).isEqualTo(seq);
        assertThat(peeked.getState()).isEqualTo(ServiceBusMessageState.SCHEDULED);
        assertThat(peeked.getScheduledEnqueueTime().toInstant().toEpochMilli()).isEqualTo(at.toInstant().toEpochMilli());
        ServiceBusReceivedMessage arrived = receiveOne(receiver);
        assertThat(arrived.getMessageId()).isEqualTo("s1");
        assertThat(arrived.getSequenceNumber()).isEqualTo(seq);
        assertThat(arrived.getEnqueuedTime()).isAfterOrEqualTo(at.minusSeconds(1));
        receiver.complete(arrived);
    }

    @Test
    void cancelledScheduledMessageNeverArrives() {
        String q = queue();
        ServiceBusSenderClient sender = sender(q);
        long keep = sender.scheduleMessage(new ServiceBusMessage("keep"), OffsetDateTime.now().plusHours(1));
        long cancel = sender.scheduleMessage(new ServiceBusMessage("cancel"), OffsetDateTime.now().plusHours(1));

        sender.cancelScheduledMessage(cancel);

        List<ServiceBusReceivedMessage> peeked = receiver(q).peekMessages(10).stream().toList();
        assertThat(peeked).extracting(ServiceBusReceivedMessage::getSequenceNumber).containsExactly(keep);
    }

    @Test
    void scheduleMessagesInOneCall() {
        String q = queue();
        ServiceBusSenderClient sender = sender(q);

        // The returned iterable schedules again each time it is iterated: copy it once.
        List<Long> seqs = new ArrayList<>();
        sender.scheduleMessages(List.of(new ServiceBusMessage("x"), new ServiceBusMessage("y")),
                OffsetDateTime.now().plusHours(1)).forEach(seqs::add);

        assertThat(seqs).hasSize(2).doesNotHaveDuplicates();
        sender.cancelScheduledMessages(seqs);
        assertThat(receiver(q).peekMessages(10).stream().toList()).isEmpty();
    }

    @Test
    void peekDoesNotLockAndFollowsTheSequence() {
        String q = queue();
        sender(q).sendMessages(IntStream.range(0, 6).mapToObj(i -> new ServiceBusMessage("p" + i)).toList());
        ServiceBusReceiverClient receiver = receiver(q);

        List<ServiceBusReceivedMessage> firstThree = receiver.peekMessages(3).stream().toList();
        List<ServiceBusReceivedMessage> nextThree = receiver.peekMessages(3).stream().toList();
        ServiceBusReceivedMessage single = receiver.peekMessage();

        assertThat(firstThree).extracting(m -> m.getBody().toString()).containsExactly("p0", "p1", "p2");
        assertThat(nextThree).extracting(m -> m.getBody().toString()).containsExactly("p3", "p4", "p5");
        assertThat(single).isNull();
        assertThat(firstThree.get(0).getLockToken()).isNull();
        assertThat(firstThree.get(0).getDeliveryCount()).isZero();
        // Peeking locked nothing: all six can be received at once.
        assertThat(receive(receiver, 6)).hasSize(6);
    }

    @Test
    void peekFromASequenceNumber() {
        String q = queue();
        sender(q).sendMessages(IntStream.range(0, 5).mapToObj(i -> new ServiceBusMessage("p" + i)).toList());
        ServiceBusReceiverClient receiver = receiver(q);
        long third = receiver.peekMessages(3).stream().toList().get(2).getSequenceNumber();

        List<ServiceBusReceivedMessage> fromThird = receiver.peekMessages(10, third).stream().toList();
        ServiceBusReceivedMessage one = receiver.peekMessage(third + 1);

        assertThat(fromThird).extracting(m -> m.getBody().toString()).containsExactly("p2", "p3", "p4");
        assertThat(one.getBody().toString()).isEqualTo("p3");
    }

    @Test
    void peekShowsDeadLetterQueueSeparately() {
        String q = queue();
        sender(q).sendMessage(new ServiceBusMessage("dead"));
        ServiceBusReceiverClient receiver = receiver(q);
        receiver.deadLetter(receiveOne(receiver));

        assertThat(receiver.peekMessages(5).stream().toList()).isEmpty();
        assertThat(deadLetterReceiver(q).peekMessages(5).stream().toList())
                .extracting(m -> m.getBody().toString()).containsExactly("dead");
    }

    @Test
    void renewMessageLockExtendsTheLock() {
        String q = queue(b -> b.lockDuration(Duration.ofSeconds(30)));
        sender(q).sendMessage(new ServiceBusMessage("renew"));
        ServiceBusReceiverClient receiver = receiver(q);
        ServiceBusReceivedMessage m = receiveOne(receiver);
        OffsetDateTime before = m.getLockedUntil();

        OffsetDateTime renewed = receiver.renewMessageLock(m);

        assertThat(renewed).isAfterOrEqualTo(before);
        assertThat(renewed).isAfter(OffsetDateTime.now().plusSeconds(25));
        receiver.complete(m);
    }
}
