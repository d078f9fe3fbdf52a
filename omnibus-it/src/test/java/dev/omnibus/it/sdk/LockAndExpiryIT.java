package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lock expiry, maximum delivery count and time-to-live, as the SDK sees them (these take a few real seconds). */
class LockAndExpiryIT extends SdkTestSupport {

    @Test
    void expiredLockRedeliversWithTheNextDeliveryCountAndTheOldLockIsLost() {
        String q = queue(b -> b.lockDuration(Duration.ofSeconds(5)));
        sender(q).sendMessage(new ServiceBusMessage("slow"));
        ServiceBusReceiverClient receiver = receiver(q);

        ServiceBusReceivedMessage first = receiveOne(receiver);
        assertThat(first.getDeliveryCount()).isZero();
        assertThat(Duration.between(first.getEnqueuedTime(), first.getLockedUntil()))
                .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        // Not settled: the lock runs out after five seconds and the message comes back.
        ServiceBusReceivedMessage second = receiveOne(receiver);

        assertThat(second.getSequenceNumber()).isEqualTo(first.getSequenceNumber());
        assertThat(second.getDeliveryCount()).isEqualTo(1);
        assertThat(second.getLockToken()).isNotEqualTo(first.getLockToken());
        assertThatThrownBy(() -> receiver.complete(first)).isInstanceOfSatisfying(ServiceBusException.class,
                e -> assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGE_LOCK_LOST));
        receiver.complete(second);
    }

    @Test
    void exceedingMaxDeliveryCountDeadLetters() {
        String q = queue(b -> b.maxDeliveryCount(2));
        sender(q).sendMessage(new ServiceBusMessage("fails").setMessageId("fails-1"));
        ServiceBusReceiverClient receiver = receiver(q);

        ServiceBusReceivedMessage attempt1 = receiveOne(receiver);
        receiver.abandon(attempt1);
        ServiceBusReceivedMessage attempt2 = receiveOne(receiver);
        assertThat(attempt2.getDeliveryCount()).isEqualTo(1);
        receiver.abandon(attempt2);

        assertThat(receiveFor(receiver, 1, Duration.ofSeconds(1))).isEmpty();
        ServiceBusReceivedMessage dead = receiveOne(deadLetterReceiver(q));
        assertThat(dead.getMessageId()).isEqualTo("fails-1");
        assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(dead.getDeadLetterErrorDescription()).isNotBlank();
    }

    @Test
    void expiredMessageIsDeadLetteredWhenTheQueueSaysSo() {
        String q = queue(b -> b.deadLetteringOnMessageExpiration(true));
        sender(q).sendMessage(new ServiceBusMessage("short-lived").setTimeToLive(Duration.ofSeconds(1)));

        ServiceBusReceivedMessage dead = receiveOne(deadLetterReceiver(q));

        assertThat(dead.getBody().toString()).isEqualTo("short-lived");
        assertThat(dead.getDeadLetterReason()).isEqualTo("TTLExpiredException");
        assertThat(dead.getTimeToLive()).isEqualTo(Duration.ofSeconds(1));
        assertThat(dead.getExpiresAt()).isEqualTo(dead.getEnqueuedTime().plusSeconds(1));
    }

    @Test
    void expiredMessageIsDroppedOtherwise() {
        String q = queue();
        ServiceBusMessage shortLived = new ServiceBusMessage("short-lived").setTimeToLive(Duration.ofSeconds(1));
        sender(q).sendMessages(java.util.List.of(shortLived, new ServiceBusMessage("long-lived")));
        ServiceBusReceiverClient receiver = receiver(q);

        await().atMost(PATIENCE).until(() -> receiver.peekMessages(5, 0).stream().count() == 1);

        ServiceBusReceivedMessage left = receiveOne(receiver);
        assertThat(left.getBody().toString()).isEqualTo("long-lived");
        assertThat(deadLetterReceiver(q).peekMessages(5).stream().toList()).isEmpty();
    }

    @Test
    void queueDefaultTimeToLiveApplies() {
        String q = queue(b -> b.defaultMessageTimeToLive(Duration.ofSeconds(1)).deadLetteringOnMessageExpiration(true));
        sender(q).sendMessage(new ServiceBusMessage("default-ttl"));

        ServiceBusReceivedMessage dead = receiveOne(deadLetterReceiver(q));

        assertThat(dead.getTimeToLive()).isEqualTo(Duration.ofSeconds(1));
        assertThat(dead.getDeadLetterReason()).isEqualTo("TTLExpiredException");
    }
}
