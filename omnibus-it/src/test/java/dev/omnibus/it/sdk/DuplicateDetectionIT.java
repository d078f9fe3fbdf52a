package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Duplicate detection: a MessageId seen within the window is accepted but stored once. */
class DuplicateDetectionIT extends SdkTestSupport {

    @Test
    void sameMessageIdTwiceIsReceivedOnce() {
        String q = queue(b -> b.requiresDuplicateDetection(true)
                .duplicateDetectionHistoryTimeWindow(Duration.ofMinutes(1)));
        ServiceBusSenderClient sender = sender(q);

        sender.sendMessage(new ServiceBusMessage("first").setMessageId("order-1"));
        sender.sendMessage(new ServiceBusMessage("second").setMessageId("order-1"));
        sender.sendMessages(List.of(new ServiceBusMessage("third").setMessageId("order-1"),
                new ServiceBusMessage("other").setMessageId("order-2")));

        List<ServiceBusReceivedMessage> got = receiveFor(receiver(q), 10, Duration.ofSeconds(3));
        assertThat(got).extracting(m -> m.getBody().toString()).containsExactly("first", "other");
    }

    @Test
    void withoutDuplicateDetectionBothArrive() {
        String q = queue();
        ServiceBusSenderClient sender = sender(q);

        sender.sendMessage(new ServiceBusMessage("first").setMessageId("same"));
        sender.sendMessage(new ServiceBusMessage("second").setMessageId("same"));

        assertThat(receive(receiver(q), 2)).extracting(m -> m.getBody().toString()).containsExactly("first", "second");
    }
}
