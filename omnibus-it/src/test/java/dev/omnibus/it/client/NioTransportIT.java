package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On Linux the broker and the client run on Netty's native epoll; {@code -Domnibus.transport=nio} (read when a broker
 * or client is made) puts both on the JDK selector, the transport every other platform gets. Same traffic, both ways.
 */
class NioTransportIT {

    @Test
    void brokerAndClientWorkOnTheNioTransport() {
        EmbeddedBroker broker;
        ServiceBusClient client;
        System.setProperty("omnibus.transport", "nio");
        try {
            broker = EmbeddedBroker.start();
            client = ServiceBusClient.fromConnectionString(broker.connectionString());
        } finally {
            System.clearProperty("omnibus.transport");
        }
        try (broker; client) {
            broker.createQueue("nio");
            try (ServiceBusSender sender = client.getQueueSender("nio");
                 ServiceBusReceiver receiver = client.getQueueReceiver("nio",
                         ReceiverOptions.defaults().maxWaitTime(Duration.ofSeconds(5)))) {
                sender.sendMessages(List.of(new ServiceBusMessage("one"), new ServiceBusMessage("two")));
                List<ServiceBusReceivedMessage> got = receiver.receiveMessages(2, Duration.ofSeconds(10));
                for (ServiceBusReceivedMessage m : got) {
                    receiver.completeMessage(m);
                }
                assertThat(got).extracting(ServiceBusReceivedMessage::getBodyAsString).containsExactly("one", "two");
                assertThat(receiver.peekMessages(10)).isEmpty();
            }
            assertThat(loopsRunning("omnibus-amqp-", "NioEventLoop")).as("a broker loop on NIO").isTrue();
            assertThat(loopsRunning("omnibus-client-io", "NioEventLoop")).as("a client loop on NIO").isTrue();
        }
    }

    private static boolean loopsRunning(String threadPrefix, String loopClass) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith(threadPrefix))
                .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().contains(loopClass)));
    }
}
