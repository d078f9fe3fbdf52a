package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.AbandonOptions;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.DeferOptions;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settling with the official Java SDK: complete, abandon, dead-letter, defer, and the dead-letter queue. */
class SettlementIT extends SdkTestSupport {

    @Test
    void completeRemovesTheMessage() {
        String q = queue();
        sender(q).sendMessage(new ServiceBusMessage("done"));
        ServiceBusReceiverClient receiver = receiver(q);

        receiver.complete(receiveOne(receiver));

        assertThat(receiveFor(receiver, 1, Duration.ofSeconds(1))).isEmpty();
        assertThat(receiver.peekMessages(5).stream().toList()).isEmpty();
    }

    @Test
    void abandonWithPropertiesRedeliversWithThemAndACountedAttempt() {
        String q = queue();
        ServiceBusMessage sent = new ServiceBusMessage("again");
        sent.getApplicationProperties().put("original", "kept");
        sender(q).sendMessage(sent);
        ServiceBusReceiverClient receiver = receiver(q);

        ServiceBusReceivedMessage first = receiveOne(receiver);
        receiver.abandon(first, new AbandonOptions().setPropertiesToModify(Map.of("attempt", 1, "note", "abandoned")));
        ServiceBusReceivedMessage second = receiveOne(receiver);

        assertThat(second.getSequenceNumber()).isEqualTo(first.getSequenceNumber());
        assertThat(second.getDeliveryCount()).isEqualTo(1);
        assertThat(second.getApplicationProperties()).containsEntry("original", "kept")
                .containsEntry("attempt", 1).containsEntry("note", "abandoned");
        receiver.complete(second);
    }

    @Test
    void deadLetterWithReasonAndDescriptionLandsInTheDeadLetterQueue() {
        String q = queue();
        sender(q).sendMessage(new ServiceBusMessage("poison").setMessageId("poison-1"));
        ServiceBusReceiverClient receiver = receiver(q);

        receiver.deadLetter(receiveOne(receiver), new DeadLetterOptions().setDeadLetterReason("BadInput")
                .setDeadLetterErrorDescription("The payload was not valid.")
                .setPropertiesToModify(Map.of("checkedBy", "test")));

        assertThat(receiveFor(receiver, 1, Duration.ofSeconds(1))).isEmpty();
        ServiceBusReceiverClient dlq = deadLetterReceiver(q);
        ServiceBusReceivedMessage dead = receiveOne(dlq);
        assertThat(dead.getMessageId()).isEqualTo("poison-1");
        assertThat(dead.getBody().toString()).isEqualTo("poison");
        assertThat(dead.getDeadLetterReason()).isEqualTo("BadInput");
        assertThat(dead.getDeadLetterErrorDescription()).isEqualTo("The payload was not valid.");
        assertThat(dead.getApplicationProperties()).containsEntry("checkedBy", "test");
        dlq.complete(dead);
        assertThat(dlq.peekMessages(5).stream().toList()).isEmpty();
    }

    @Test
    void deadLetterWithoutReason() {
        String q = queue();
        sender(q).sendMessage(new ServiceBusMessage("plain"));
        ServiceBusReceiverClient receiver = receiver(q);

        receiver.deadLetter(receiveOne(receiver));

        ServiceBusReceivedMessage dead = receiveOne(deadLetterReceiver(q));
        assertThat(dead.getBody().toString()).isEqualTo("plain");
        assertThat(dead.getDeadLetterReason()).isNull();
    }

    @Test
    void deferThenReceiveDeferredMessageBySequenceNumber() {
        String q = queue();
        sender(q).sendMessage(new ServiceBusMessage("later"));
        ServiceBusReceiverClient receiver = receiver(q);

        ServiceBusReceivedMessage m = receiveOne(receiver);
        receiver.defer(m, new DeferOptions().setPropertiesToModify(Map.of("deferred", true)));
        assertThat(receiveFor(receiver, 1, Duration.ofSeconds(1))).isEmpty();

        ServiceBusReceivedMessage deferred = receiver.receiveDeferredMessage(m.getSequenceNumber());
        assertThat(deferred.getBody().toString()).isEqualTo("later");
        assertThat(deferred.getState()).isEqualTo(ServiceBusMessageState.DEFERRED);
        assertThat(deferred.getApplicationProperties()).containsEntry("deferred", true);
        assertThat(deferred.getLockToken()).isNotBlank();
        // Settled through $management (update-disposition), as the SDK does for messages received by number.
        receiver.complete(deferred);
        assertThat(receiver.peekMessages(5).stream().toList()).isEmpty();
    }

    @Test
    void receiveDeferredMessageBatch() {
        String q = queue();
        sender(q).sendMessages(List.of(new ServiceBusMessage("a"), new ServiceBusMessage("b")));
        ServiceBusReceiverClient receiver = receiver(q);
        List<ServiceBusReceivedMessage> both = receive(receiver, 2);
        both.forEach(receiver::defer);

        List<ServiceBusReceivedMessage> deferred = receiver.receiveDeferredMessageBatch(
                both.stream().map(ServiceBusReceivedMessage::getSequenceNumber).toList()).stream().toList();

        assertThat(deferred).extracting(m -> m.getBody().toString()).containsExactlyInAnyOrder("a", "b");
        deferred.forEach(receiver::deadLetter);
        assertThat(receive(deadLetterReceiver(q), 2)).hasSize(2);
    }
}
