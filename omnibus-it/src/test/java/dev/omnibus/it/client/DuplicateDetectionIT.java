package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Duplicate detection keys on the message id the client sends. */
class DuplicateDetectionIT extends ClientTestSupport {

    @Test
    void sameMessageIdTwiceIsReceivedOnce() {
        String q = queue(b -> b.requiresDuplicateDetection(true));
        ServiceBusSender sender = closeLater(client.getQueueSender(q));
        sender.sendMessages(new ServiceBusMessage("one").setMessageId("dup"));
        sender.sendMessages(new ServiceBusMessage("two").setMessageId("dup"));

        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));
        assertThat(receiveOne(receiver).getBodyAsString()).isEqualTo("one");
        assertThat(receiver.receiveMessages(1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void withoutDuplicateDetectionBothArrive() {
        String q = queue();
        ServiceBusSender sender = closeLater(client.getQueueSender(q));
        sender.sendMessages(new ServiceBusMessage("one").setMessageId("dup"));
        sender.sendMessages(new ServiceBusMessage("two").setMessageId("dup"));

        assertThat(receive(closeLater(client.getQueueReceiver(q)), 2)).hasSize(2);
    }
}
