package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.types.Binary;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnknownDescribedType;
import org.apache.qpid.protonj2.types.UnsignedInteger;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Data;
import org.apache.qpid.protonj2.types.messaging.DeliveryAnnotations;
import org.apache.qpid.protonj2.types.messaging.Footer;
import org.apache.qpid.protonj2.types.messaging.Header;
import org.apache.qpid.protonj2.types.messaging.MessageAnnotations;
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.junit.jupiter.api.Test;

/** {@link MessageReader} and {@link DeliveryWriter}: what is read from a sent message, and what is delivered. */
class TranscodingTest {

    private static byte[] richMessage() {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("s", "text");
        app.put("u", UnsignedInteger.valueOf(7));
        app.put("t", new Date(1_000));
        app.put("id", UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"));
        app.put("bin", new Binary(new byte[] {9}));
        return ProtonCodec.encode(
                new Header().setTimeToLive(60_000).setPriority((byte) 7),
                new DeliveryAnnotations(Map.of(Symbol.valueOf("x-hop"), "only-this-hop")),
                new MessageAnnotations(Map.of(
                        Symbol.valueOf("x-opt-scheduled-enqueue-time"), new Date(5_000),
                        Symbol.valueOf("x-opt-partition-key"), "pk",
                        Symbol.valueOf("x-described"), new UnknownDescribedType(Symbol.valueOf("my:type"), "v"),
                        Symbol.valueOf("x-when"), new Date(42))),
                new Properties().setMessageId(UnsignedLong.valueOf(99)).setCorrelationId("c").setGroupId("session")
                        .setReplyTo("r").setReplyToGroupId("rs").setTo("to").setSubject("sub")
                        .setContentType("text/plain"),
                new ApplicationProperties(app),
                new AmqpValue<>(List.of("body", 1)),
                new Footer(Map.of(Symbol.valueOf("x-footer"), "f")));
    }

    @Test
    void readsIdsOfEveryAmqpIdTypeAsServiceBusWritesThem() {
        UUID uuid = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        IncomingMessage m = MessageReader.read(ProtonCodec.encode(
                new Properties().setMessageId(uuid).setCorrelationId(new Binary(new byte[] {0x0a, (byte) 0xff})),
                new AmqpValue<>("body")));
        assertThat(m.messageId()).isEqualTo(uuid.toString());
        assertThat(m.correlationId()).isEqualTo("0aff");
        assertThat(m.sessionId()).isNull(); // the list stops before group-id
        // A ulong beyond a signed long's range reads unsigned, as protonj2's UnsignedLong writes it.
        IncomingMessage big = MessageReader.read(ProtonCodec.encode(
                new Properties().setMessageId(UnsignedLong.valueOf("18446744073709551615")), new AmqpValue<>("b")));
        assertThat(big.messageId()).isEqualTo("18446744073709551615");
        assertThat(MessageReader.read(ProtonCodec.encode(new Properties(), new AmqpValue<>("b"))).messageId()).isNull();
    }

    @Test
    void readsTheSystemPropertiesTheCoreActsOn() {
        IncomingMessage m = MessageReader.read(richMessage());

        assertThat(m.messageId()).isEqualTo("99");
        assertThat(m.correlationId()).isEqualTo("c");
        assertThat(m.sessionId()).isEqualTo("session");
        assertThat(m.replyTo()).isEqualTo("r");
        assertThat(m.replyToSessionId()).isEqualTo("rs");
        assertThat(m.to()).isEqualTo("to");
        assertThat(m.subject()).isEqualTo("sub");
        assertThat(m.contentType()).isEqualTo("text/plain");
        assertThat(m.timeToLive()).isEqualTo(Duration.ofMinutes(1));
        assertThat(m.scheduledEnqueueTime()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(m.partitionKey()).isEqualTo("pk");
        assertThat(m.applicationProperties()).containsEntry("s", "text").containsEntry("u", 7L)
                .containsEntry("t", Instant.ofEpochMilli(1_000))
                .containsEntry("id", UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"));
        assertThat((byte[]) m.applicationProperties().get("bin")).containsExactly(9);
        assertThat(m.payload()).isEqualTo(richMessage());
    }

    @Test
    void batchPayloadIsSplitIntoItsMessages() {
        byte[] batch = ProtonCodec.encode(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-partition-key"), "p")),
                new Data(new Binary(Messages.message("a"))), new Data(new Binary(Messages.message("b"))));

        List<IncomingMessage> messages = MessageReader.readTransfer(batch, 0x80013700L);

        assertThat(messages).extracting(m -> Messages.body(m.payload())).containsExactly("a", "b");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> MessageReader.read(new byte[] {0x00, 0x53})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageReader.readTransfer(new byte[] {0x40}, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MessageMeta meta(int deliveryCount, long ttl, Map<String, Object> changes, String dlReason) {
        long enqueued = 1_000_000;
        return new MessageMeta(12, MessageState.SCHEDULED, deliveryCount + 1, enqueued, ttl,
                ttl == Long.MAX_VALUE ? Long.MAX_VALUE : enqueued + ttl, 5_000, 100, "99", null, null, "src",
                dlReason, dlReason == null ? null : "described", 3, changes).withDeliveryCount(deliveryCount);
    }

    @Test
    void deliveryStampsTheBrokerViewAndKeepsEverythingElse() {
        UUID lock = UUID.randomUUID();
        byte[] out = DeliveryWriter.write(new ReceivedMessage(meta(2, 60_000, Map.of("added", 5L, "s", "changed"),
                "Reason"), richMessage(), lock, 2_000_000));

        Header h = Messages.header(out);
        assertThat(h.getDeliveryCount()).isEqualTo(2);
        assertThat(h.getTimeToLive()).isEqualTo(60_000);
        assertThat(h.getPriority()).isEqualTo((byte) 7);
        assertThat(Messages.deliveryAnnotation(out, "x-opt-lock-token")).isEqualTo(lock);
        assertThat(Messages.deliveryAnnotation(out, "x-hop")).isNull();
        assertThat(Messages.annotation(out, "x-opt-sequence-number")).isEqualTo(12L);
        assertThat(Messages.annotation(out, "x-opt-enqueued-time")).isEqualTo(Instant.ofEpochMilli(1_000_000));
        assertThat(Messages.annotation(out, "x-opt-locked-until")).isEqualTo(Instant.ofEpochMilli(2_000_000));
        assertThat(Messages.annotation(out, "x-opt-message-state")).isEqualTo(2);
        assertThat(Messages.annotation(out, "x-opt-scheduled-enqueue-time")).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(Messages.annotation(out, "x-opt-deadletter-source")).isEqualTo("src");
        assertThat(Messages.annotation(out, "x-opt-enqueue-sequence-number")).isEqualTo(3L);
        // Untouched annotations keep their exact types: a timestamp stays a timestamp.
        assertThat(Messages.annotation(out, "x-when")).isEqualTo(Instant.ofEpochMilli(42));
        assertThat(Messages.annotation(out, "x-opt-partition-key")).isEqualTo("pk");
        assertThat(Messages.applicationProperty(out, "t")).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(Messages.applicationProperty(out, "u")).isEqualTo(7L);
        assertThat(Messages.applicationProperty(out, "added")).isEqualTo(5L);
        assertThat(Messages.applicationProperty(out, "s")).isEqualTo("changed");
        assertThat(Messages.applicationProperty(out, "DeadLetterReason")).isEqualTo("Reason");
        assertThat(Messages.applicationProperty(out, "DeadLetterErrorDescription")).isEqualTo("described");

        List<Object> sections = ProtonCodec.decodeAll(out);
        Properties p = (Properties) sections.stream().filter(Properties.class::isInstance).findFirst().orElseThrow();
        assertThat(p.getMessageId()).isEqualTo(UnsignedLong.valueOf(99));
        assertThat(p.getAbsoluteExpiryTime()).isEqualTo(1_060_000);
        assertThat(p.getGroupId()).isEqualTo("session");
        MessageAnnotations ma = (MessageAnnotations) sections.stream().filter(MessageAnnotations.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(ma.getValue().get(Symbol.valueOf("x-described"))).isInstanceOf(UnknownDescribedType.class);
        assertThat(sections.get(sections.size() - 2)).isInstanceOf(AmqpValue.class);
        assertThat(sections.get(sections.size() - 1)).isInstanceOfSatisfying(Footer.class,
                f -> assertThat(f.getValue()).containsEntry(Symbol.valueOf("x-footer"), "f"));
    }

    @Test
    void messageWithOnlyABodyGetsAHeaderAndAnnotations() {
        byte[] bare = ProtonCodec.encode(new Data(new Binary(new byte[] {1})));

        byte[] out = DeliveryWriter.write(new ReceivedMessage(meta(0, Long.MAX_VALUE, Map.of(), null), bare, null, 0));

        assertThat(Messages.header(out).getDeliveryCount()).isZero();
        assertThat(Messages.header(out).hasTimeToLive()).isFalse();
        // All five header fields, delivery-count written as uint 0 (rhea reports an absent count as undefined).
        RawAmqp.Section header = RawAmqp.sections(out).get(0);
        assertThat(header.code()).isEqualTo(RawAmqp.HEADER);
        assertThat(out[header.valueStart()] & 0xff).isEqualTo(0xd0);
        assertThat(RawAmqp.u32(out, header.valueStart() + 5)).isEqualTo(5);
        assertThat(java.util.Arrays.copyOfRange(out, header.end() - 5, header.end()))
                .containsExactly(0x70, 0, 0, 0, 0);
        assertThat(Messages.annotation(out, "x-opt-sequence-number")).isEqualTo(12L);
        assertThat(Messages.annotation(out, "x-opt-locked-until")).isNull();
        assertThat(ProtonCodec.decodeAll(out)).noneMatch(Properties.class::isInstance)
                .noneMatch(DeliveryAnnotations.class::isInstance);
    }

    @Test
    void ruleActionSystemChangesGoToPropertiesAndAnnotationsAndRemovalsDropProperties() {
        Map<String, Object> changes = new java.util.HashMap<>();
        changes.put("$sys.MessageId", "new-id");
        changes.put("$sys.ContentType", "application/json");
        changes.put("$sys.ReplyToSessionId", null);
        changes.put("$sys.PartitionKey", null);
        changes.put("$sys.ViaPartitionKey", "via");
        changes.put("$sys.ScheduledEnqueueTimeUtc", Instant.ofEpochMilli(7_000));
        changes.put("$sys.TimeToLive", Duration.ofSeconds(30));
        changes.put("S", "case-folded");
        changes.put("u", MessageMeta.REMOVED);
        MessageMeta meta = new MessageMeta(12, MessageState.ACTIVE, 0, 1_000_000, 30_000, 1_030_000, 0, 100, "99",
                null, null, null, null, null, 0, changes);

        byte[] out = DeliveryWriter.write(new ReceivedMessage(meta, richMessage(), null, 0));

        Properties p = Messages.properties(out);
        assertThat(p.getMessageId()).isEqualTo("new-id");
        assertThat(p.getContentType()).isEqualTo("application/json");
        assertThat(p.getReplyToGroupId()).isNull();
        assertThat(p.getReplyTo()).isEqualTo("r");
        assertThat(Messages.header(out).getTimeToLive()).isEqualTo(30_000);
        assertThat(Messages.annotation(out, "x-opt-partition-key")).isNull();
        assertThat(Messages.annotation(out, "x-opt-via-partition-key")).isEqualTo("via");
        assertThat(Messages.annotation(out, "x-opt-scheduled-enqueue-time")).isEqualTo(Instant.ofEpochMilli(7_000));
        // "S" replaces "s" (names ignore case) under the sender's spelling; "u" is gone; no $sys. key leaks.
        assertThat(Messages.applicationProperties(out)).containsOnlyKeys("s", "t", "id", "bin")
                .containsEntry("s", "case-folded");
    }

    @Test
    void uneditedDeliveryWritesExactlyWhatTheGeneralPathWrites() {
        byte[] annotated = ProtonCodec.encode(
                new Header().setDurable(true).setPriority((byte) 3).setFirstAcquirer(true).setTimeToLive(5),
                new DeliveryAnnotations(Map.of(Symbol.valueOf("x-hop"), "only-this-hop")),
                new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-partition-key"), "pk",
                        Symbol.valueOf("x-when"), new Date(42))),
                new Properties().setMessageId("m-1"),
                new ApplicationProperties(Map.of("k", "v")),
                new Data(new Binary(new byte[] {1, 2, 3})),
                new Footer(Map.of(Symbol.valueOf("x-footer"), "f")));
        byte[] durableOnly = ProtonCodec.encode(new Header().setDurable(true),
                new Properties().setMessageId("m-2"), new Data(new Binary(new byte[1024])));
        byte[] bare = ProtonCodec.encode(new Data(new Binary(new byte[] {1})));
        UUID lock = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        MessageMeta scheduled = meta(2, Long.MAX_VALUE, Map.of(), null);
        MessageMeta plain = new MessageMeta(7, MessageState.ACTIVE, 0, 1_000_000, Long.MAX_VALUE, Long.MAX_VALUE, 0,
                100, "m", null, null, null, null, null, 0, Map.of());

        for (byte[] message : List.of(annotated, durableOnly, bare)) {
            for (MessageMeta meta : List.of(scheduled, plain)) {
                for (ReceivedMessage m : List.of(new ReceivedMessage(meta, message, lock, 2_000_000),
                        new ReceivedMessage(meta, message, null, 0))) {
                    List<RawAmqp.Section> sections = RawAmqp.sections(message);
                    byte[] fast = UneditedDelivery.write(m, sections);
                    assertThat(fast).isNotNull().isEqualTo(DeliveryWriter.writeGeneral(m, sections));
                    ProtonBuffer linked = DeliveryWriter.encode(m);
                    byte[] sent = new byte[linked.getReadableBytes()];
                    linked.copyInto(linked.getReadOffset(), sent, 0, sent.length);
                    assertThat(sent).as("what a link sends, without the final copy").isEqualTo(fast);
                }
            }
        }
    }

    @Test
    void annotationsTheBrokerStampsSendTheDeliveryDownTheGeneralPath() {
        byte[] stamped = ProtonCodec.encode(new MessageAnnotations(Map.of(
                Symbol.valueOf("x-opt-sequence-number"), 1L)), new Data(new Binary(new byte[] {1})));
        ReceivedMessage m = new ReceivedMessage(meta(0, Long.MAX_VALUE, Map.of(), null), stamped, null, 0);

        assertThat(UneditedDelivery.write(m, RawAmqp.sections(stamped))).isNull();
        assertThat(Messages.annotation(DeliveryWriter.write(m), "x-opt-sequence-number")).isEqualTo(12L);
        ProtonBuffer linked = DeliveryWriter.encode(m);
        byte[] sent = new byte[linked.getReadableBytes()];
        linked.copyInto(linked.getReadOffset(), sent, 0, sent.length);
        assertThat(sent).isEqualTo(DeliveryWriter.write(m));
    }
}
