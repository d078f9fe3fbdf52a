package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.ServiceBusAsyncClient;
import dev.omnibus.client.ServiceBusAsyncReceiver;
import dev.omnibus.client.ServiceBusAsyncSender;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageBatch;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The asynchronous twin: the same operations as futures, completed off the I/O thread. */
class AsyncClientIT extends ClientTestSupport {

    @Test
    void sendReceiveCompleteWithFuturesCompletedOffTheIoThread() throws Exception {
        String q = queue();
        ServiceBusAsyncClient async = closeLater(builder().buildAsyncClient());
        ServiceBusAsyncSender sender = closeLater(async.getQueueSender(q));
        ServiceBusAsyncReceiver receiver = closeLater(async.getQueueReceiver(q));

        String thread = sender.sendMessages(new ServiceBusMessage("async"))
                .thenApply(done -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        List<ServiceBusReceivedMessage> got = receiver.receiveMessages(1, Duration.ofSeconds(5))
                .get(10, TimeUnit.SECONDS);
        receiver.completeMessage(got.get(0)).get(10, TimeUnit.SECONDS);

        assertThat(thread).startsWith("omnibus-client-callback").doesNotContain("-io");
        assertThat(got).extracting(ServiceBusReceivedMessage::getBodyAsString).containsExactly("async");
        assertThat(receiver.peekMessages(1).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void batchesScheduleAndDeferredMessagesAsynchronously() throws Exception {
        String q = queue();
        ServiceBusAsyncClient async = client.getAsyncClient();
        ServiceBusAsyncSender sender = closeLater(async.getQueueSender(q));
        ServiceBusAsyncReceiver receiver = closeLater(async.getQueueReceiver(q));

        ServiceBusMessageBatch batch = sender.createMessageBatch().get(10, TimeUnit.SECONDS);
        assertThat(batch.tryAddMessage(new ServiceBusMessage("b1"))).isTrue();
        assertThat(batch.tryAddMessage(new ServiceBusMessage("b2"))).isTrue();
        sender.sendMessages(batch).get(10, TimeUnit.SECONDS);
        long scheduled = sender.scheduleMessage(new ServiceBusMessage("s"), OffsetDateTime.now().plusHours(1))
                .get(10, TimeUnit.SECONDS);
        sender.cancelScheduledMessage(scheduled).get(10, TimeUnit.SECONDS);

        List<ServiceBusReceivedMessage> got = receiver.receiveMessages(2, Duration.ofSeconds(5))
                .get(10, TimeUnit.SECONDS);
        receiver.deferMessage(got.get(0)).get(10, TimeUnit.SECONDS);
        receiver.completeMessage(got.get(1)).get(10, TimeUnit.SECONDS);
        List<ServiceBusReceivedMessage> deferred = receiver.receiveDeferredMessages(
                List.of(got.get(0).getSequenceNumber())).get(10, TimeUnit.SECONDS);
        receiver.renewMessageLock(deferred.get(0)).get(10, TimeUnit.SECONDS);
        receiver.completeMessage(deferred.get(0)).get(10, TimeUnit.SECONDS);

        assertThat(got).extracting(ServiceBusReceivedMessage::getBodyAsString).containsExactly("b1", "b2");
        assertThat(receiver.peekMessages(5).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void failuresArriveAsTheClientsExceptions() {
        ServiceBusAsyncSender sender = closeLater(client.getAsyncClient().getQueueSender("missing-async"));

        assertThat(sender.sendMessages(new ServiceBusMessage("x")))
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(MessagingEntityNotFoundException.class);
    }
}
