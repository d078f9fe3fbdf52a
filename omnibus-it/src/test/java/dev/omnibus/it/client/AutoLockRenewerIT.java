package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibus.client.AutoLockRenewer;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.exceptions.AutoLockRenewFailedException;
import dev.omnibus.client.exceptions.AutoLockRenewTimeoutException;
import dev.omnibus.client.exceptions.MessageLockLostException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AutoLockRenewer against the broker's real lock clock (5 s locks, so these take seconds). */
@Timeout(90)
class AutoLockRenewerIT extends ClientTestSupport {
    private static final Duration LOCK = Duration.ofSeconds(5);

    private ServiceBusReceiver receiverWithOneMessage(String q) {
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage("long job"));
        return closeLater(client.getQueueReceiver(q));
    }

    @Test
    void keepsAMessageLockedForThreeTimesItsLockDuration() {
        String q = queue(b -> b.lockDuration(LOCK));
        ServiceBusReceiver receiver = receiverWithOneMessage(q);
        CopyOnWriteArrayList<ServiceBusException> failures = new CopyOnWriteArrayList<>();
        AutoLockRenewer renewer = closeLater(new AutoLockRenewer((message, error) -> failures.add(error)));
        ServiceBusReceivedMessage message = receiveOne(receiver);
        OffsetDateTime firstLockEnd = message.getLockedUntil();

        renewer.register(receiver, message, Duration.ofMinutes(1));
        OffsetDateTime threeLocksLater = OffsetDateTime.now().plus(LOCK.multipliedBy(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> OffsetDateTime.now().isAfter(threeLocksLater));

        assertThat(message.getLockedUntil()).isAfter(firstLockEnd.plus(LOCK));
        assertThat(closeLater(client.getQueueReceiver(q)).receiveMessages(1, Duration.ofMillis(500)))
                .as("nobody else got the message meanwhile").isEmpty();
        receiver.completeMessage(message);
        assertThat(failures).isEmpty();
        assertThat(message.getAutoRenewError()).isNull();
        assertThat(message.getDeliveryCount()).isZero();
    }

    @Test
    void reportsFailureThroughTheCallbackWhenTheLockCannotBeRenewed() {
        String q = queue(b -> b.lockDuration(LOCK));
        ServiceBusReceiver receiver = receiverWithOneMessage(q);
        CopyOnWriteArrayList<ServiceBusException> failures = new CopyOnWriteArrayList<>();
        CopyOnWriteArrayList<ServiceBusReceivedMessage> failedMessages = new CopyOnWriteArrayList<>();
        AutoLockRenewer renewer = closeLater(new AutoLockRenewer((message, error) -> {
            failedMessages.add(message);
            failures.add(error);
        }));
        ServiceBusReceivedMessage message = receiveOne(receiver);
        // Let the lock lapse first: there is nothing left to renew.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> OffsetDateTime.now().isAfter(message.getLockedUntil().plusSeconds(1)));

        renewer.register(receiver, message, Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
        assertThat(failedMessages).containsExactly(message);
        assertThat(failures.get(0)).isInstanceOf(AutoLockRenewFailedException.class)
                .hasCauseInstanceOf(MessageLockLostException.class);
        assertThat(message.getAutoRenewError()).isSameAs(failures.get(0));
    }

    @Test
    void stopsWithATimeoutErrorWhenTheMaximumRenewalDurationPasses() {
        String q = queue(b -> b.lockDuration(LOCK));
        ServiceBusReceiver receiver = receiverWithOneMessage(q);
        CopyOnWriteArrayList<ServiceBusException> failures = new CopyOnWriteArrayList<>();
        AutoLockRenewer renewer = closeLater(new AutoLockRenewer((message, error) -> failures.add(error)));
        ServiceBusReceivedMessage message = receiveOne(receiver);

        renewer.register(receiver, message, Duration.ofSeconds(3));

        await().atMost(Duration.ofSeconds(20)).until(() -> message.getAutoRenewError() != null);
        assertThat(message.getAutoRenewError()).isInstanceOf(AutoLockRenewTimeoutException.class);
        assertThat(failures).as("running out of time is not a failure").isEmpty();
    }

    @Test
    void settledMessagesStopBeingRenewedQuietlyAndCloseStopsEverything() {
        String q = queue(b -> b.lockDuration(LOCK));
        ServiceBusReceiver receiver = receiverWithOneMessage(q);
        ServiceBusReceivedMessage message = receiveOne(receiver);
        try (AutoLockRenewer renewer = new AutoLockRenewer()) {
            renewer.register(receiver, message, Duration.ofMinutes(1));
            receiver.completeMessage(message);
        }
        assertThat(message.getAutoRenewError()).isNull();
    }
}
