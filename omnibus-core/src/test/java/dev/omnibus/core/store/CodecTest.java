package dev.omnibus.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.internal.DefinitionCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CodecTest {
    @Test
    void messageMetaRoundTripsWithEveryPropertyType() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("s", "text ü");
        props.put("l", 5L);
        props.put("i", 7);
        props.put("d", 1.5);
        props.put("b", true);
        props.put("u", UUID.randomUUID());
        props.put("t", Instant.ofEpochMilli(1234));
        props.put("sh", (short) 3);
        props.put("by", (byte) 4);
        props.put("f", 2.5f);
        props.put("c", 'x');
        props.put("n", null);
        MessageMeta meta = new MessageMeta(42, MessageState.DEFERRED, 3, 1000, 5000, 6000, 0, 99, "mid", "sid",
                "pk", "src", "reason", "desc", 7, props);
        MessageMeta back = MessageMetaCodec.decode(MessageMetaCodec.encode(meta));
        assertThat(back).usingRecursiveComparison().isEqualTo(meta);

        byte[] bin = {1, 2, 3};
        MessageMeta withBytes = meta.withPropertyChanges(Map.of("bin", bin));
        assertThat((byte[]) MessageMetaCodec.decode(MessageMetaCodec.encode(withBytes)).propertyChanges().get("bin"))
                .containsExactly(1, 2, 3);
    }

    @Test
    void messageMetaRoundTripsNonAsciiAndAbsentStrings() {
        MessageMeta meta = new MessageMeta(1, MessageState.ACTIVE, 0, 1, Long.MAX_VALUE, Long.MAX_VALUE, 0, 3,
                "id-ñ-日本", null, "", null, "raison d'être", "a\u0000b", 0, null);
        assertThat(MessageMetaCodec.decode(MessageMetaCodec.encode(meta))).usingRecursiveComparison().isEqualTo(meta);
    }

    @Test
    void messageMetaRoundTripsEverySystemPropertyRemovalsAndRoutingProperties() {
        MessageMeta meta = new MessageMeta(9, MessageState.SCHEDULED, 0, 1, 2, 3, 4, 5,
                new dev.omnibus.core.SystemProperties("m", "c", "s", "r", "rs", "to", "subj", "ct", "pk"),
                null, null, null, 0, Map.of("gone", MessageMeta.REMOVED, "$sys.To", "x"),
                Map.of("amount", 200L, "region", "eu"));
        MessageMeta back = MessageMetaCodec.decode(MessageMetaCodec.encode(meta));
        assertThat(back).usingRecursiveComparison().isEqualTo(meta);
        assertThat(back.propertyChanges().get("gone")).isSameAs(MessageMeta.REMOVED);
    }

    @Test
    void definitionsRoundTrip() {
        QueueDescription d = QueueDescription.builder("q.1").lockDuration(Duration.ofSeconds(30))
                .maxDeliveryCount(3).requiresDuplicateDetection(true).deadLetteringOnMessageExpiration(true)
                .forwardTo("other").userMetadata("line1\nline2").status(EntityStatus.SEND_DISABLED)
                .createdAt(Instant.ofEpochSecond(10)).updatedAt(Instant.ofEpochSecond(20)).build();
        DefinitionCodec.Definition back = DefinitionCodec.decode(DefinitionCodec.encodeQueue("ns", d));
        assertThat(back.namespace()).isEqualTo("ns");
        assertThat(back.queue()).isEqualTo(d);
    }
}
