package dev.omnibus.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceExistsException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.models.CorrelationRuleFilter;
import com.azure.messaging.servicebus.administration.models.CreateQueueOptions;
import com.azure.messaging.servicebus.administration.models.CreateRuleOptions;
import com.azure.messaging.servicebus.administration.models.CreateSubscriptionOptions;
import com.azure.messaging.servicebus.administration.models.CreateTopicOptions;
import com.azure.messaging.servicebus.administration.models.EntityStatus;
import com.azure.messaging.servicebus.administration.models.FalseRuleFilter;
import com.azure.messaging.servicebus.administration.models.MessagingSku;
import com.azure.messaging.servicebus.administration.models.NamespaceProperties;
import com.azure.messaging.servicebus.administration.models.QueueProperties;
import com.azure.messaging.servicebus.administration.models.QueueRuntimeProperties;
import com.azure.messaging.servicebus.administration.models.RuleProperties;
import com.azure.messaging.servicebus.administration.models.SqlRuleAction;
import com.azure.messaging.servicebus.administration.models.SqlRuleFilter;
import com.azure.messaging.servicebus.administration.models.SubscriptionProperties;
import com.azure.messaging.servicebus.administration.models.SubscriptionRuntimeProperties;
import com.azure.messaging.servicebus.administration.models.TopicProperties;
import com.azure.messaging.servicebus.administration.models.TopicRuntimeProperties;
import com.azure.messaging.servicebus.administration.models.TrueRuleFilter;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official Java {@code ServiceBusAdministrationClient} 7.17.20 against a real server (HTTP and AMQP on random
 * ports, in memory). The client always calls {@code https://host/...} on 443; as in Microsoft's emulator sample, a
 * pipeline policy rewrites each request to {@code http} and the server's HTTP port. Nothing else is special.
 */
@Timeout(120)
class JavaAdminClientIT {
    private static OmnibusServer server;
    private static ServiceBusAdministrationClient admin;

    @BeforeAll
    static void start() {
        server = OmnibusServer.start(ServerOptions.ephemeral());
        admin = client(server.options().sasKey());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The emulator sample's client: its connection string plus the scheme-and-port rewrite. */
    static ServiceBusAdministrationClient client(String key) {
        return EmulatorAdminClient.create(server.httpPort(), "RootManageSharedAccessKey", key);
    }

    @Test
    void namespaceProperties() {
        NamespaceProperties ns = admin.getNamespaceProperties();

        assertThat(ns.getName()).isEqualTo("sbemulatorns");
        assertThat(ns.getMessagingSku()).isEqualTo(MessagingSku.STANDARD);
        assertThat(ns.getCreatedTime()).isNotNull();
    }

    @Test
    void queueCreateGetUpdateDelete() {
        QueueProperties created = admin.createQueue("java-orders", new CreateQueueOptions()
                .setLockDuration(Duration.ofSeconds(45)).setMaxDeliveryCount(7).setUserMetadata("a<b&c")
                .setDefaultMessageTimeToLive(Duration.ofDays(1)).setSessionRequired(true));

        assertThat(created.getName()).isEqualTo("java-orders");
        QueueProperties got = admin.getQueue("java-orders");
        assertThat(got.getLockDuration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(got.getMaxDeliveryCount()).isEqualTo(7);
        assertThat(got.getUserMetadata()).isEqualTo("a<b&c");
        assertThat(got.isSessionRequired()).isTrue();
        assertThat(got.getDefaultMessageTimeToLive()).isEqualTo(Duration.ofDays(1));
        assertThat(got.getStatus()).isEqualTo(EntityStatus.ACTIVE);
        assertThat(admin.getQueueExists("java-orders")).isTrue();

        got.setMaxDeliveryCount(3).setStatus(EntityStatus.SEND_DISABLED);
        QueueProperties updated = admin.updateQueue(got);
        assertThat(updated.getMaxDeliveryCount()).isEqualTo(3);
        assertThat(server.broker().namespace().getQueue("java-orders").orElseThrow().status())
                .isEqualTo(dev.omnibus.core.EntityStatus.SEND_DISABLED);

        admin.deleteQueue("java-orders");
        assertThat(admin.getQueueExists("java-orders")).isFalse();
        assertThatThrownBy(() -> admin.getQueue("java-orders")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void queueRuntimePropertiesCountMessages() {
        server.broker().namespace().createQueue(QueueDescription.builder("java-counted").build()).join();
        server.broker().namespace().queue("java-counted").send(List.of(
                IncomingMessage.builder(new byte[100]).build(), IncomingMessage.builder(new byte[50]).build())).join();

        QueueRuntimeProperties runtime = admin.getQueueRuntimeProperties("java-counted");

        assertThat(runtime.getName()).isEqualTo("java-counted");
        assertThat(runtime.getTotalMessageCount()).isEqualTo(2);
        assertThat(runtime.getActiveMessageCount()).isEqualTo(2);
        assertThat(runtime.getDeadLetterMessageCount()).isZero();
        assertThat(runtime.getSizeInBytes()).isPositive();
        assertThat(runtime.getCreatedAt()).isNotNull();
        assertThat(runtime.getAccessedAt()).isNotNull();
    }

    @Test
    void queueListPagesThroughMoreThanOneHundred() {
        IntStream.range(0, 105).forEach(i -> server.broker().namespace()
                .createQueue(QueueDescription.builder(String.format("java-page-%03d", i)).build()).join());

        List<String> names = admin.listQueues().stream().map(QueueProperties::getName)
                .filter(n -> n.startsWith("java-page-")).collect(Collectors.toList());

        assertThat(names).hasSize(105).doesNotHaveDuplicates();
    }

    @Test
    void forwardingTargetIsStoredByName() {
        admin.createQueue("java-target");
        admin.createQueue("java-forwarder", new CreateQueueOptions().setForwardTo("java-target"));

        assertThat(server.broker().namespace().getQueue("java-forwarder").orElseThrow().forwardTo())
                .isEqualTo("java-target");
        assertThat(admin.getQueue("java-forwarder").getForwardTo()).endsWith("/java-target");
    }

    @Test
    void errorsMapToTheSdksExceptions() {
        admin.createQueue("java-dup");

        assertThatThrownBy(() -> admin.createQueue("java-dup")).isInstanceOf(ResourceExistsException.class);
        assertThatThrownBy(() -> admin.getQueue("java-missing")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> admin.createQueue("java-bad", new CreateQueueOptions()
                .setLockDuration(Duration.ofSeconds(1))))
                .isInstanceOf(HttpResponseException.class)
                .satisfies(e -> assertThat(((HttpResponseException) e).getResponse().getStatusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client("wrong-key").getQueue("java-dup"))
                .isInstanceOf(ClientAuthenticationException.class);
    }

    @Test
    void topicSubscriptionAndRuleLifecycle() {
        TopicProperties topic = admin.createTopic("java-events", new CreateTopicOptions()
                .setDefaultMessageTimeToLive(Duration.ofHours(1)).setMaxSizeInMegabytes(2048));
        assertThat(topic.getName()).isEqualTo("java-events");
        topic.setUserMetadata("topic meta");
        assertThat(admin.updateTopic(topic).getUserMetadata()).isEqualTo("topic meta");
        assertThat(admin.getTopic("java-events").getMaxSizeInMegabytes()).isEqualTo(2048);
        assertThat(admin.listTopics().stream().map(TopicProperties::getName)).contains("java-events");

        SubscriptionProperties sub = admin.createSubscription("java-events", "audit", "big",
                new CreateSubscriptionOptions().setLockDuration(Duration.ofSeconds(30)),
                new CreateRuleOptions(new SqlRuleFilter("amount > 100")).setAction(new SqlRuleAction("SET high = 'yes'")));
        assertThat(sub.getSubscriptionName()).isEqualTo("audit");
        assertThat(sub.getTopicName()).isEqualTo("java-events");
        admin.createSubscription("java-events", "plain");

        SubscriptionProperties plain = admin.getSubscription("java-events", "plain");
        plain.setMaxDeliveryCount(4);
        assertThat(admin.updateSubscription(plain).getMaxDeliveryCount()).isEqualTo(4);
        assertThat(admin.listSubscriptions("java-events").stream().map(SubscriptionProperties::getSubscriptionName))
                .containsExactlyInAnyOrder("audit", "plain");
        SubscriptionRuntimeProperties subRuntime = admin.getSubscriptionRuntimeProperties("java-events", "plain");
        assertThat(subRuntime.getTotalMessageCount()).isZero();
        assertThat(admin.getTopicRuntimeProperties("java-events").getSubscriptionCount()).isEqualTo(2);

        List<RuleProperties> auditRules = admin.listRules("java-events", "audit").stream().collect(Collectors.toList());
        assertThat(auditRules).extracting(RuleProperties::getName).containsExactly("big");
        assertThat(((SqlRuleFilter) auditRules.get(0).getFilter()).getSqlExpression()).isEqualTo("amount > 100");
        assertThat(((SqlRuleAction) auditRules.get(0).getAction()).getSqlExpression()).isEqualTo("SET high = 'yes'");
        RuleProperties defaultRule = admin.getRule("java-events", "plain", "$Default");
        assertThat(defaultRule.getFilter()).isInstanceOf(TrueRuleFilter.class);

        CorrelationRuleFilter correlation = new CorrelationRuleFilter().setCorrelationId("c-1").setLabel("orders");
        correlation.getProperties().put("color", "red");
        // Java's four-argument createRule takes the rule name before the subscription name.
        admin.createRule("java-events", "corr", "plain", new CreateRuleOptions(correlation));
        RuleProperties corr = admin.getRule("java-events", "plain", "corr");
        assertThat(corr.getName()).isEqualTo("corr");
        assertThat(((CorrelationRuleFilter) corr.getFilter()).getCorrelationId()).isEqualTo("c-1");
        assertThat(((CorrelationRuleFilter) corr.getFilter()).getProperties()).containsEntry("color", "red");
        corr.setFilter(new FalseRuleFilter());
        assertThat(admin.updateRule("java-events", "plain", corr).getFilter()).isInstanceOf(FalseRuleFilter.class);
        assertThatThrownBy(() -> admin.createRule("java-events", "corr", "plain", new CreateRuleOptions()))
                .isInstanceOf(ResourceExistsException.class);
        assertThatThrownBy(() -> admin.createRule("java-events", "bad", "plain",
                new CreateRuleOptions(new SqlRuleFilter("a = = 1"))))
                .isInstanceOf(HttpResponseException.class).hasMessageContaining("SQL filter expression is invalid");
        admin.deleteRule("java-events", "plain", "corr");
        assertThat(admin.listRules("java-events", "plain").stream().map(RuleProperties::getName))
                .containsExactly("$Default");

        admin.deleteSubscription("java-events", "audit");
        assertThat(admin.getSubscriptionExists("java-events", "audit")).isFalse();
        admin.deleteTopic("java-events");
        assertThat(admin.getTopicExists("java-events")).isFalse();
    }

    @Test
    void everyQueueOptionIsStoredAndReadBack() {
        admin.createQueue("java-q-target");
        admin.createQueue("java-q-full", new CreateQueueOptions().setLockDuration(Duration.ofSeconds(20))
                .setMaxSizeInMegabytes(2048).setDuplicateDetectionRequired(true)
                .setDuplicateDetectionHistoryTimeWindow(Duration.ofMinutes(3)).setDefaultMessageTimeToLive(Duration.ofHours(5))
                .setDeadLetteringOnMessageExpiration(true).setMaxDeliveryCount(4).setBatchedOperationsEnabled(false)
                .setAutoDeleteOnIdle(Duration.ofHours(7)).setForwardDeadLetteredMessagesTo("java-q-target")
                .setMaxMessageSizeInKilobytes(512).setUserMetadata("all options").setStatus(EntityStatus.SEND_DISABLED));

        QueueProperties got = admin.getQueue("java-q-full");
        assertThat(got.getLockDuration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(got.getMaxSizeInMegabytes()).isEqualTo(2048);
        assertThat(got.isDuplicateDetectionRequired()).isTrue();
        assertThat(got.getDuplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofMinutes(3));
        assertThat(got.getDefaultMessageTimeToLive()).isEqualTo(Duration.ofHours(5));
        assertThat(got.isDeadLetteringOnMessageExpiration()).isTrue();
        assertThat(got.getMaxDeliveryCount()).isEqualTo(4);
        assertThat(got.isBatchedOperationsEnabled()).isFalse();
        assertThat(got.getAutoDeleteOnIdle()).isEqualTo(Duration.ofHours(7));
        assertThat(got.getForwardDeadLetteredMessagesTo()).endsWith("/java-q-target");
        assertThat(got.getMaxMessageSizeInKilobytes()).isEqualTo(512);
        assertThat(got.getUserMetadata()).isEqualTo("all options");
        assertThat(got.getStatus()).isEqualTo(EntityStatus.SEND_DISABLED);
        QueueDescription onBroker = server.broker().namespace().getQueue("java-q-full").orElseThrow();
        assertThat(onBroker.forwardDeadLetteredMessagesTo()).isEqualTo("java-q-target");
        assertThat(onBroker.maxMessageSizeInKilobytes()).isEqualTo(512);
    }

    @Test
    void everyTopicAndSubscriptionOptionIsStoredAndReadBack() {
        admin.createQueue("java-sub-target");
        admin.createTopic("java-t-full", new CreateTopicOptions().setDefaultMessageTimeToLive(Duration.ofHours(2))
                .setMaxSizeInMegabytes(3072).setMaxMessageSizeInKilobytes(1024).setDuplicateDetectionRequired(true)
                .setDuplicateDetectionHistoryTimeWindow(Duration.ofMinutes(4)).setAutoDeleteOnIdle(Duration.ofDays(2))
                .setOrderingSupported(true).setPartitioningEnabled(true).setBatchedOperationsEnabled(false)
                .setUserMetadata("topic options").setStatus(EntityStatus.ACTIVE));
        admin.createSubscription("java-t-full", "full", new CreateSubscriptionOptions()
                .setLockDuration(Duration.ofSeconds(40)).setMaxDeliveryCount(6).setSessionRequired(true)
                .setDefaultMessageTimeToLive(Duration.ofMinutes(30)).setDeadLetteringOnMessageExpiration(true)
                .setEnableDeadLetteringOnFilterEvaluationExceptions(false).setForwardDeadLetteredMessagesTo("java-sub-target")
                .setAutoDeleteOnIdle(Duration.ofHours(9)).setUserMetadata("sub options")
                .setStatus(EntityStatus.RECEIVE_DISABLED));
        admin.createSubscription("java-t-full", "onward", new CreateSubscriptionOptions().setForwardTo("java-sub-target"));

        TopicProperties topic = admin.getTopic("java-t-full");
        assertThat(topic.getDefaultMessageTimeToLive()).isEqualTo(Duration.ofHours(2));
        assertThat(topic.getMaxSizeInMegabytes()).isEqualTo(3072);
        assertThat(topic.getMaxMessageSizeInKilobytes()).isEqualTo(1024);
        assertThat(topic.isDuplicateDetectionRequired()).isTrue();
        assertThat(topic.getDuplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofMinutes(4));
        assertThat(topic.getAutoDeleteOnIdle()).isEqualTo(Duration.ofDays(2));
        assertThat(topic.isOrderingSupported()).isTrue();
        assertThat(topic.isPartitioningEnabled()).isTrue();
        assertThat(topic.isBatchedOperationsEnabled()).isFalse();
        assertThat(topic.getUserMetadata()).isEqualTo("topic options");
        SubscriptionProperties full = admin.getSubscription("java-t-full", "full");
        assertThat(full.getLockDuration()).isEqualTo(Duration.ofSeconds(40));
        assertThat(full.getMaxDeliveryCount()).isEqualTo(6);
        assertThat(full.isSessionRequired()).isTrue();
        assertThat(full.getDefaultMessageTimeToLive()).isEqualTo(Duration.ofMinutes(30));
        assertThat(full.isDeadLetteringOnMessageExpiration()).isTrue();
        assertThat(full.isDeadLetteringOnFilterEvaluationExceptions()).isFalse();
        assertThat(full.getForwardDeadLetteredMessagesTo()).endsWith("/java-sub-target");
        assertThat(full.getAutoDeleteOnIdle()).isEqualTo(Duration.ofHours(9));
        assertThat(full.getUserMetadata()).isEqualTo("sub options");
        assertThat(full.getStatus()).isEqualTo(EntityStatus.RECEIVE_DISABLED);
        assertThat(admin.getSubscription("java-t-full", "onward").getForwardTo()).endsWith("/java-sub-target");
        dev.omnibus.core.SubscriptionDescription onBroker = server.broker().namespace()
                .getSubscription("java-t-full", "onward").orElseThrow();
        assertThat(onBroker.forwardTo()).isEqualTo("java-sub-target");

        full.setLockDuration(Duration.ofMinutes(1)).setStatus(EntityStatus.ACTIVE);
        SubscriptionProperties updated = admin.updateSubscription(full);
        assertThat(updated.getLockDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(updated.getStatus()).isEqualTo(EntityStatus.ACTIVE);
        assertThat(updated.getMaxDeliveryCount()).as("untouched properties are kept").isEqualTo(6);
    }

    @Test
    void topicAndSubscriptionRuntimePropertiesCountWhatArrived() {
        admin.createTopic("java-t-counted");
        admin.createSubscription("java-t-counted", "a");
        admin.createSubscription("java-t-counted", "b");
        server.broker().namespace().queue("java-t-counted").send(List.of(IncomingMessage.builder(new byte[10]).build(),
                IncomingMessage.builder(new byte[20]).build(), IncomingMessage.builder(new byte[30]).build())).join();

        SubscriptionRuntimeProperties a = admin.getSubscriptionRuntimeProperties("java-t-counted", "a");
        assertThat(a.getTopicName()).isEqualTo("java-t-counted");
        assertThat(a.getSubscriptionName()).isEqualTo("a");
        assertThat(a.getActiveMessageCount()).isEqualTo(3);
        assertThat(a.getTotalMessageCount()).isEqualTo(3);
        assertThat(a.getDeadLetterMessageCount()).isZero();
        assertThat(a.getCreatedAt()).isNotNull();
        TopicRuntimeProperties topic = admin.getTopicRuntimeProperties("java-t-counted");
        assertThat(topic.getName()).isEqualTo("java-t-counted");
        assertThat(topic.getSubscriptionCount()).isEqualTo(2);
        assertThat(topic.getSizeInBytes()).isPositive();
        assertThat(topic.getCreatedAt()).isNotNull();
        assertThat(admin.getSubscriptionRuntimeProperties("java-t-counted", "b").getActiveMessageCount())
                .isEqualTo(3);
    }

    @Test
    void subscriptionAndRuleListsPageThroughMoreThanOneHundred() {
        admin.createTopic("java-t-paged");
        IntStream.range(0, 105).forEach(i -> server.broker().namespace().createSubscription(
                dev.omnibus.core.SubscriptionDescription.builder("java-t-paged", String.format("s%03d", i)).build(),
                null).join());
        IntStream.range(0, 104).forEach(i -> server.broker().namespace().createRule("java-t-paged", "s000",
                new dev.omnibus.core.filter.Rule(String.format("r%03d", i),
                        dev.omnibus.core.filter.SqlFilter.parse("n = " + i))).join());

        assertThat(admin.listSubscriptions("java-t-paged").stream().map(SubscriptionProperties::getSubscriptionName))
                .hasSize(105).doesNotHaveDuplicates();
        assertThat(admin.listRules("java-t-paged", "s000").stream().map(RuleProperties::getName))
                .hasSize(105).doesNotHaveDuplicates().contains("$Default", "r000", "r103");
    }
}
