package dev.omnibus.client.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.LockTokens;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageBatch;
import dev.omnibus.client.models.ServiceBusMessageState;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Data;
import org.apache.qpid.protonj2.types.messaging.Header;
import org.apache.qpid.protonj2.types.messaging.MessageAnnotations;
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void everyPropertyRoundTripsThroughTheWireEncoding() {
        OffsetDateTime scheduled = OffsetDateTime.of(2030, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        UUID uuid = UUID.randomUUID();
        ServiceBusMessage sent = new ServiceBusMessage("body").setMessageId("m").setCorrelationId("c")
                .setSubject("s").setTo("t").setReplyTo("r").setReplyToSessionId("rs").setSessionId("sid")
                .setPartitionKey("sid").setContentType("text/plain").setTimeToLive(Duration.ofSeconds(30))
                .setScheduledEnqueueTime(scheduled);
        sent.getApplicationProperties().putAll(Map.of("int", 1, "long", 2L, "bool", true, "uuid", uuid,
                "bytes", new byte[] {9}, "time", scheduled));

        ServiceBusReceivedMessage got = MessageCodec.decode(MessageCodec.encode(sent), null, null);

        assertThat(got.getBodyAsString()).isEqualTo("body");
        assertThat(got.getMessageId()).isEqualTo("m");
        assertThat(got.getCorrelationId()).isEqualTo("c");
        assertThat(got.getSubject()).isEqualTo("s");
        assertThat(got.getTo()).isEqualTo("t");
        assertThat(got.getReplyTo()).isEqualTo("r");
        assertThat(got.getReplyToSessionId()).isEqualTo("rs");
        assertThat(got.getSessionId()).isEqualTo("sid");
        assertThat(got.getPartitionKey()).isEqualTo("sid");
        assertThat(got.getContentType()).isEqualTo("text/plain");
        assertThat(got.getTimeToLive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(got.getScheduledEnqueueTime()).isEqualTo(scheduled);
        assertThat(got.getApplicationProperties()).containsEntry("int", 1).containsEntry("long", 2L)
                .containsEntry("bool", true).containsEntry("uuid", uuid).containsEntry("time", scheduled);
        assertThat((byte[]) got.getApplicationProperties().get("bytes")).containsExactly(9);
    }

    @Test
    void brokerAnnotationsAndTheDeliveryTagLockTokenAreRead() {
        Date enqueued = new Date(1_700_000_000_000L);
        Date locked = new Date(1_700_000_060_000L);
        MessageAnnotations annotations = new MessageAnnotations(Map.of(
                Symbol.valueOf("x-opt-sequence-number"), 42L,
                Symbol.valueOf("x-opt-enqueued-time"), enqueued,
                Symbol.valueOf("x-opt-locked-until"), locked,
                Symbol.valueOf("x-opt-message-state"), 1,
                Symbol.valueOf("x-opt-deadletter-source"), "source-queue"));
        Header header = new Header().setDeliveryCount(3);
        ApplicationProperties deadLetter = new ApplicationProperties(Map.of("DeadLetterReason", "why",
                "DeadLetterErrorDescription", "because"));
        byte[] encoded = MessageCodec.encodeSections(header, annotations, new Properties(), deadLetter,
                new Data(new byte[] {1}));
        UUID token = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        // The delivery tag carries the token in .NET GUID byte order.
        UUID fromTag = LockTokens.fromDeliveryTag(LockTokens.toDeliveryTag(token));

        ServiceBusReceivedMessage got = MessageCodec.decode(encoded, fromTag, null);

        assertThat(got.getSequenceNumber()).isEqualTo(42);
        assertThat(got.getEnqueuedTime().toInstant()).isEqualTo(enqueued.toInstant());
        assertThat(got.getLockedUntil().toInstant()).isEqualTo(locked.toInstant());
        assertThat(got.getState()).isEqualTo(ServiceBusMessageState.DEFERRED);
        assertThat(got.getDeliveryCount()).isEqualTo(3);
        assertThat(got.getLockToken()).isEqualTo("01234567-89ab-cdef-0123-456789abcdef");
        assertThat(got.getDeadLetterSource()).isEqualTo("source-queue");
        assertThat(got.getDeadLetterReason()).isEqualTo("why");
        assertThat(got.getDeadLetterErrorDescription()).isEqualTo("because");
    }

    @Test
    void batchSizeIsExactlyTheEncodedTransferSize() {
        ServiceBusMessageBatch batch = ModelAccess.batches().create(10_000, MessageCodec::encode,
                MessageCodec.BATCH_SIZER);
        List<ServiceBusMessage> added = List.of(new ServiceBusMessage("small").setMessageId("a").setSessionId("s"),
                new ServiceBusMessage(new byte[300]), new ServiceBusMessage("x"));
        added.forEach(m -> assertThat(batch.tryAddMessage(m)).isTrue());

        byte[] transfer = MessageCodec.encodeBatch(added.get(0), ModelAccess.batches().encoded(batch));

        assertThat(batch.getSizeInBytes()).isEqualTo(transfer.length);
        assertThat(MessageCodec.decodeSections(transfer)).filteredOn(Data.class::isInstance).hasSize(3);
    }

    @Test
    void aFullBatchRefusesTheMessageThatDoesNotFitAndStaysUnchanged() {
        ServiceBusMessageBatch batch = ModelAccess.batches().create(1_000, MessageCodec::encode,
                MessageCodec.BATCH_SIZER);
        assertThat(batch.tryAddMessage(new ServiceBusMessage(new byte[600]))).isTrue();
        long size = batch.getSizeInBytes();

        assertThat(batch.tryAddMessage(new ServiceBusMessage(new byte[600]))).isFalse();
        assertThat(batch.getCount()).isEqualTo(1);
        assertThat(batch.getSizeInBytes()).isEqualTo(size);
        assertThat(batch.tryAddMessage(new ServiceBusMessage(new byte[100]))).isTrue();
    }
}
