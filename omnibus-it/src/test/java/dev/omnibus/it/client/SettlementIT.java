package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.exceptions.MessageAlreadySettledException;
import dev.omnibus.client.exceptions.MessageLockLostException;
import dev.omnibus.client.exceptions.MessageNotFoundException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageState;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settlement: complete, abandon, dead-letter, defer, and what happens when a lock is gone. */
class SettlementIT extends ClientTestSupport {

    private ServiceBusReceiver sendOneAndReceiver(String q, String body) {
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage(body));
        return closeLater(client.getQueueReceiver(q));
    }

    @Test
    void completeRemovesTheMessageAndASecondSettlementIsRefused() {
        String q = queue();
        ServiceBusReceiver receiver = sendOneAndReceiver(q, "x");
        ServiceBusReceivedMessage m = receiveOne(receiver);

        receiver.completeMessage(m);

        assertThat(m.isSettled()).isTrue();
        assertThatThrownBy(() -> receiver.completeMessage(m)).isInstanceOf(MessageAlreadySettledException.class);
        assertThat(receiver.peekMessages(5)).isEmpty();
    }

    @Test
    void abandonWithPropertiesRedeliversWithThemAndACountedAttempt() {
        String q = queue();
        ServiceBusReceiver receiver = sendOneAndReceiver(q, "x");
        ServiceBusReceivedMessage first = receiveOne(receiver);

        receiver.abandonMessage(first, Map.of("attempt", "one"));
        ServiceBusReceivedMessage again = receiveOne(receiver);

        assertThat(again.getSequenceNumber()).isEqualTo(first.getSequenceNumber());
        assertThat(again.getDeliveryCount()).isEqualTo(1);
        assertThat(again.getApplicationProperties()).containsEntry("attempt", "one");
        receiver.completeMessage(again);
    }

    @Test
    void deadLetterWithReasonAndDescriptionLandsInTheDeadLetterQueue() {
        String q = queue();
        ServiceBusReceiver receiver = sendOneAndReceiver(q, "poison");
        ServiceBusReceivedMessage m = receiveOne(receiver);

        receiver.deadLetterMessage(m, "Poison", "Could not parse");

        ServiceBusReceiver dlq = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER)));
        ServiceBusReceivedMessage dead = receiveOne(dlq);
        assertThat(dead.getBodyAsString()).isEqualTo("poison");
        assertThat(dead.getDeadLetterReason()).isEqualTo("Poison");
        assertThat(dead.getDeadLetterErrorDescription()).isEqualTo("Could not parse");
        assertThat(dlq.getEntityPath()).endsWith("/$DeadLetterQueue");
        dlq.completeMessage(dead);
        assertThat(receiver.peekMessages(5)).isEmpty();
    }

    @Test
    void deadLetterWithoutReason() {
        String q = queue();
        ServiceBusReceiver receiver = sendOneAndReceiver(q, "x");
        receiver.deadLetterMessage(receiveOne(receiver));

        ServiceBusReceiver dlq = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER)));
        assertThat(receiveOne(dlq).getDeadLetterReason()).isNull();
    }

    @Test
    void deferThenReceiveDeferredMessageBySequenceNumberAndCompleteIt() {
        String q = queue();
        ServiceBusReceiver receiver = sendOneAndReceiver(q, "later");
        ServiceBusReceivedMessage m = receiveOne(receiver);
        long sequenceNumber = m.getSequenceNumber();

        receiver.deferMessage(m);
        assertThat(receiver.receiveMessages(1, Duration.ofMillis(500))).as("deferred is not received").isEmpty();
        List<ServiceBusReceivedMessage> deferred = receiver.receiveDeferredMessages(List.of(sequenceNumber));

        assertThat(deferred).singleElement().satisfies(d -> {
            assertThat(d.getBodyAsString()).isEqualTo("later");
            assertThat(d.getState()).isEqualTo(ServiceBusMessageState.DEFERRED);
            assertThat(d.getLockToken()).isNotNull();
        });
        receiver.completeMessage(deferred.get(0));
        assertThat(receiver.peekMessages(5)).isEmpty();
    }

    @Test
    void receivingAnUnknownDeferredSequenceNumberIsMessageNotFound() {
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(queue()));

        assertThatThrownBy(() -> receiver.receiveDeferredMessages(List.of(424242L)))
                .isInstanceOf(MessageNotFoundException.class);
    }

    @Test
    void settlingAfterTheLockExpiredIsMessageLockLost() {
        String q = queue(b -> b.lockDuration(Duration.ofSeconds(5)));
        ServiceBusReceiver receiver = sendOneAndReceiver(q, "slow");
        ServiceBusReceivedMessage m = receiveOne(receiver);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> m.getLockedUntil().isBefore(java.time.OffsetDateTime.now().minusSeconds(1)));

        assertThatThrownBy(() -> receiver.completeMessage(m)).isInstanceOf(MessageLockLostException.class);
        assertThat(m.isSettled()).as("a failed settlement leaves the message unsettled").isFalse();
    }

    @Test
    void settlementAfterTheReceiveLinkClosedGoesThroughManagement() {
        String q = queue();
        ServiceBusReceiver receiver = sendOneAndReceiver(q, "x");
        ServiceBusReceivedMessage m = receiveOne(receiver);
        receiver.close();

        // The message's link is gone, so the client settles through $management with the lock token. Service Bus
        // drops locks with their link (then this is MessageLockLost); Omnibus keeps the lock until it expires.
        // Either way the call answers at once and the queue agrees with the answer.
        ServiceBusReceiver other = closeLater(client.getQueueReceiver(q));
        try {
            other.completeMessage(m);
            assertThat(other.peekMessages(5)).isEmpty();
        } catch (MessageLockLostException lost) {
            assertThat(receiveOne(other).getSequenceNumber()).isEqualTo(m.getSequenceNumber());
        }
    }
}
