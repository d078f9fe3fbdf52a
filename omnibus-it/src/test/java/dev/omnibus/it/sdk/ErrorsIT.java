package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.QueueDescription;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Failures reach the SDK as the ServiceBusException reasons Service Bus produces. */
class ErrorsIT extends SdkTestSupport {

    private static void assertReason(ThrowingCallable call, ServiceBusFailureReason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceBusException.class,
                e -> assertThat(e.getReason()).as(e.getMessage()).isEqualTo(reason));
    }

    @Test
    void sendingToAMissingQueueIsEntityNotFound() {
        ServiceBusSenderClient sender = sender("no-such-queue");

        assertReason(() -> sender.sendMessage(new ServiceBusMessage("x")),
                ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND);
    }

    @Test
    void peekingAMissingQueueIsEntityNotFound() {
        ServiceBusReceiverClient receiver = receiver("no-such-queue-either");

        assertReason(receiver::peekMessage, ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND);
    }

    @Test
    void wrongSharedAccessKeyIsUnauthorized() {
        String q = queue();
        String wrong = ConnectionString.forEmulator("localhost", broker.port(), "RootManageSharedAccessKey", "WRONG");
        ServiceBusSenderClient sender = closeLater(client(wrong).sender().queueName(q).buildClient());

        assertReason(() -> sender.sendMessage(new ServiceBusMessage("x")), ServiceBusFailureReason.UNAUTHORIZED);
    }

    @Test
    void unknownKeyNameIsUnauthorized() {
        String q = queue();
        String wrong = ConnectionString.forEmulator("localhost", broker.port(), "SomeOtherKey", "SAS_KEY_VALUE");
        ServiceBusReceiverClient receiver = closeLater(client(wrong).receiver().queueName(q).buildClient());

        assertReason(receiver::peekMessage, ServiceBusFailureReason.UNAUTHORIZED);
    }

    @Test
    void messageLargerThanTheQueueAllowsIsMessageSizeExceeded() {
        String q = queue();
        ServiceBusSenderClient sender = sender(q);

        // 300 KB against the 256 KB the link advertises (the SDK checks this itself, from the broker's attach).
        assertReason(() -> sender.sendMessage(new ServiceBusMessage(new byte[300 * 1024])),
                ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED);
    }

    @Test
    void brokerRejectsAMessageOverTheQueueLimitWithMessageSizeExceeded() {
        String q = queue();
        ServiceBusSenderClient sender = sender(q);
        sender.sendMessage(new ServiceBusMessage("small"));
        // Shrink the limit while the link (which advertised 256 KB) stays open: the SDK lets 100 KB through and
        // the broker itself must refuse it.
        QueueDescription d = broker.namespace().getQueue(q).orElseThrow();
        broker.namespace().updateQueue(d.toBuilder().maxMessageSizeInKilobytes(64).build()).join();

        assertReason(() -> sender.sendMessage(new ServiceBusMessage(new byte[100 * 1024])),
                ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED);
        sender.sendMessage(new ServiceBusMessage(new byte[10 * 1024]));
    }

    @Test
    void sendingToASendDisabledQueueIsEntityDisabled() {
        String q = queue(b -> b.status(EntityStatus.SEND_DISABLED));
        ServiceBusSenderClient sender = sender(q);

        assertReason(() -> sender.sendMessage(new ServiceBusMessage("x")),
                ServiceBusFailureReason.MESSAGING_ENTITY_DISABLED);
    }
}
