package dev.omnibus.server.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueRuntimeInfo;
import dev.omnibus.core.RuleInfo;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.core.TopicRuntimeInfo;
import dev.omnibus.core.filter.CorrelationFilter;
import dev.omnibus.core.filter.FalseFilter;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlFilter;
import dev.omnibus.core.filter.SqlRuleAction;
import dev.omnibus.core.filter.TrueFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Every description written and read back gives what was written, with every property off its default. */
class DescriptionRoundTripTest {
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123Z");
    private static final AtomLinks LINKS = new AtomLinks("example.test");

    @Test
    void queue() {
        QueueDescription q = QueueDescription.builder("a/b.c").lockDuration(Duration.ofSeconds(90))
                .maxSizeInMegabytes(2048).requiresDuplicateDetection(true).requiresSession(true)
                .defaultMessageTimeToLive(Duration.ofDays(3).plusMillis(5)).deadLetteringOnMessageExpiration(true)
                .duplicateDetectionHistoryTimeWindow(Duration.ofMinutes(3)).maxDeliveryCount(4)
                .enableBatchedOperations(false).status(EntityStatus.SEND_DISABLED).forwardTo("other")
                .forwardDeadLetteredMessagesTo("dlq-target").autoDeleteOnIdle(Duration.ofHours(6))
                .enablePartitioning(true).userMetadata("<meta> & \"quotes\"").maxMessageSizeInKilobytes(1024)
                .build();
        QueueRuntimeInfo runtime = new QueueRuntimeInfo("a/b.c", 1, 2, 3, 4, 5, 0, 6, AT, AT, AT);

        Element e = written(out -> QueueXml.write(out, q, runtime, LINKS));
        QueueDescription back = QueueXml.read(e, QueueDescription.builder("a/b.c"));

        assertThat(back).isEqualTo(q);
        assertThat(XmlIn.text(e, "ForwardTo")).isEqualTo("https://example.test/other");
        assertThat(XmlIn.text(e, "MessageCount")).isEqualTo("15");
    }

    @Test
    void topic() {
        TopicDescription t = TopicDescription.builder("events").defaultMessageTimeToLive(Duration.ofHours(5))
                .maxSizeInMegabytes(5120).requiresDuplicateDetection(true)
                .duplicateDetectionHistoryTimeWindow(Duration.ofMinutes(2)).status(EntityStatus.DISABLED)
                .autoDeleteOnIdle(Duration.ofDays(2)).supportOrdering(false).enablePartitioning(true)
                .enableBatchedOperations(false).userMetadata("m").maxMessageSizeInKilobytes(512).build();

        Element e = written(out -> TopicXml.write(out, t, new TopicRuntimeInfo("events", 7, 2, 1, AT, AT, null)));

        assertThat(TopicXml.read(e, TopicDescription.builder("events"))).isEqualTo(t);
        assertThat(XmlIn.text(e, "AccessedAt")).isEqualTo(XmlValues.NEVER);
        assertThat(XmlIn.text(e, "SubscriptionCount")).isEqualTo("2");
    }

    @Test
    void subscription() {
        SubscriptionDescription s = SubscriptionDescription.builder("events", "audit")
                .lockDuration(Duration.ofSeconds(20)).requiresSession(true)
                .defaultMessageTimeToLive(Duration.ofMinutes(30)).deadLetteringOnMessageExpiration(true)
                .deadLetteringOnFilterEvaluationExceptions(false).maxDeliveryCount(2).enableBatchedOperations(false)
                .status(EntityStatus.RECEIVE_DISABLED).forwardTo("q").forwardDeadLetteredMessagesTo("dlq")
                .autoDeleteOnIdle(Duration.ofMinutes(10)).userMetadata("u").build();
        QueueRuntimeInfo runtime = new QueueRuntimeInfo("events/Subscriptions/audit", 1, 0, 0, 0, 0, 0, 1, AT, AT,
                AT);

        Element e = written(out -> SubscriptionXml.write(out, s, runtime, LINKS));

        assertThat(SubscriptionXml.read(e, SubscriptionDescription.builder("events", "audit"))).isEqualTo(s);
    }

    @Test
    void rulesOfEveryFilterAndActionKind() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("s", "text");
        values.put("i", 7);
        values.put("l", 1L << 40);
        values.put("d", 2.5);
        values.put("b", true);
        values.put("t", AT);
        values.put("g", UUID.fromString("0b6d1f8e-0000-4000-8000-000000000001").toString());
        Rule[] rules = {
            new Rule("sql", SqlFilter.parse("a = @s AND i > @i", Map.of("@s", "x", "@i", 3)),
                    SqlRuleAction.parse("SET sys.Label = @l", Map.of("@l", "y"))),
            new Rule("true", TrueFilter.INSTANCE),
            new Rule("false", FalseFilter.INSTANCE),
            new Rule("corr", CorrelationFilter.builder().correlationId("c").messageId("m").to("to").replyTo("r")
                    .subject("lbl").sessionId("sid").replyToSessionId("rs").contentType("ct").properties(values)
                    .build(), SqlRuleAction.parse("REMOVE x")),
            new Rule("empty-correlation", CorrelationFilter.builder().build()),
        };
        for (Rule rule : rules) {
            Element e = written(out -> RuleXml.write(out, new RuleInfo(rule, AT)));

            Rule back = RuleXml.read(e, null);

            assertThat(back).as(rule.name()).isEqualTo(rule);
            assertThat(XmlIn.text(e, "CreatedAt")).isEqualTo("2026-03-04T05:06:07.123Z");
        }
    }

    @Test
    void typedKeyValuesAreReadByTheirSchemaType() {
        Element e = written(out -> {
            DescriptionXml.open(out, "Filter");
            KeyValueXml.write(out, "Properties", Map.of("n", 5, "big", 1L << 40, "when", AT));
            out.close();
        });

        assertThat(KeyValueXml.read(XmlIn.child(e, "Properties"))).containsEntry("n", 5).containsEntry("big", 1L << 40)
                .containsEntry("when", AT);
    }

    private static Element written(Consumer<XmlOut> write) {
        XmlOut out = new XmlOut();
        write.accept(out);
        return XmlIn.parse(out.toText().getBytes(StandardCharsets.UTF_8));
    }
}
