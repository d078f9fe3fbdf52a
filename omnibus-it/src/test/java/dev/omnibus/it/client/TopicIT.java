package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.omnibus.client.ProcessErrorContext;
import dev.omnibus.client.ProcessorOptions;
import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusAsyncClient;
import dev.omnibus.client.ServiceBusAsyncReceiver;
import dev.omnibus.client.ServiceBusAsyncSender;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Topics and subscriptions with the Omnibus client: a topic sender fans out, each subscription receiver gets its own
 * copy (in order, with the sender's properties), settles it on its own, and has its own dead-letter sub-queue.
 */
class TopicIT extends ClientTestSupport {

    private static ServiceBusMessage message(String id) {
        ServiceBusMessage message = new ServiceBusMessage("body of " + id).setMessageId(id).setSubject("order")
                .setCorrelationId("c-" + id).setContentType("text/plain");
        message.getApplicationProperties().put("n", id.length());
        return message;
    }

    private ServiceBusReceiver subscriptionReceiver(String topic, String subscription) {
        return closeLater(client.getSubscriptionReceiver(topic, subscription,
                ReceiverOptions.defaults().maxWaitTime(Duration.ofSeconds(2))));
    }

    private static List<String> ids(List<ServiceBusReceivedMessage> messages) {
        return messages.stream().map(ServiceBusReceivedMessage::getMessageId).toList();
    }

    @Test
    void everySubscriptionGetsItsOwnCopyOfEachMessageInOrder() {
        String topic = topic("a", "b", "c");
        try (ServiceBusSender sender = client.getTopicSender(topic)) {
            sender.sendMessages(message("m1"));
            sender.sendMessages(List.of(message("m2"), message("m3")));
        }

        for (String subscription : List.of("a", "b", "c")) {
            ServiceBusReceiver receiver = subscriptionReceiver(topic, subscription);
            assertThat(receiver.getEntityPath()).isEqualTo(topic + "/Subscriptions/" + subscription);
            List<ServiceBusReceivedMessage> got = receive(receiver, 3);
            assertThat(ids(got)).as(subscription).containsExactly("m1", "m2", "m3");
            ServiceBusReceivedMessage first = got.get(0);
            assertThat(first.getBodyAsString()).isEqualTo("body of m1");
            assertThat(first.getSubject()).isEqualTo("order");
            assertThat(first.getCorrelationId()).isEqualTo("c-m1");
            assertThat(first.getContentType()).isEqualTo("text/plain");
            assertThat(first.getApplicationProperties()).containsEntry("n", 2);
            assertThat(first.getLockToken()).isNotNull();
            got.forEach(receiver::completeMessage);
            assertThat(receiver.peekMessages(10)).isEmpty();
        }
    }

    @Test
    void settlingInOneSubscriptionLeavesTheOthersCopy() {
        String topic = topic("a", "b");
        closeLater(client.getTopicSender(topic)).sendMessages(message("only"));

        ServiceBusReceiver a = subscriptionReceiver(topic, "a");
        a.completeMessage(receiveOne(a));

        assertThat(a.peekMessages(10)).isEmpty();
        ServiceBusReceiver b = subscriptionReceiver(topic, "b");
        assertThat(ids(b.peekMessages(10))).containsExactly("only");
        ServiceBusReceivedMessage copy = receiveOne(b);
        assertThat(copy.getMessageId()).isEqualTo("only");
        b.completeMessage(copy);
    }

    @Test
    void deadLetteredCopiesGoToTheirSubscriptionsDeadLetterSubQueue() {
        String topic = topic("a", "b");
        closeLater(client.getTopicSender(topic)).sendMessages(message("poison"));

        ServiceBusReceiver a = subscriptionReceiver(topic, "a");
        a.deadLetterMessage(receiveOne(a), "BadPayload", "cannot parse");

        ServiceBusReceiver aDlq = closeLater(client.getSubscriptionReceiver(topic, "a",
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER)));
        assertThat(aDlq.getEntityPath()).endsWith("/$DeadLetterQueue");
        ServiceBusReceivedMessage dead = receiveOne(aDlq);
        assertThat(dead.getMessageId()).isEqualTo("poison");
        assertThat(dead.getDeadLetterReason()).isEqualTo("BadPayload");
        assertThat(dead.getDeadLetterErrorDescription()).isEqualTo("cannot parse");
        aDlq.completeMessage(dead);
        assertThat(aDlq.peekMessages(10)).isEmpty();

        ServiceBusReceiver bDlq = closeLater(client.getSubscriptionReceiver(topic, "b",
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER)));
        assertThat(bDlq.peekMessages(10)).as("b's dead-letter queue").isEmpty();
        ServiceBusReceiver b = subscriptionReceiver(topic, "b");
        b.completeMessage(receiveOne(b));
    }

    @Test
    void receiveAndDeleteAbandonAndDeferWorkOnASubscription() {
        String topic = topic("a", "b");
        closeLater(client.getTopicSender(topic)).sendMessages(List.of(message("x"), message("y")));

        ServiceBusReceiver a = subscriptionReceiver(topic, "a");
        ServiceBusReceivedMessage x = receiveOne(a);
        a.abandonMessage(x);
        ServiceBusReceivedMessage again = receiveOne(a);
        assertThat(again.getMessageId()).isEqualTo("x");
        assertThat(again.getDeliveryCount()).isEqualTo(1);
        a.deferMessage(again);
        ServiceBusReceivedMessage y = receiveOne(a);
        a.completeMessage(y);
        ServiceBusReceivedMessage deferred = a.receiveDeferredMessages(List.of(again.getSequenceNumber())).get(0);
        a.completeMessage(deferred);
        assertThat(a.peekMessages(10)).isEmpty();

        ServiceBusReceiver b = closeLater(client.getSubscriptionReceiver(topic, "b",
                ReceiverOptions.defaults().receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE)));
        assertThat(ids(receive(b, 2))).containsExactly("x", "y");
        assertThat(b.peekMessages(10)).isEmpty();
    }

    @Test
    void aProcessorOnASubscriptionHandlesEveryCopy() {
        String topic = topic("a");
        closeLater(client.getTopicSender(topic)).sendMessages(List.of(message("p1"), message("p2"), message("p3")));
        List<String> seen = new CopyOnWriteArrayList<>();
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();

        closeLater(client.createProcessor(topic, "a", ProcessorOptions.defaults(),
                context -> seen.add(context.getMessage().getMessageId()), errors::add)).start();

        await().atMost(PATIENCE).until(() -> seen.size() == 3);
        assertThat(seen).containsExactly("p1", "p2", "p3");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(subscriptionReceiver(topic, "a").peekMessages(10))
                .isEmpty());
        assertThat(errors).isEmpty();
    }

    @Test
    void theAsyncClientSendsToATopicAndReceivesFromASubscription() {
        String topic = topic("a", "b");
        ServiceBusAsyncClient async = client.getAsyncClient();
        ServiceBusAsyncSender sender = closeLater(async.getTopicSender(topic));
        sender.sendMessages(List.of(message("async-1"), message("async-2"))).join();

        for (String subscription : List.of("a", "b")) {
            ServiceBusAsyncReceiver receiver = closeLater(async.getSubscriptionReceiver(topic, subscription));
            List<ServiceBusReceivedMessage> got = receiver.receiveMessages(2, Duration.ofSeconds(10))
                    .thenCompose(first -> first.size() == 2
                            ? java.util.concurrent.CompletableFuture.completedFuture(first)
                            : receiver.receiveMessages(2 - first.size(), Duration.ofSeconds(10))
                                    .thenApply(rest -> java.util.stream.Stream.concat(first.stream(), rest.stream())
                                            .toList()))
                    .join();
            assertThat(ids(got)).containsExactly("async-1", "async-2");
            got.forEach(m -> receiver.completeMessage(m).join());
        }
    }

    @Test
    void aMissingSubscriptionIsEntityNotFoundAndATopicIsNoReceiveSource() {
        String topic = topic("a");
        ServiceBusReceiver missing = closeLater(client.getSubscriptionReceiver(topic, "nope"));
        assertThatThrownBy(() -> missing.receiveMessages(1, Duration.ofSeconds(2)))
                .isInstanceOf(MessagingEntityNotFoundException.class);

        ServiceBusReceiver fromTopic = closeLater(client.getQueueReceiver(topic));
        assertThatThrownBy(() -> fromTopic.receiveMessages(1, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                        .isEqualTo(ServiceBusFailureReason.INVALID_OPERATION));
    }
}
