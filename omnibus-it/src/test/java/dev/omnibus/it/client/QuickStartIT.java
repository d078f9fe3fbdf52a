package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick start, exactly as written in docs/client.md, against a real broker. */
class QuickStartIT extends ClientTestSupport {

    @Test
    void quickStartSendsAndReceivesEveryMessage() {
        String connStr = broker.connectionString();
        broker.createQueue("orders");
        List<String> bodies = new ArrayList<>();

        // --- quick start (docs/client.md) ---
        try (ServiceBusClient client = ServiceBusClient.fromConnectionString(connStr)) {
            try (ServiceBusSender sender = client.getQueueSender("orders")) {
                sender.sendMessages(new ServiceBusMessage("Single message"));
                sender.sendMessages(List.of(new ServiceBusMessage("First"), new ServiceBusMessage("Second")));
            }
            try (ServiceBusReceiver receiver = client.getQueueReceiver("orders",
                    ReceiverOptions.defaults().maxWaitTime(Duration.ofSeconds(5)))) {
                for (ServiceBusReceivedMessage msg : receiver) {      // streams; ends after maxWaitTime idle
                    bodies.add(msg.getBodyAsString());
                    receiver.completeMessage(msg);
                }
            }
        }
        // --- end of quick start ---

        assertThat(bodies).containsExactly("Single message", "First", "Second");
        try (ServiceBusReceiver check = client.getQueueReceiver("orders")) {
            assertThat(check.peekMessages(10)).as("everything was completed").isEmpty();
        }
    }
}
