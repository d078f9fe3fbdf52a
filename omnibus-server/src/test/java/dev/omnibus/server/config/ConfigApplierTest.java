package dev.omnibus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.core.Broker;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.RuleInfo;
import dev.omnibus.core.SubQueue;
import dev.omnibus.core.filter.SqlFilter;
import dev.omnibus.core.filter.SqlRuleAction;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.ManualTimeSource;
import dev.omnibus.server.config.ConfigApplier.Mode;
import dev.omnibus.server.config.ConfigApplier.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ConfigApplierTest {
    private final Broker broker = Broker.open(new InMemoryMessageStore(), new ManualTimeSource(), Runnable::run);
    private final Namespace namespace = broker.namespace();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void createsEveryEntityOfTheSample() {
        Result result = apply(ConfigLoader.loadResource("/config/emulator-sample.json"), Mode.CREATE_OR_UPDATE);

        assertThat(result.created()).containsExactly("topic.1", "queue.1", "topic.1/Subscriptions/subscription.1",
                "topic.1/Subscriptions/subscription.2", "topic.1/Subscriptions/subscription.3",
                "topic.1/Subscriptions/subscription.4");
        assertThat(namespace.getQueue("queue.1")).get()
                .satisfies(d -> assertThat(d.maxDeliveryCount()).isEqualTo(3));
        assertThat(namespace.getTopic("topic.1")).get()
                .satisfies(t -> assertThat(t.defaultMessageTimeToLive()).isEqualTo(Duration.ofHours(1)));
        assertThat(namespace.listRules("topic.1", "subscription.1")).extracting(RuleInfo::name)
                .containsExactly("app-prop-filter-1");
        assertThat(namespace.listRules("topic.1", "subscription.3")).extracting(RuleInfo::name)
                .containsExactly("$Default");
        assertThat(namespace.listRules("topic.1", "subscription.4")).singleElement()
                .satisfies(r -> assertThat(r.rule().action()).isEqualTo(SqlRuleAction.parse("SET sys.To = 'Entity'")));
    }

    @Test
    void theSamplesRulesRouteMessagesAsTheEmulatorDocumentsThem() {
        apply(ConfigLoader.loadResource("/config/emulator-sample.json"), Mode.CREATE_OR_UPDATE);

        namespace.endpoint("topic.1", SubQueue.NONE).send(List.of(
                message("json").contentType("application/json").build(),
                message("prop1").applicationProperties(Map.of("prop1", "value1")).build(),
                message("123456").applicationProperties(Map.of("userProp1", "value1")).build(),
                message("almost").applicationProperties(Map.of("userProp1", "other")).build())).join();

        assertThat(ids("subscription.1")).containsExactly("json");
        assertThat(ids("subscription.2")).containsExactly("prop1");
        assertThat(ids("subscription.3")).containsExactly("json", "prop1", "123456", "almost");
        assertThat(ids("subscription.4")).containsExactly("123456");
        MessageMeta routed = peek("subscription.4").get(0).meta();
        assertThat(routed.properties().to()).isEqualTo("Entity");
        assertThat(routed.propertyChanges()).containsEntry("$sys.To", "Entity")
                .containsEntry("RuleName", "sql-filter-1");
    }

    @Test
    void reapplyingTheSameFileChangesNothing() {
        EmulatorConfig sample = ConfigLoader.loadResource("/config/emulator-sample.json");
        apply(sample, Mode.CREATE_OR_UPDATE);

        Result again = apply(sample, Mode.CREATE_OR_UPDATE);

        assertThat(again.created()).isEmpty();
        assertThat(again.updated()).isEmpty();
        assertThat(again.unchanged()).hasSize(6);
    }

    @Test
    void anUpdatedFileBringsTheSubscriptionAndItsRulesToWhatItDeclares() {
        apply(topics("""
                {"Name": "s", "Properties": {"MaxDeliveryCount": 3}, "Rules": [
                  {"Name": "keep", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "a = 1"}}},
                  {"Name": "change", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "b = 1"}}},
                  {"Name": "drop", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "c = 1"}}}]}"""),
                Mode.CREATE_OR_UPDATE);
        Instant keptSince = namespace.listRules("t", "s").get(0).createdAt();

        Result result = apply(topics("""
                {"Name": "s", "Properties": {"MaxDeliveryCount": 5}, "Rules": [
                  {"Name": "keep", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "a = 1"}}},
                  {"Name": "Change", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "b = 2"},
                    "Action": {"SqlExpression": "SET x = 1"}}},
                  {"Name": "new", "Properties": {"FilterType": "Correlation",
                    "CorrelationFilter": {"Label": "L"}}}]}"""), Mode.CREATE_OR_UPDATE);

        assertThat(result.updated()).containsExactly("t/Subscriptions/s");
        assertThat(namespace.getSubscription("t", "s").orElseThrow().maxDeliveryCount()).isEqualTo(5);
        List<RuleInfo> rules = namespace.listRules("t", "s");
        assertThat(rules).extracting(RuleInfo::name).containsExactly("keep", "change", "new");
        assertThat(rules.get(0).createdAt()).isEqualTo(keptSince);
        assertThat(rules.get(1).rule().filter()).isEqualTo(SqlFilter.parse("b = 2"));
        assertThat(rules.get(1).rule().action()).isEqualTo(SqlRuleAction.parse("SET x = 1"));
    }

    @Test
    void declaringRulesLaterReplacesTheDefaultRule() {
        apply(topics("{\"Name\": \"s\"}"), Mode.CREATE_OR_UPDATE);

        apply(topics("""
                {"Name": "s", "Rules": [{"Name": "only", "Properties": {"FilterType": "Correlation",
                  "CorrelationFilter": {"ContentType": "application/json"}}}]}"""), Mode.CREATE_OR_UPDATE);

        assertThat(namespace.listRules("t", "s")).extracting(RuleInfo::name).containsExactly("only");
    }

    @Test
    void createOnlyNeverTouchesAnExistingSubscription() {
        apply(topics("{\"Name\": \"s\", \"Properties\": {\"MaxDeliveryCount\": 3}}"), Mode.CREATE_OR_UPDATE);

        Result result = apply(topics("""
                {"Name": "s", "Properties": {"MaxDeliveryCount": 9}, "Rules": [{"Name": "r", "Properties":
                  {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "1=0"}}}]}"""), Mode.CREATE_ONLY);

        assertThat(result.unchanged()).containsExactly("t", "t/Subscriptions/s");
        assertThat(namespace.getSubscription("t", "s").orElseThrow().maxDeliveryCount()).isEqualTo(3);
        assertThat(namespace.listRules("t", "s")).extracting(RuleInfo::name).containsExactly("$Default");
    }

    @Test
    void aSubscriptionMayForwardToAQueueDeclaredLaterInTheFile() {
        apply(ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns",
                  "Topics": [{"Name": "t", "Subscriptions": [{"Name": "s", "Properties": {"ForwardTo": "q"}}]}],
                  "Queues": [{"Name": "q"}]}]}}"""), Mode.CREATE_OR_UPDATE);

        namespace.endpoint("t", SubQueue.NONE).send(List.of(message("m").build())).join();

        assertThat(namespace.queue("q").peek(0, 10).join()).extracting(m -> m.meta().messageId())
                .containsExactly("m");
    }

    @Test
    void refusesASubscriptionForwardTargetThatExistsNowhere() {
        assertThatThrownBy(() -> apply(topics(
                "{\"Name\": \"s\", \"Properties\": {\"ForwardDeadLetteredMessagesTo\": \"nowhere\"}}"),
                Mode.CREATE_OR_UPDATE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("UserConfig.Namespaces[0].Topics[0].Subscriptions[0].Properties."
                        + "ForwardDeadLetteredMessagesTo: 'nowhere' is neither declared in this file nor an existing "
                        + "queue or topic");
        assertThat(namespace.listTopics()).isEmpty();
    }

    @Test
    void createsForwardTargetsFirstWhateverTheirPlaceInTheFile() {
        Result result = apply(config("""
                {"Name": "a", "Properties": {"ForwardTo": "b"}},
                {"Name": "b", "Properties": {"ForwardTo": "c", "ForwardDeadLetteredMessagesTo": "a"}},
                {"Name": "c"}"""), Mode.CREATE_OR_UPDATE);

        assertThat(result.created()).containsExactly("c", "b", "a");
        assertThat(namespace.getQueue("a").orElseThrow().forwardTo()).isEqualTo("b");
    }

    @Test
    void updatesAQueueWhoseDefinitionDiffers() {
        apply(config("{\"Name\": \"q\", \"Properties\": {\"MaxDeliveryCount\": 3}}"), Mode.CREATE_OR_UPDATE);

        Result result = apply(config("{\"Name\": \"Q\", \"Properties\": {\"MaxDeliveryCount\": 5}}"),
                Mode.CREATE_OR_UPDATE);

        assertThat(result.updated()).containsExactly("q");
        assertThat(namespace.getQueue("q").orElseThrow().maxDeliveryCount()).isEqualTo(5);
    }

    @Test
    void leavesAnIdenticalQueueUntouched() {
        EmulatorConfig config = config("{\"Name\": \"q\", \"Properties\": {\"LockDuration\": \"PT30S\"}}");
        apply(config, Mode.CREATE_OR_UPDATE);
        QueueDescription before = namespace.getQueue("q").orElseThrow();

        Result result = apply(config, Mode.CREATE_OR_UPDATE);

        assertThat(result.unchanged()).containsExactly("q");
        assertThat(namespace.getQueue("q").orElseThrow().updatedAt()).isEqualTo(before.updatedAt());
    }

    @Test
    void createOnlyNeverOverridesAnExistingQueue() {
        namespace.createQueue(QueueDescription.builder("queue.1").maxDeliveryCount(7).build()).join();

        Result result = apply(ConfigLoader.loadResource("/config/emulator-sample.json"), Mode.CREATE_ONLY);

        assertThat(result.unchanged()).containsExactly("queue.1");
        assertThat(namespace.getQueue("queue.1").orElseThrow().maxDeliveryCount()).isEqualTo(7);
    }

    @Test
    void leavesQueuesTheFileDoesNotMention() {
        namespace.createQueue(QueueDescription.builder("made-at-runtime").build()).join();

        apply(config("{\"Name\": \"q\"}"), Mode.CREATE_OR_UPDATE);

        assertThat(namespace.hasQueue("made-at-runtime")).isTrue();
    }

    @Test
    void mayForwardToAnExistingQueueNotInTheFile() {
        namespace.createQueue(QueueDescription.builder("existing").build()).join();

        apply(config("{\"Name\": \"q\", \"Properties\": {\"ForwardTo\": \"existing\"}}"), Mode.CREATE_OR_UPDATE);

        assertThat(namespace.getQueue("q").orElseThrow().forwardTo()).isEqualTo("existing");
    }

    @Test
    void refusesAForwardTargetThatExistsNowhere() {
        assertThatThrownBy(() -> apply(
                config("{\"Name\": \"q\", \"Properties\": {\"ForwardDeadLetteredMessagesTo\": \"nowhere\"}}"),
                Mode.CREATE_OR_UPDATE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("UserConfig.Namespaces[0].Queues[0].Properties.ForwardDeadLetteredMessagesTo: "
                        + "'nowhere' is neither declared in this file nor an existing queue or topic");
        assertThat(namespace.hasQueue("q")).isFalse();
    }

    @Test
    void refusesAForwardingLoop() {
        assertThatThrownBy(() -> apply(config("""
                {"Name": "a", "Properties": {"ForwardTo": "b"}},
                {"Name": "b", "Properties": {"ForwardTo": "a"}}"""), Mode.CREATE_OR_UPDATE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("UserConfig.Namespaces[0].Queues[0].Properties.ForwardTo: "
                        + "ForwardTo makes a loop: a -> b -> a");
        assertThat(namespace.listQueues()).isEmpty();
    }

    @Test
    void anImmutableChangeIsAConfigErrorNamingTheQueue() {
        namespace.createQueue(QueueDescription.builder("q").build()).join();

        assertThatThrownBy(() -> apply(
                config("{\"Name\": \"q\", \"Properties\": {\"RequiresSession\": true}}"), Mode.CREATE_OR_UPDATE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("UserConfig.Namespaces[0].Queues[0]: cannot apply queue 'q': ")
                .hasMessageContaining("RequiresSession");
    }

    @Test
    void createsEveryNamespaceWithItsOwnEntitiesUnderTheSameNames() {
        Map<String, Result> results = ConfigApplier.apply(ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [
                  {"Name": "sbemulatorns", "Queues": [{"Name": "q", "Properties": {"MaxDeliveryCount": 3}}]},
                  {"Name": "orders", "Queues": [{"Name": "q", "Properties": {"MaxDeliveryCount": 7}},
                                                {"Name": "fwd", "Properties": {"ForwardTo": "q"}}],
                   "Topics": [{"Name": "t", "Subscriptions": [{"Name": "s"}]}]}]}}"""), broker,
                Mode.CREATE_OR_UPDATE);

        assertThat(results.keySet()).containsExactly("sbemulatorns", "orders");
        assertThat(results.get("orders").created()).containsExactly("t", "q", "fwd", "t/Subscriptions/s");
        Namespace orders = broker.findNamespace("orders").orElseThrow();
        assertThat(namespace.getQueue("q").orElseThrow().maxDeliveryCount()).isEqualTo(3);
        assertThat(orders.getQueue("q").orElseThrow().maxDeliveryCount()).isEqualTo(7);
        assertThat(orders.getQueue("fwd").orElseThrow().forwardTo()).isEqualTo("q");
        assertThat(namespace.getTopic("t")).isEmpty();
        assertThat(broker.namespaceForHost("orders.localhost")).isSameAs(orders);
    }

    @Test
    void forwardTargetsAreLookedUpInTheirOwnNamespaceBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> ConfigApplier.apply(ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [
                  {"Name": "sbemulatorns", "Queues": [{"Name": "target"}]},
                  {"Name": "orders", "Queues": [{"Name": "q", "Properties": {"ForwardTo": "target"}}]}]}}"""),
                broker, Mode.CREATE_OR_UPDATE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("UserConfig.Namespaces[1].Queues[0].Properties.ForwardTo: "
                        + "'target' is neither declared in this file nor an existing queue or topic");
        assertThat(namespace.hasQueue("target")).isFalse();
        assertThat(broker.findNamespace("orders")).isEmpty();
    }

    @Test
    void comparesDefinitionsIgnoringTimestampsAndNameCase() {
        QueueDescription stored = QueueDescription.builder("Orders").lockDuration(Duration.ofSeconds(30))
                .createdAt(java.time.Instant.ofEpochSecond(5)).build();

        assertThat(ConfigApplier.sameDefinition(stored,
                QueueDescription.builder("orders").lockDuration(Duration.ofSeconds(30)).build())).isTrue();
        assertThat(ConfigApplier.sameDefinition(stored, QueueDescription.builder("orders").build())).isFalse();
    }

    /** Applies a file through the broker, as the server does, and returns what changed in the default namespace. */
    private Result apply(EmulatorConfig config, Mode mode) {
        return ConfigApplier.apply(config, broker, mode).get(namespace.name());
    }

    private static IncomingMessage.Builder message(String messageId) {
        return IncomingMessage.builder(messageId.getBytes(StandardCharsets.UTF_8)).messageId(messageId);
    }

    private List<ReceivedMessage> peek(String subscription) {
        return namespace.endpoint("topic.1/Subscriptions/" + subscription, SubQueue.NONE).peek(0, 100).join();
    }

    private List<String> ids(String subscription) {
        return peek(subscription).stream().map(m -> m.meta().messageId()).toList();
    }

    /** A file with topic {@code t} and the given subscriptions. */
    private static EmulatorConfig topics(String subscriptions) {
        return ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns",
                  "Topics": [{"Name": "t", "Subscriptions": [%s]}]}]}}""".formatted(subscriptions));
    }

    private static EmulatorConfig config(String queues) {
        return ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns", "Queues": [%s]}]}}""".formatted(queues));
    }
}
