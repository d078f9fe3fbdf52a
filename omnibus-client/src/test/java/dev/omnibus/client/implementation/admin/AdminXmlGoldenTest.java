package dev.omnibus.client.implementation.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.admin.models.CorrelationRuleFilter;
import dev.omnibus.client.admin.models.CreateQueueOptions;
import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.CreateSubscriptionOptions;
import dev.omnibus.client.admin.models.CreateTopicOptions;
import dev.omnibus.client.admin.models.EmptyRuleAction;
import dev.omnibus.client.admin.models.EntityStatus;
import dev.omnibus.client.admin.models.FalseRuleFilter;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SqlRuleAction;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.admin.models.TrueRuleFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Request bodies byte for byte against golden files (element order of the service), answers of the Omnibus server
 * (copied from its own golden files) and of Azure parsed into models, and write-then-read round trips.
 */
class AdminXmlGoldenTest {

    static byte[] resource(String name) {
        try (InputStream in = AdminXmlGoldenTest.class.getResourceAsStream("/admin/" + name)) {
            if (in == null) {
                throw new AssertionError("No test resource /admin/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String golden(String name) {
        return new String(resource(name), StandardCharsets.UTF_8).strip();
    }

    private static CreateQueueOptions sampleQueue() {
        return new CreateQueueOptions().setLockDuration(Duration.ofSeconds(30)).setRequiresSession(true)
                .setDefaultMessageTimeToLive(Duration.ofDays(1))
                .setDuplicateDetectionHistoryTimeWindow(Duration.ofMinutes(1)).setMaxDeliveryCount(5)
                .setForwardTo("q2").setUserMetadata("meta & <more>").setAutoDeleteOnIdle(Duration.ofHours(1))
                .setMaxMessageSizeInKilobytes(1024L);
    }

    private static SqlRuleFilter sampleSqlFilter() {
        SqlRuleFilter filter = new SqlRuleFilter("color = @c AND n > @n");
        filter.getParameters().put("@c", "red");
        filter.getParameters().put("@n", 5);
        return filter;
    }

    private static CorrelationRuleFilter sampleCorrelation() {
        CorrelationRuleFilter filter = new CorrelationRuleFilter("cid").setLabel("lbl");
        filter.getProperties().put("color", "red");
        filter.getProperties().put("n", 3.5);
        filter.getProperties().put("flag", true);
        return filter;
    }

    @Test
    void createQueueBodyIsTheGoldenOneInTheServicesOrder() {
        byte[] body = XmlWriter.entry(w -> QueueXml.write(w, sampleQueue(), "localhost"));

        assertThat(XmlWriter.toString(body)).isEqualTo(golden("requests/create-queue.xml"));
    }

    @Test
    void createTopicWithDefaultsWritesTimeSpanMaxValueAsDotNetDoes() {
        byte[] body = XmlWriter.entry(w -> TopicXml.write(w, new CreateTopicOptions()));

        assertThat(XmlWriter.toString(body)).isEqualTo(golden("requests/create-topic-defaults.xml"))
                .contains("<DefaultMessageTimeToLive>P10675199DT2H48M5.4775807S</DefaultMessageTimeToLive>");
    }

    @Test
    void createSubscriptionCarriesItsDefaultRuleBetweenTheRightElements() {
        CreateRuleOptions rule = new CreateRuleOptions(sampleSqlFilter())
                .setAction(new SqlRuleAction("SET done = true"));
        byte[] body = XmlWriter.entry(w -> SubscriptionXml.write(w,
                new CreateSubscriptionOptions().setLockDuration(Duration.ofSeconds(45)), "first", rule, "localhost"));

        assertThat(XmlWriter.toString(body)).isEqualTo(golden("requests/create-subscription-with-rule.xml"));
    }

    @Test
    void correlationRuleWritesTypedPropertiesWithTheServicesPrefixes() {
        byte[] body = XmlWriter.entry(w -> RuleXml.write(w, "corr", new CreateRuleOptions(sampleCorrelation())));

        assertThat(XmlWriter.toString(body)).isEqualTo(golden("requests/create-rule-correlation.xml"))
                .contains("<Value i:type=\"d6p1:double\" xmlns:d6p1=\"http://www.w3.org/2001/XMLSchema\">3.5</Value>");
    }

    @Test
    void queueWrittenThenReadKeepsEveryProperty() {
        CreateQueueOptions written = sampleQueue().setStatus(EntityStatus.RECEIVE_DISABLED)
                .setForwardDeadLetteredMessagesTo("dead").setRequiresDuplicateDetection(true)
                .setDeadLetteringOnMessageExpiration(true).setEnableBatchedOperations(false)
                .setEnablePartitioning(true).setMaxSizeInMegabytes(2048);

        CreateQueueOptions read = QueueXml.read(description(XmlWriter.entry(w -> QueueXml.write(w, written, "h"))));

        assertThat(read).usingRecursiveComparison().isEqualTo(written);
    }

    @Test
    void topicAndSubscriptionWrittenThenReadKeepEveryProperty() {
        CreateTopicOptions topic = new CreateTopicOptions().setDefaultMessageTimeToLive(Duration.ofMinutes(90))
                .setRequiresDuplicateDetection(true).setDuplicateDetectionHistoryTimeWindow(Duration.ofSeconds(20))
                .setSupportOrdering(false).setStatus(EntityStatus.DISABLED).setUserMetadata("t")
                .setMaxMessageSizeInKilobytes(512L).setAutoDeleteOnIdle(Duration.ofMinutes(10));
        CreateSubscriptionOptions sub = new CreateSubscriptionOptions().setLockDuration(Duration.ofSeconds(10))
                .setRequiresSession(true).setDeadLetteringOnMessageExpiration(true)
                .setEnableDeadLetteringOnFilterEvaluationExceptions(false).setMaxDeliveryCount(2)
                .setForwardTo("next").setForwardDeadLetteredMessagesTo("dead").setUserMetadata("s")
                .setStatus(EntityStatus.SEND_DISABLED);

        assertThat(TopicXml.read(description(XmlWriter.entry(w -> TopicXml.write(w, topic)))))
                .usingRecursiveComparison().isEqualTo(topic);
        assertThat(SubscriptionXml.read(description(XmlWriter.entry(w -> SubscriptionXml.write(w, sub, null, null,
                "h"))))).usingRecursiveComparison().isEqualTo(sub);
    }

    @Test
    void rulesWrittenThenReadKeepFilterActionAndTypedValues() {
        SqlRuleAction action = new SqlRuleAction("SET n = @x");
        action.getParameters().put("@x", 7L);
        action.getParameters().put("@when", OffsetDateTime.parse("2026-01-02T03:04:05Z"));
        action.getParameters().put("@for", Duration.ofMinutes(3));
        for (CreateRuleOptions rule : new CreateRuleOptions[] {
                new CreateRuleOptions(sampleSqlFilter()).setAction(action),
                new CreateRuleOptions(sampleCorrelation()),
                new CreateRuleOptions(new TrueRuleFilter()),
                new CreateRuleOptions(new FalseRuleFilter())}) {
            RuleProperties read = RuleXml.read(description(XmlWriter.entry(w -> RuleXml.write(w, "r", rule))), "x");

            assertThat(read.getName()).isEqualTo("r");
            assertThat(read.getFilter()).isEqualTo(rule.getFilter()).hasSameClassAs(rule.getFilter());
            assertThat(read.getAction()).isEqualTo(rule.getAction());
        }
    }

    @Test
    void omnibusQueueEntryBecomesPropertiesAndRuntimeProperties() {
        AtomDocument.Entry entry = AtomDocument.entry(resource("responses/queue-entry.xml"));
        CreateQueueOptions q = QueueXml.read(entry.description());
        EntityRuntime runtime = DescriptionXml.runtime(entry.description());

        assertThat(entry.title()).isEqualTo("q1");
        assertThat(q.getLockDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(q.isSessionRequired()).isTrue();
        assertThat(q.getDefaultMessageTimeToLive()).isEqualTo(Duration.ofDays(1));
        assertThat(q.getMaxDeliveryCount()).isEqualTo(5);
        assertThat(q.getForwardTo()).isEqualTo("q2");
        assertThat(q.getUserMetadata()).isEqualTo("meta");
        assertThat(q.getMaxMessageSizeInKilobytes()).isEqualTo(256L);
        assertThat(q.getStatus()).isEqualTo(EntityStatus.ACTIVE);
        assertThat(runtime.createdAt()).isEqualTo(OffsetDateTime.parse("2026-01-02T03:04:05Z"));
        assertThat(runtime.totalMessageCount()).isZero();
    }

    @Test
    void azureQueueEntryWithOtherPrefixesNeverAccessedAndUrlTargetsIsRead() {
        AtomDocument.Entry entry = AtomDocument.entry(resource("responses/azure-queue-entry.xml"));
        QueueProperties q = AdminModels.factory().queue(entry.title(), QueueXml.read(entry.description()));
        EntityRuntime runtime = DescriptionXml.runtime(entry.description());

        assertThat(q.getName()).isEqualTo("orders");
        assertThat(q.getStatus()).isEqualTo(EntityStatus.SEND_DISABLED);
        assertThat(q.getForwardTo()).isEqualTo("archive");
        assertThat(q.getForwardDeadLetteredMessagesTo()).isEqualTo("dlq-sink");
        assertThat(q.getAutoDeleteOnIdle()).isEqualTo(XmlValues.MAX_DURATION);
        assertThat(q.getMaxMessageSizeInKilobytes()).isNull();
        assertThat(runtime).isEqualTo(new EntityRuntime(2048, 12, 9, 2, 1, 0, 0, 0,
                OffsetDateTime.parse("2024-03-01T10:00:00.1234567Z"), OffsetDateTime.parse("2024-03-02T10:00:00Z"),
                null));
    }

    @Test
    void topicAndSubscriptionEntriesOfTheServerAreRead() {
        AtomDocument.Entry topic = AtomDocument.entry(resource("responses/topic-entry.xml"));
        AtomDocument.Entry sub = AtomDocument.entry(resource("responses/subscription-entry.xml"));

        assertThat(topic.describes(TopicXml.ELEMENT)).isTrue();
        assertThat(TopicXml.read(topic.description()).getDefaultMessageTimeToLive()).isEqualTo(Duration.ofHours(1));
        assertThat(DescriptionXml.runtime(topic.description()).subscriptionCount()).isZero();
        assertThat(sub.title()).isEqualTo("s1");
        CreateSubscriptionOptions s = SubscriptionXml.read(sub.description());
        assertThat(s.getLockDuration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.getDefaultMessageTimeToLive()).isEqualTo(XmlValues.MAX_DURATION);
        assertThat(s.isDeadLetteringOnFilterEvaluationExceptions()).isTrue();
    }

    @Test
    void ruleFeedPagesAreReadWithTheirNextLinkAndTypedParameters() {
        AtomDocument.Page first = AtomDocument.page(resource("responses/rules-feed-page1.xml"));
        AtomDocument.Page last = AtomDocument.page(resource("responses/rules-feed-last-page.xml"));

        assertThat(first.hasNext()).isTrue();
        assertThat(last.hasNext()).isFalse();
        RuleProperties sql = RuleXml.read(first.entries().get(0).description(), "?");
        assertThat(sql.getName()).isEqualTo("first");
        assertThat(sql.getFilter()).isInstanceOf(SqlRuleFilter.class);
        assertThat(((SqlRuleFilter) sql.getFilter()).getSqlExpression()).isEqualTo("color = @c AND n > @n");
        assertThat(((SqlRuleFilter) sql.getFilter()).getParameters()).isEqualTo(Map.of("@c", "red", "@n", 5.0));
        assertThat(sql.getAction()).isEqualTo(new SqlRuleAction("SET done = true"));
        RuleProperties corr = RuleXml.read(last.entries().get(0).description(), "?");
        CorrelationRuleFilter filter = (CorrelationRuleFilter) corr.getFilter();
        assertThat(filter.getCorrelationId()).isEqualTo("cid");
        assertThat(filter.getLabel()).isEqualTo("lbl");
        assertThat(filter.getProperties()).containsExactly(Map.entry("color", "red"), Map.entry("n", 3.0),
                Map.entry("flag", true));
        assertThat(corr.getAction()).isInstanceOf(EmptyRuleAction.class);
    }

    @Test
    void errorsEmptyFeedsAndNonXmlAnswers() {
        assertThat(AtomDocument.errorDetail(resource("responses/error-not-found.xml")))
                .startsWith("The messaging entity 'sbemulatorns:Queue:nope' could not be found.");
        assertThat(AtomDocument.errorDetail("Service Unavailable".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Service Unavailable");
        assertThat(AtomDocument.entry(resource("responses/empty-feed.xml"))).isNull();
        assertThatThrownBy(() -> AtomDocument.entry("<html/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsAndTimesUseTheDotNetForms() {
        assertThat(XmlValues.duration(Duration.ofSeconds(90))).isEqualTo("PT1M30S");
        assertThat(XmlValues.duration(Duration.ofDays(2).plusMillis(500))).isEqualTo("P2DT0.5S");
        assertThat(XmlValues.duration(Duration.ZERO)).isEqualTo("PT0S");
        assertThat(XmlValues.duration("x", "P10675199DT2H48M5.477S")).isEqualTo(XmlValues.MAX_DURATION);
        assertThat(XmlValues.duration("x", "P1Y")).isEqualTo(Duration.ofDays(365));
        assertThat(XmlValues.dateTime("x", "0001-01-01T00:00:00Z")).isNull();
        assertThat(XmlValues.dateTime("x", "2024-01-01T00:00:00")).isEqualTo(OffsetDateTime.parse("2024-01-01T00:00Z"));
        assertThatThrownBy(() -> XmlValues.duration("LockDuration", "soon"))
                .hasMessageContaining("LockDuration").hasMessageContaining("soon");
    }

    @Test
    void forwardTargetsBecomeNamesAndNamesBecomeUrls() {
        assertThat(DescriptionXml.entityName("https://host:5300/a/b?api-version=1")).isEqualTo("a/b");
        assertThat(DescriptionXml.entityName("sb://host/q/")).isEqualTo("q");
        assertThat(DescriptionXml.entityName("plain")).isEqualTo("plain");
        assertThat(DescriptionXml.forwardUrl("q2", "contoso.servicebus.windows.net"))
                .isEqualTo("https://contoso.servicebus.windows.net/q2");
        assertThat(DescriptionXml.forwardUrl("sb://other/q", "h")).isEqualTo("sb://other/q");
    }

    private static Element description(byte[] entry) {
        return AtomDocument.entry(entry).description();
    }
}
