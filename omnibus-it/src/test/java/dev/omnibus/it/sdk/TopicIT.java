package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.SubQueue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topics and subscriptions with the official Java SDK: fan-out, peek, settlement and a subscription's DLQ. */
class TopicIT extends SdkTestSupport {

    @Test
    void everySubscriptionGetsItsOwnCopyOfEachMessage() {
        String topic = topic("audit", "billing", "shipping");
        topicSender(topic).sendMessages(List.of(new ServiceBusMessage("first").setMessageId("m1"),
                new ServiceBusMessage("second").setMessageId("m2").setSubject("orders")));

        for (String subscription : List.of("audit", "billing", "shipping")) {
            ServiceBusReceiverClient receiver = subscriptionReceiver(topic, subscription, SubQueue.NONE);
            List<ServiceBusReceivedMessage> got = receive(receiver, 2);
            assertThat(got).extracting(m -> m.getBody().toString()).containsExactly("first", "second");
            assertThat(got).extracting(ServiceBusReceivedMessage::getMessageId).containsExactly("m1", "m2");
            assertThat(got.get(1).getSubject()).isEqualTo("orders");
            assertThat(got.get(1).getSequenceNumber()).isGreaterThan(got.get(0).getSequenceNumber());
            got.forEach(receiver::complete);
            assertThat(receiveFor(receiver, 1, Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void aSubscriptionIsPeekedAndSettledOnItsOwn() {
        String topic = topic("fast", "slow");
        topicSender(topic).sendMessage(new ServiceBusMessage("only"));
        ServiceBusReceiverClient fast = subscriptionReceiver(topic, "fast", SubQueue.NONE);

        fast.complete(receiveOne(fast));

        assertThat(fast.peekMessage()).isNull();
        ServiceBusReceiverClient slow = subscriptionReceiver(topic, "slow", SubQueue.NONE);
        ServiceBusReceivedMessage peeked = slow.peekMessage();
        assertThat(peeked).isNotNull();
        assertThat(peeked.getBody().toString()).isEqualTo("only");
    }

    @Test
    void deadLetteredCopiesGoToTheSubscriptionsDeadLetterQueue() {
        String topic = topic("main", "other");
        topicSender(topic).sendMessage(new ServiceBusMessage("poison").setMessageId("p1"));
        ServiceBusReceiverClient receiver = subscriptionReceiver(topic, "main", SubQueue.NONE);

        receiver.deadLetter(receiveOne(receiver), new DeadLetterOptions().setDeadLetterReason("Unreadable")
                .setDeadLetterErrorDescription("No parser for it."));

        ServiceBusReceiverClient dlq = subscriptionReceiver(topic, "main", SubQueue.DEAD_LETTER_QUEUE);
        ServiceBusReceivedMessage dead = receiveOne(dlq);
        assertThat(dead.getMessageId()).isEqualTo("p1");
        assertThat(dead.getDeadLetterReason()).isEqualTo("Unreadable");
        assertThat(dead.getDeadLetterErrorDescription()).isEqualTo("No parser for it.");
        dlq.complete(dead);
        assertThat(subscriptionReceiver(topic, "other", SubQueue.DEAD_LETTER_QUEUE).peekMessage()).isNull();
        ServiceBusReceiverClient other = subscriptionReceiver(topic, "other", SubQueue.NONE);
        assertThat(receiveOne(other).getMessageId()).isEqualTo("p1");
    }
}
