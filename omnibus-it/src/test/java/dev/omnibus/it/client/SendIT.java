package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageBatch;
import dev.omnibus.client.models.ServiceBusMessageState;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sending with the Omnibus client: one message, a list, a batch; what comes back is what was sent. */
class SendIT extends ClientTestSupport {

    @Test
    void singleMessageKeepsEverySystemAndApplicationPropertyAndGetsBrokerAnnotations() {
        String q = queue();
        UUID uuid = UUID.randomUUID();
        OffsetDateTime when = OffsetDateTime.of(2023, 11, 14, 22, 13, 20, 0, ZoneOffset.UTC);
        ServiceBusMessage m = new ServiceBusMessage(new byte[] {1, 2, 3})
                .setMessageId("id-1").setCorrelationId("corr-1").setSubject("subject-1").setContentType("application/x")
                .setTo("to-1").setReplyTo("reply-1").setReplyToSessionId("reply-session")
                .setPartitionKey("pk-1").setTimeToLive(Duration.ofMinutes(5));
        m.getApplicationProperties().put("s", "text");
        m.getApplicationProperties().put("i", 42);
        m.getApplicationProperties().put("l", 42L);
        m.getApplicationProperties().put("d", 1.5d);
        m.getApplicationProperties().put("b", true);
        m.getApplicationProperties().put("u", uuid);
        m.getApplicationProperties().put("t", when);
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);

        closeLater(client.getQueueSender(q)).sendMessages(m);
        ServiceBusReceivedMessage got = receiveOne(closeLater(client.getQueueReceiver(q)));

        assertThat(got.getBody()).containsExactly(1, 2, 3);
        assertThat(got.getMessageId()).isEqualTo("id-1");
        assertThat(got.getCorrelationId()).isEqualTo("corr-1");
        assertThat(got.getSubject()).isEqualTo("subject-1");
        assertThat(got.getContentType()).isEqualTo("application/x");
        assertThat(got.getTo()).isEqualTo("to-1");
        assertThat(got.getReplyTo()).isEqualTo("reply-1");
        assertThat(got.getReplyToSessionId()).isEqualTo("reply-session");
        assertThat(got.getPartitionKey()).isEqualTo("pk-1");
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
    void sessionIdTravelsAsGroupId() {
        String q = queue();
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage("s").setSessionId("session-7"));

        assertThat(receiveOne(closeLater(client.getQueueReceiver(q))).getSessionId()).isEqualTo("session-7");
    }

    @Test
    void listOfMessagesArrivesInOrder() {
        String q = queue();
        List<ServiceBusMessage> messages = IntStream.range(0, 10)
                .mapToObj(i -> new ServiceBusMessage("m" + i).setMessageId("id" + i)).toList();

        closeLater(client.getQueueSender(q)).sendMessages(messages);

        List<ServiceBusReceivedMessage> got = receive(closeLater(client.getQueueReceiver(q)), 10);
        assertThat(got).extracting(ServiceBusReceivedMessage::getBodyAsString)
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        assertThat(got).extracting(ServiceBusReceivedMessage::getMessageId).startsWith("id0", "id1");
        assertThat(got).extracting(ServiceBusReceivedMessage::getSequenceNumber).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void messageBatchIsSizedByTheLinkAndStoredAsSeparateMessages() {
        String q = queue();
        ServiceBusSender sender = closeLater(client.getQueueSender(q));
        ServiceBusMessageBatch batch = sender.createMessageBatch();
        assertThat(batch.getMaxSizeInBytes()).isEqualTo(256 * 1024);
        for (int i = 0; i < 25; i++) {
            assertThat(batch.tryAddMessage(new ServiceBusMessage("b" + i).setSubject("batch"))).isTrue();
        }
        assertThat(batch.getCount()).isEqualTo(25);
        sender.sendMessages(batch);

        List<ServiceBusReceivedMessage> got = receive(closeLater(client.getQueueReceiver(q)), 25);
        assertThat(got).hasSize(25);
        assertThat(got.get(0).getBodyAsString()).isEqualTo("b0");
        assertThat(got).extracting(ServiceBusReceivedMessage::getSubject).containsOnly("batch");
    }

    @Test
    void fullBatchRefusesTheMessageThatWouldNotFitAndWhatFitsIsAccepted() {
        String q = queue();
        ServiceBusSender sender = closeLater(client.getQueueSender(q));
        ServiceBusMessageBatch batch = sender.createMessageBatch();
        byte[] tenKb = new byte[10 * 1024];
        int added = 0;
        while (batch.tryAddMessage(new ServiceBusMessage(tenKb))) {
            added++;
        }
        assertThat(added).isBetween(20, 25);
        assertThat(batch.getSizeInBytes()).isLessThanOrEqualTo(batch.getMaxSizeInBytes())
                .isGreaterThan(batch.getMaxSizeInBytes() - 11 * 1024);
        sender.sendMessages(batch);

        assertThat(receive(closeLater(client.getQueueReceiver(q)), added)).hasSize(added);
    }

    @Test
    void scheduledEnqueueTimeOnAPlainSendDelaysTheMessage() {
        String q = queue();
        OffsetDateTime at = OffsetDateTime.now().plusSeconds(2);
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage("later").setScheduledEnqueueTime(at));
        ServiceBusReceiver receiver = closeLater(client.getQueueReceiver(q));

        ServiceBusReceivedMessage got = receiveOne(receiver);
        assertThat(got.getBodyAsString()).isEqualTo("later");
        assertThat(OffsetDateTime.now()).isAfterOrEqualTo(at.minusNanos(500_000_000));
    }
}
