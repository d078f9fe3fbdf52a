package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sending with the official Java SDK: one message, a list, a batch; what comes back is what was sent. */
class SendIT extends SdkTestSupport {

    @Test
    void singleMessageKeepsItsPropertiesAndGetsBrokerAnnotations() {
        String q = queue();
        UUID uuid = UUID.randomUUID();
        Date when = new Date(1_700_000_000_000L);
        ServiceBusMessage m = new ServiceBusMessage(BinaryData.fromBytes(new byte[] {1, 2, 3}))
                .setMessageId("id-1").setCorrelationId("corr-1").setSubject("subject-1").setContentType("application/x")
                .setTo("to-1").setReplyTo("reply-1").setTimeToLive(Duration.ofMinutes(5));
        m.getApplicationProperties().put("s", "text");
        m.getApplicationProperties().put("i", 42);
        m.getApplicationProperties().put("l", 42L);
        m.getApplicationProperties().put("d", 1.5d);
        m.getApplicationProperties().put("b", true);
        m.getApplicationProperties().put("u", uuid);
        m.getApplicationProperties().put("t", when);
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);

        sender(q).sendMessage(m);
        ServiceBusReceivedMessage got = receiveOne(receiver(q));

        assertThat(got.getBody().toBytes()).containsExactly(1, 2, 3);
        assertThat(got.getMessageId()).isEqualTo("id-1");
        assertThat(got.getCorrelationId()).isEqualTo("corr-1");
        assertThat(got.getSubject()).isEqualTo("subject-1");
        assertThat(got.getContentType()).isEqualTo("application/x");
        assertThat(got.getTo()).isEqualTo("to-1");
        assertThat(got.getReplyTo()).isEqualTo("reply-1");
        assertThat(got.getTimeToLive()).isEqualTo(Duration.ofMinutes(5));
        assertThat(got.getApplicationProperties()).containsEntry("s", "text").containsEntry("i", 42)
                .containsEntry("l", 42L).containsEntry("d", 1.5d).containsEntry("b", true).containsEntry("u", uuid)
                .containsEntry("t", when);
        assertThat(got.getSequenceNumber()).isPositive();
        assertThat(got.getEnqueuedTime()).isAfter(before);
        assertThat(got.getLockedUntil()).isAfter(got.getEnqueuedTime());
        assertThat(got.getLockToken()).isNotBlank();
        assertThat(got.getDeliveryCount()).isZero();
        assertThat(got.getState()).isEqualTo(ServiceBusMessageState.ACTIVE);
        assertThat(got.getExpiresAt()).isEqualTo(got.getEnqueuedTime().plus(Duration.ofMinutes(5)));
    }

    @Test
    void listOfMessagesArrivesInOrder() {
        String q = queue();
        List<ServiceBusMessage> messages = IntStream.range(0, 10)
                .mapToObj(i -> new ServiceBusMessage("m" + i).setMessageId("id" + i)).toList();

        sender(q).sendMessages(messages);

        List<ServiceBusReceivedMessage> got = receive(receiver(q), 10);
        assertThat(got).extracting(r -> r.getBody().toString())
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        assertThat(got).extracting(ServiceBusReceivedMessage::getMessageId).startsWith("id0", "id1");
        assertThat(got).extracting(ServiceBusReceivedMessage::getSequenceNumber).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void manySendsInFlightAtOnceAreEachAcknowledged() {
        // The broker acknowledges transfers made durable together with one ranged disposition: the SDK must
        // complete every one of these sends from it.
        String q = queue();
        var sender = closeLater(client().sender().queueName(q).buildAsyncClient());
        List<reactor.core.publisher.Mono<Void>> sends = IntStream.range(0, 200)
                .mapToObj(i -> sender.sendMessage(new ServiceBusMessage("m" + i))).toList();

        reactor.core.publisher.Flux.merge(sends).then().block(Duration.ofSeconds(30));

        assertThat(receive(receiver(q), 200)).extracting(r -> r.getBody().toString())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void messageBatchIsSizedByTheLinkAndStoredAsSeparateMessages() {
        String q = queue();
        ServiceBusSenderClient sender = sender(q);
        ServiceBusMessageBatch batch = sender.createMessageBatch();
        // The SDK sizes the batch from the link's max-message-size (256 KB here).
        assertThat(batch.getMaxSizeInBytes()).isEqualTo(256 * 1024);
        for (int i = 0; i < 25; i++) {
            assertThat(batch.tryAddMessage(new ServiceBusMessage("b" + i).setSubject("batch"))).isTrue();
        }
        sender.sendMessages(batch);

        List<ServiceBusReceivedMessage> got = receive(receiver(q), 25);
        assertThat(got).hasSize(25);
        assertThat(got).extracting(r -> r.getBody().toString()).first().isEqualTo("b0");
        assertThat(got).extracting(ServiceBusReceivedMessage::getSubject).containsOnly("batch");
    }

    @Test
    void fullBatchRefusesTheMessageThatWouldNotFit() {
        String q = queue();
        ServiceBusSenderClient sender = sender(q);
        ServiceBusMessageBatch batch = sender.createMessageBatch();
        byte[] tenKb = new byte[10 * 1024];
        int added = 0;
        while (batch.tryAddMessage(new ServiceBusMessage(tenKb))) {
            added++;
        }
        assertThat(added).isBetween(20, 25);
        sender.sendMessages(batch);

        ServiceBusReceiverClient receiver = receiver(q);
        assertThat(receive(receiver, added)).hasSize(added);
    }
}
