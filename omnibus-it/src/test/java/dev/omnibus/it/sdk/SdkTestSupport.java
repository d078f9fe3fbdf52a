package dev.omnibus.it.sdk;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusRuleManagerClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import dev.omnibus.it.EntityTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The official Java SDK against one embedded broker per test class. Each test gets its own queues (unique names)
 * and every client it builds is closed after it. Retries are few and short, so a failure shows in seconds.
 */
abstract class SdkTestSupport extends EntityTestSupport {
    static AmqpRetryOptions fastRetries() {
        return new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(1)
                .setDelay(Duration.ofMillis(200)).setTryTimeout(Duration.ofSeconds(10));
    }

    /** A client builder with the broker's emulator connection string (one connection per builder). */
    protected ServiceBusClientBuilder client() {
        return client(broker.connectionString());
    }

    protected ServiceBusClientBuilder client(String connectionString) {
        return new ServiceBusClientBuilder().connectionString(connectionString).retryOptions(fastRetries());
    }

    protected ServiceBusSenderClient sender(String queue) {
        return closeLater(client().sender().queueName(queue).buildClient());
    }

    /** A PeekLock receiver without automatic lock renewal, so lock behaviour is the broker's alone. */
    protected ServiceBusReceiverClient receiver(String queue) {
        return receiver(queue, ServiceBusReceiveMode.PEEK_LOCK, SubQueue.NONE);
    }

    protected ServiceBusReceiverClient receiver(String queue, ServiceBusReceiveMode mode, SubQueue subQueue) {
        return closeLater(client().receiver().queueName(queue).receiveMode(mode).subQueue(subQueue)
                .maxAutoLockRenewDuration(Duration.ZERO).buildClient());
    }

    protected ServiceBusReceiverClient deadLetterReceiver(String queue) {
        return receiver(queue, ServiceBusReceiveMode.PEEK_LOCK, SubQueue.DEAD_LETTER_QUEUE);
    }

    protected ServiceBusSenderClient topicSender(String topic) {
        return closeLater(client().sender().topicName(topic).buildClient());
    }

    /** A PeekLock receiver on a subscription (or its dead-letter queue), without automatic lock renewal. */
    protected ServiceBusReceiverClient subscriptionReceiver(String topic, String subscription, SubQueue subQueue) {
        return closeLater(client().receiver().topicName(topic).subscriptionName(subscription).subQueue(subQueue)
                .maxAutoLockRenewDuration(Duration.ZERO).buildClient());
    }

    protected ServiceBusRuleManagerClient ruleManager(String topic, String subscription) {
        return closeLater(client().ruleManager().topicName(topic).subscriptionName(subscription).buildClient());
    }

    /** A session receiver client on a queue, PeekLock, without automatic session lock renewal. */
    protected ServiceBusSessionReceiverClient sessionReceiver(String queue) {
        return closeLater(client().sessionReceiver().queueName(queue).maxAutoLockRenewDuration(Duration.ZERO)
                .buildClient());
    }

    /** Receives until {@code count} messages arrived or the patience ran out. */
    static List<ServiceBusReceivedMessage> receive(ServiceBusReceiverClient receiver, int count) {
        List<ServiceBusReceivedMessage> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (out.size() < count && Instant.now().isBefore(deadline)) {
            receiver.receiveMessages(count - out.size(), Duration.ofSeconds(2)).forEach(out::add);
        }
        return out;
    }

    /** Receives exactly one message (fails the test if none comes within the patience). */
    static ServiceBusReceivedMessage receiveOne(ServiceBusReceiverClient receiver) {
        List<ServiceBusReceivedMessage> got = receive(receiver, 1);
        if (got.isEmpty()) {
            throw new AssertionError("No message arrived within " + PATIENCE);
        }
        return got.get(0);
    }

    /** What arrives within {@code wait} (for checking that nothing does). */
    static List<ServiceBusReceivedMessage> receiveFor(ServiceBusReceiverClient receiver, int max, Duration wait) {
        return receiver.receiveMessages(max, wait).stream().toList();
    }
}
