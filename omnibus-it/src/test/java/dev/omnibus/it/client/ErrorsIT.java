package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.exceptions.MessageSizeExceededException;
import dev.omnibus.client.exceptions.MessagingEntityDisabledException;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.exceptions.ServiceBusAuthenticationException;
import dev.omnibus.client.exceptions.ServiceBusCommunicationException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.QueueDescription;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the service says goes wrong arrives as the matching typed exception, with its reason and transience. */
class ErrorsIT extends ClientTestSupport {

    @Test
    void sendingToAMissingQueueIsEntityNotFoundAndNotTransient() {
        ServiceBusSender sender = closeLater(client.getQueueSender("no-such-queue"));

        assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage("x")))
                .isInstanceOfSatisfying(MessagingEntityNotFoundException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND);
                    assertThat(e.isTransient()).isFalse();
                });
    }

    @Test
    void peekingAMissingQueueIsEntityNotFound() {
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver("no-such-queue-either"));

        assertThatThrownBy(() -> receiver.peekMessages(1)).isInstanceOf(MessagingEntityNotFoundException.class);
    }

    @Test
    void receivingFromAMissingQueueIsEntityNotFound() {
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver("no-such-queue-at-all"));

        assertThatThrownBy(() -> receiver.receiveMessages(1, Duration.ofSeconds(1)))
                .isInstanceOf(MessagingEntityNotFoundException.class);
    }

    @Test
    void wrongSharedAccessKeyIsUnauthorized() {
        String q = queue();
        String wrong = ConnectionString.forEmulator("localhost", broker.port(), "RootManageSharedAccessKey", "WRONG");
        ServiceBusClient other = closeLater(ServiceBusClient.builder().connectionString(wrong)
                .retryOptions(fastRetries()).buildClient());
        ServiceBusSender sender = closeLater(other.getQueueSender(q));

        assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage("x")))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.UNAUTHORIZED);
                    assertThat(e).isInstanceOf(ServiceBusAuthenticationException.class);
                    assertThat(e.isTransient()).isFalse();
                });
    }

    @Test
    void messageLargerThanTheLinkAllowsIsRefusedBeforeSending() {
        ServiceBusSender sender = closeLater(client.getQueueSender(queue()));

        assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage(new byte[300 * 1024])))
                .isInstanceOf(MessageSizeExceededException.class)
                .hasMessageContaining("262144");
    }

    @Test
    void brokerRejectsAMessageOverTheQueueLimitWithMessageSizeExceeded() {
        String q = queue();
        ServiceBusSender sender = closeLater(client.getQueueSender(q));
        sender.sendMessages(new ServiceBusMessage("small"));
        QueueDescription d = broker.namespace().getQueue(q).orElseThrow();
        broker.namespace().updateQueue(d.toBuilder().maxMessageSizeInKilobytes(64).build()).join();

        assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage(new byte[100 * 1024])))
                .isInstanceOf(MessageSizeExceededException.class);
        sender.sendMessages(new ServiceBusMessage(new byte[10 * 1024]));
    }

    @Test
    void sendingToASendDisabledQueueIsEntityDisabled() {
        String q = queue(b -> b.status(EntityStatus.SEND_DISABLED));
        ServiceBusSender sender = closeLater(client.getQueueSender(q));

        assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage("x")))
                .isInstanceOf(MessagingEntityDisabledException.class);
    }

    @Test
    void nobodyListeningIsACommunicationErrorWithinTheRetryBudget() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ServiceBusClient nowhere = closeLater(ServiceBusClient.builder()
                .connectionString(ConnectionString.forEmulator("127.0.0.1", port, "k", "v"))
                .retryOptions(fastRetries()).buildClient());
        ServiceBusSender sender = closeLater(nowhere.getQueueSender("q"));
        Instant start = Instant.now();

        assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage("x")))
                .isInstanceOfSatisfying(ServiceBusCommunicationException.class,
                        e -> assertThat(e.isTransient()).isTrue());
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }
}
