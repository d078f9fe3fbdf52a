package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.exceptions.MessageLockLostException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lock expiry and maximum delivery count as the client sees them (these take a few real seconds). */
class LockAndExpiryIT extends ClientTestSupport {

    @Test
    void expiredLockRedeliversWithTheNextDeliveryCountAndTheOldLockIsLost() {
        String q = queue(b -> b.lockDuration(Duration.ofSeconds(5)));
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage("slow"));
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));

        ServiceBusReceivedMessage first = receiveOne(receiver);
        assertThat(first.getDeliveryCount()).isZero();
        assertThat(Duration.between(first.getEnqueuedTime(), first.getLockedUntil()))
                .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        ServiceBusReceivedMessage second = receiveOne(receiver);

        assertThat(second.getSequenceNumber()).isEqualTo(first.getSequenceNumber());
        assertThat(second.getDeliveryCount()).isEqualTo(1);
        assertThat(second.getLockToken()).isNotEqualTo(first.getLockToken());
        assertThatThrownBy(() -> receiver.completeMessage(first)).isInstanceOf(MessageLockLostException.class);
        receiver.completeMessage(second);
    }

    @Test
    void exceedingMaxDeliveryCountDeadLetters() {
        String q = queue(b -> b.maxDeliveryCount(2));
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage("fails").setMessageId("fails-1"));
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));

        receiver.abandonMessage(receiveOne(receiver));
        ServiceBusReceivedMessage attempt2 = receiveOne(receiver);
        assertThat(attempt2.getDeliveryCount()).isEqualTo(1);
        receiver.abandonMessage(attempt2);

        assertThat(receiver.receiveMessages(1, Duration.ofSeconds(1))).isEmpty();
        ServiceBusReceivedMessage dead = receiveOne(closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER))));
        assertThat(dead.getMessageId()).isEqualTo("fails-1");
        assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
    }

    @Test
    void expiredMessageIsDeadLetteredWhenTheQueueSaysSo() {
        String q = queue(b -> b.deadLetteringOnMessageExpiration(true));
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage("short-lived")
                .setTimeToLive(Duration.ofMillis(300)));

        ServiceBusReceivedMessage dead = receiveOne(closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER))));
        assertThat(dead.getBodyAsString()).isEqualTo("short-lived");
        assertThat(dead.getDeadLetterReason()).isEqualTo("TTLExpiredException");
    }
}
