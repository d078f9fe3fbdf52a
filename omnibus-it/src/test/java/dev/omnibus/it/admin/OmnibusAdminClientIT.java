package dev.omnibus.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.admin.ServiceBusAdministrationClient;
import dev.omnibus.client.admin.ServiceBusAdministrationClientBuilder;
import dev.omnibus.client.admin.models.CorrelationRuleFilter;
import dev.omnibus.client.admin.models.CreateQueueOptions;
import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.CreateSubscriptionOptions;
import dev.omnibus.client.admin.models.CreateTopicOptions;
import dev.omnibus.client.admin.models.EmptyRuleAction;
import dev.omnibus.client.admin.models.EntityStatus;
import dev.omnibus.client.admin.models.FalseRuleFilter;
import dev.omnibus.client.admin.models.NamespaceProperties;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.admin.models.QueueRuntimeProperties;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SqlRuleAction;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.admin.models.SubscriptionProperties;
import dev.omnibus.client.admin.models.SubscriptionRuntimeProperties;
import dev.omnibus.client.admin.models.TopicProperties;
import dev.omnibus.client.admin.models.TopicRuntimeProperties;
import dev.omnibus.client.admin.models.TrueRuleFilter;
import dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.exceptions.ServiceBusAuthorizationException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Omnibus {@link ServiceBusAdministrationClient} against a real server (in memory, random ports). The admin
 * client gets the emulator-style connection string with the HTTP port in its endpoint, exactly what a user writes;
 * the AMQP client (to check that what the admin client made really works) gets the server's own connection string.
 */
@Timeout(120)
class OmnibusAdminClientIT {
    private static OmnibusServer server;
    private static ServiceBusAdministrationClient admin;
    private static ServiceBusClient client;

    @BeforeAll
    static void start() {
        server = OmnibusServer.start(ServerOptions.ephemeral());
        admin = ServiceBusAdministrationClient.fromConnectionString(adminConnectionString(server.options().sasKey()));
        client = ServiceBusClient.builder().connectionString(server.connectionString())
                .retryOptions(RetryOptions.defaults().maxRetries(1).tryTimeout(Duration.ofSeconds(10))).buildClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String adminConnectionString(String key) {
        return ConnectionString.forEmulator("127.0.0.1", server.httpPort(), server.options().sasKeyName(), key);
    }

    @Test
    void createGetUpdateAndDeleteAQueueWithEveryOption() {
        CreateQueueOptions options = new CreateQueueOptions().setLockDuration(Duration.ofSeconds(45))
                .setMaxSizeInMegabytes(2048).setDefaultMessageTimeToLive(Duration.ofHours(2))
                .setMaxDeliveryCount(4).setRequiresDuplicateDetection(true)
                .setDuplicateDetectionHistoryTimeWindow(Duration.ofMinutes(2))
                .setDeadLetteringOnMessageExpiration(true).setAutoDeleteOnIdle(Duration.ofHours(3))
                .setEnableBatchedOperations(false).setMaxMessageSizeInKilobytes(512L)
                .setUserMetadata("orders of the day");
        admin.createQueue("adm-target");

        QueueProperties created = admin.createQueue("adm-q1", options.setForwardDeadLetteredMessagesTo("adm-target"));

        assertThat(created.getName()).isEqualTo("adm-q1");
        QueueProperties got = admin.getQueue("adm-q1");
        assertThat(got.getLockDuration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(got.getMaxSizeInMegabytes()).isEqualTo(2048);
        assertThat(got.getDefaultMessageTimeToLive()).isEqualTo(Duration.ofHours(2));
        assertThat(got.getMaxDeliveryCount()).isEqualTo(4);
        assertThat(got.isDuplicateDetectionRequired()).isTrue();
        assertThat(got.getDuplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(got.isDeadLetteringOnMessageExpiration()).isTrue();
        assertThat(got.getAutoDeleteOnIdle()).isEqualTo(Duration.ofHours(3));
        assertThat(got.isBatchedOperationsEnabled()).isFalse();
        assertThat(got.getMaxMessageSizeInKilobytes()).isEqualTo(512L);
        assertThat(got.getUserMetadata()).isEqualTo("orders of the day");
        assertThat(got.getForwardDeadLetteredMessagesTo()).isEqualTo("adm-target");
        assertThat(got.getStatus()).isEqualTo(EntityStatus.ACTIVE);

        QueueProperties updated = admin.updateQueue(got.setMaxDeliveryCount(8).setStatus(EntityStatus.SEND_DISABLED)
                .setUserMetadata(null));

        assertThat(updated.getMaxDeliveryCount()).isEqualTo(8);
        assertThat(admin.getQueue("adm-q1").getStatus()).isEqualTo(EntityStatus.SEND_DISABLED);
        assertThat(admin.getQueue("adm-q1").getUserMetadata()).isNull();
        assertThat(admin.getQueue("adm-q1").isDuplicateDetectionRequired()).isTrue();

        admin.deleteQueue("adm-q1");
        assertThat(admin.queueExists("adm-q1")).isFalse();
        assertThatThrownBy(() -> admin.getQueue("adm-q1")).isInstanceOf(MessagingEntityNotFoundException.class);
    }

    @Test
    void sessionAndForwardingQueuesBehaveAsCreated() {
        admin.createQueue("adm-fwd-target");
        QueueProperties forwarder = admin.createQueue("adm-fwd", new CreateQueueOptions().setForwardTo("adm-fwd-target"));
        QueueProperties sessions = admin.createQueue("adm-sessions", new CreateQueueOptions().setRequiresSession(true));

        assertThat(forwarder.getForwardTo()).isEqualTo("adm-fwd-target");
        assertThat(admin.getQueue("adm-fwd").getForwardTo()).isEqualTo("adm-fwd-target");
        assertThat(sessions.isSessionRequired()).isTrue();
        try (ServiceBusSender toForwarder = client.getQueueSender("adm-fwd");
             ServiceBusReceiver target = client.getQueueReceiver("adm-fwd-target")) {
            toForwarder.sendMessages(List.of(new ServiceBusMessage("moved on")));
            assertThat(target.receiveMessages(1, Duration.ofSeconds(10))).singleElement()
                    .satisfies(m -> assertThat(m.getBodyAsString()).isEqualTo("moved on"));
        }
        try (ServiceBusSender toSessions = client.getQueueSender("adm-sessions")) {
            assertThatThrownBy(() -> toSessions.sendMessages(List.of(new ServiceBusMessage("no session"))))
                    .isInstanceOf(ServiceBusException.class).hasMessageContaining("SessionId");
        }
        admin.updateQueue(admin.getQueue("adm-fwd").setForwardTo(null));
        assertThat(admin.getQueue("adm-fwd").getForwardTo()).isNull();
    }

    @Test
    void everyTopicAndSubscriptionOptionIsStoredAndReadBack() {
        admin.createQueue("adm-sub-target");
        TopicProperties topic = admin.createTopic("adm-t-opts", new CreateTopicOptions()
                .setDefaultMessageTimeToLive(Duration.ofHours(2)).setMaxSizeInMegabytes(3072)
                .setRequiresDuplicateDetection(true).setDuplicateDetectionHistoryTimeWindow(Duration.ofMinutes(4))
                .setEnableBatchedOperations(false).setSupportOrdering(true).setAutoDeleteOnIdle(Duration.ofDays(2))
                .setEnablePartitioning(true).setUserMetadata("topic options").setMaxMessageSizeInKilobytes(1024L));
        SubscriptionProperties sub = admin.createSubscription("adm-t-opts", "full", new CreateSubscriptionOptions()
                .setLockDuration(Duration.ofSeconds(40)).setRequiresSession(true)
                .setDefaultMessageTimeToLive(Duration.ofMinutes(30)).setDeadLetteringOnMessageExpiration(true)
                .setEnableDeadLetteringOnFilterEvaluationExceptions(false).setMaxDeliveryCount(6)
                .setForwardDeadLetteredMessagesTo("adm-sub-target").setAutoDeleteOnIdle(Duration.ofHours(9))
                .setUserMetadata("sub options").setStatus(EntityStatus.RECEIVE_DISABLED));
        admin.createSubscription("adm-t-opts", "onward", new CreateSubscriptionOptions().setForwardTo("adm-sub-target"));

        for (TopicProperties t : List.of(topic, admin.getTopic("adm-t-opts"))) {
            assertThat(t.getDefaultMessageTimeToLive()).isEqualTo(Duration.ofHours(2));
            assertThat(t.getMaxSizeInMegabytes()).isEqualTo(3072);
            assertThat(t.isDuplicateDetectionRequired()).isTrue();
            assertThat(t.getDuplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofMinutes(4));
            assertThat(t.isBatchedOperationsEnabled()).isFalse();
            assertThat(t.isOrderingSupported()).isTrue();
            assertThat(t.getAutoDeleteOnIdle()).isEqualTo(Duration.ofDays(2));
            assertThat(t.isPartitioningEnabled()).isTrue();
            assertThat(t.getUserMetadata()).isEqualTo("topic options");
            assertThat(t.getMaxMessageSizeInKilobytes()).isEqualTo(1024L);
        }
        for (SubscriptionProperties s : List.of(sub, admin.getSubscription("adm-t-opts", "full"))) {
            assertThat(s.getLockDuration()).isEqualTo(Duration.ofSeconds(40));
            assertThat(s.isSessionRequired()).isTrue();
            assertThat(s.getDefaultMessageTimeToLive()).isEqualTo(Duration.ofMinutes(30));
            assertThat(s.isDeadLetteringOnMessageExpiration()).isTrue();
            assertThat(s.isDeadLetteringOnFilterEvaluationExceptions()).isFalse();
            assertThat(s.getMaxDeliveryCount()).isEqualTo(6);
            assertThat(s.getForwardDeadLetteredMessagesTo()).isEqualTo("adm-sub-target");
            assertThat(s.getAutoDeleteOnIdle()).isEqualTo(Duration.ofHours(9));
            assertThat(s.getUserMetadata()).isEqualTo("sub options");
            assertThat(s.getStatus()).isEqualTo(EntityStatus.RECEIVE_DISABLED);
        }
        try (ServiceBusSender sender = client.getTopicSender("adm-t-opts");
             ServiceBusReceiver target = client.getQueueReceiver("adm-sub-target")) {
            sender.sendMessages(List.of(new ServiceBusMessage("through onward").setSessionId("s")));
            assertThat(target.receiveMessages(1, Duration.ofSeconds(10))).singleElement()
                    .satisfies(m -> assertThat(m.getBodyAsString()).isEqualTo("through onward"));
        }
        assertThat(admin.getSubscription("adm-t-opts", "onward").getForwardTo()).isEqualTo("adm-sub-target");
        admin.deleteTopic("adm-t-opts");
    }

    @Test
    void runtimePropertiesCountWhatTheAmqpClientSentAndDeadLettered() {
        admin.createQueue("adm-counts");
        try (ServiceBusSender sender = client.getQueueSender("adm-counts");
             ServiceBusReceiver receiver = client.getQueueReceiver("adm-counts")) {
            sender.sendMessages(List.of(new ServiceBusMessage("a"), new ServiceBusMessage("b"),
                    new ServiceBusMessage("c")));
            ServiceBusReceivedMessage first = receiver.receiveMessages(1, Duration.ofSeconds(10)).get(0);
            receiver.deadLetterMessage(first, "test", "dead on purpose");
        }

        QueueRuntimeProperties counts = admin.getQueueRuntimeProperties("adm-counts");

        assertThat(counts.getName()).isEqualTo("adm-counts");
        assertThat(counts.getActiveMessageCount()).isEqualTo(2);
        assertThat(counts.getDeadLetterMessageCount()).isEqualTo(1);
        assertThat(counts.getTotalMessageCount()).isEqualTo(3);
        assertThat(counts.getSizeInBytes()).isPositive();
        assertThat(counts.getCreatedAt()).isNotNull();
        assertThat(admin.listQueuesRuntimeProperties()).extracting(QueueRuntimeProperties::getName)
                .contains("adm-counts");
    }

    @Test
    void listingPagesThroughMoreThanOnePage() {
        List<String> names = IntStream.range(0, 105).mapToObj(i -> String.format("adm-page-%03d", i)).toList();
        List<String> made = new ArrayList<>();
        for (String name : names) {
            made.add(admin.createQueue(name).getName());
        }

        List<String> listed = admin.listQueues().stream().map(QueueProperties::getName).toList();

        assertThat(listed).containsAll(made).doesNotHaveDuplicates().hasSizeGreaterThan(100);
        names.forEach(admin::deleteQueue);
    }

    @Test
    void topicsSubscriptionsAndRulesEndToEnd() {
        TopicProperties topic = admin.createTopic("adm-t1", new CreateTopicOptions()
                .setDefaultMessageTimeToLive(Duration.ofHours(1)).setUserMetadata("events"));
        assertThat(topic.getName()).isEqualTo("adm-t1");
        assertThat(admin.topicExists("adm-t1")).isTrue();
        assertThat(admin.queueExists("adm-t1")).isFalse();
        assertThat(admin.updateTopic(admin.getTopic("adm-t1").setMaxSizeInMegabytes(4096)).getMaxSizeInMegabytes())
                .isEqualTo(4096);

        SubscriptionProperties red = admin.createSubscription("adm-t1", "red", new CreateSubscriptionOptions()
                .setMaxDeliveryCount(3), new CreateRuleOptions(new SqlRuleFilter("color = 'red'")));
        admin.createSubscription("adm-t1", "all");
        SqlRuleFilter big = new SqlRuleFilter("size > @min");
        big.getParameters().put("@min", 10);
        SqlRuleAction mark = new SqlRuleAction("SET big = true");
        RuleProperties rule = admin.createRule("adm-t1", "red", "big", new CreateRuleOptions(big).setAction(mark));

        assertThat(red.getTopicName()).isEqualTo("adm-t1");
        assertThat(red.getSubscriptionName()).isEqualTo("red");
        assertThat(red.getMaxDeliveryCount()).isEqualTo(3);
        assertThat(rule.getFilter()).isEqualTo(big);
        assertThat(rule.getAction()).isEqualTo(mark);
        assertThat(admin.listSubscriptions("adm-t1")).extracting(SubscriptionProperties::getSubscriptionName)
                .containsExactlyInAnyOrder("red", "all");
        assertThat(admin.listRules("adm-t1", "red")).extracting(RuleProperties::getName)
                .containsExactlyInAnyOrder("$Default", "big");
        RuleProperties defaultRule = admin.getRule("adm-t1", "red", "$Default");
        assertThat(defaultRule.getFilter()).isEqualTo(new SqlRuleFilter("color = 'red'"));
        assertThat(admin.getRule("adm-t1", "all", "$Default").getFilter()).isInstanceOf(TrueRuleFilter.class);

        try (ServiceBusSender sender = client.getTopicSender("adm-t1")) {
            ServiceBusMessage redOne = new ServiceBusMessage("r");
            redOne.getApplicationProperties().put("color", "red");
            redOne.getApplicationProperties().put("size", 1);
            ServiceBusMessage blueOne = new ServiceBusMessage("b");
            blueOne.getApplicationProperties().put("color", "blue");
            blueOne.getApplicationProperties().put("size", 1);
            sender.sendMessages(List.of(redOne, blueOne));
        }
        SubscriptionRuntimeProperties redCounts = admin.getSubscriptionRuntimeProperties("adm-t1", "red");
        assertThat(redCounts.getActiveMessageCount()).isEqualTo(1);
        assertThat(admin.getSubscriptionRuntimeProperties("adm-t1", "all").getActiveMessageCount()).isEqualTo(2);
        TopicRuntimeProperties topicCounts = admin.getTopicRuntimeProperties("adm-t1");
        assertThat(topicCounts.getSubscriptionCount()).isEqualTo(2);

        CorrelationRuleFilter byLabel = new CorrelationRuleFilter().setLabel("urgent");
        byLabel.getProperties().put("region", "eu");
        RuleProperties changed = admin.updateRule("adm-t1", "red", rule.setFilter(byLabel).setAction(null));
        assertThat(changed.getFilter()).isEqualTo(byLabel);
        assertThat(changed.getAction()).isInstanceOf(EmptyRuleAction.class);

        SubscriptionProperties updated = admin.updateSubscription(admin.getSubscription("adm-t1", "all")
                .setLockDuration(Duration.ofSeconds(20)).setStatus(EntityStatus.RECEIVE_DISABLED));
        assertThat(updated.getLockDuration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(updated.getStatus()).isEqualTo(EntityStatus.RECEIVE_DISABLED);

        admin.deleteRule("adm-t1", "red", "big");
        assertThatThrownBy(() -> admin.getRule("adm-t1", "red", "big"))
                .isInstanceOf(MessagingEntityNotFoundException.class);
        admin.deleteSubscription("adm-t1", "red");
        assertThat(admin.subscriptionExists("adm-t1", "red")).isFalse();
        admin.deleteTopic("adm-t1");
        assertThat(admin.topicExists("adm-t1")).isFalse();
    }

    @Test
    void subscriptionWithANamedFirstRuleAndAFalseFilter() {
        admin.createTopic("adm-t2");

        admin.createSubscription("adm-t2", "none", "nothing", new CreateSubscriptionOptions(),
                new CreateRuleOptions(new FalseRuleFilter()));

        assertThat(admin.listRules("adm-t2", "none")).singleElement().satisfies(r -> {
            assertThat(r.getName()).isEqualTo("nothing");
            assertThat(r.getFilter()).isInstanceOf(FalseRuleFilter.class);
        });
        admin.deleteTopic("adm-t2");
    }

    @Test
    void errorsAreTheClientsTypedExceptions() {
        admin.createQueue("adm-exists");

        assertThatThrownBy(() -> admin.createQueue("adm-exists"))
                .isInstanceOf(MessagingEntityAlreadyExistsException.class).hasMessageContaining("adm-exists");
        assertThatThrownBy(() -> admin.deleteQueue("adm-never")).isInstanceOf(MessagingEntityNotFoundException.class);
        assertThatThrownBy(() -> admin.createSubscription("adm-no-topic", "s"))
                .isInstanceOf(MessagingEntityNotFoundException.class);
        admin.createTopic("adm-t3");
        admin.createSubscription("adm-t3", "s");
        assertThatThrownBy(() -> admin.createRule("adm-t3", "s", "bad",
                new CreateRuleOptions(new SqlRuleFilter("color = = 'red'"))))
                .isExactlyInstanceOf(ServiceBusException.class).hasMessageContaining("HTTP 400");
        assertThatThrownBy(() -> admin.createRule("adm-t3", "s", "$Default"))
                .isInstanceOf(MessagingEntityAlreadyExistsException.class);
        try (ServiceBusAdministrationClient wrongKey = new ServiceBusAdministrationClientBuilder()
                .connectionString(adminConnectionString("not-the-key")).buildClient()) {
            assertThatThrownBy(wrongKey::listQueues).isInstanceOf(ServiceBusAuthorizationException.class);
        }
        admin.deleteTopic("adm-t3");
        admin.deleteQueue("adm-exists");
    }

    @Test
    void namespacePropertiesAndAnExplicitManagementEndpoint() {
        NamespaceProperties ns = admin.getNamespaceProperties();
        assertThat(ns.getName()).isNotBlank();
        assertThat(ns.getMessagingSku()).isEqualTo("Standard");

        // The server's own connection string names the AMQP port; the management endpoint says where HTTP is.
        try (ServiceBusAdministrationClient explicit = new ServiceBusAdministrationClientBuilder()
                .connectionString(server.connectionString())
                .managementEndpoint(java.net.URI.create("http://127.0.0.1:" + server.httpPort())).buildClient()) {
            assertThat(explicit.getNamespaceProperties().getName()).isEqualTo(ns.getName());
        }
    }

    @Test
    void theServersOwnConnectionStringReachesManagementOnItsAmqpPort() {
        // Endpoint=sb://host:<AMQP port>;...;UseDevelopmentEmulator=true: the client sends http://host:<AMQP port>/,
        // and the server's AMQP port answers HTTP too.
        try (ServiceBusAdministrationClient sameString = ServiceBusAdministrationClient
                .fromConnectionString(server.connectionString())) {
            assertThat(sameString.getEndpoint()).endsWith(":" + server.amqpPort() + "/");
            sameString.createQueue("adm-same-port");
            assertThat(admin.queueExists("adm-same-port")).isTrue();
            sameString.deleteQueue("adm-same-port");
        }
    }

    @Test
    void deadLetteredMessagesOfASubscriptionAreReadFromItsDeadLetterQueue() {
        admin.createTopic("adm-t4");
        admin.createSubscription("adm-t4", "s");
        try (ServiceBusSender sender = client.getTopicSender("adm-t4");
             ServiceBusReceiver receiver = client.getSubscriptionReceiver("adm-t4", "s");
             ServiceBusReceiver dlq = client.getSubscriptionReceiver("adm-t4", "s",
                     dev.omnibus.client.ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER))) {
            sender.sendMessages(new ServiceBusMessage("x"));
            receiver.deadLetterMessage(receiver.receiveMessages(1, Duration.ofSeconds(10)).get(0), "r", "d");

            assertThat(admin.getSubscriptionRuntimeProperties("adm-t4", "s").getDeadLetterMessageCount())
                    .isEqualTo(1);
            assertThat(dlq.receiveMessages(1, Duration.ofSeconds(10))).singleElement()
                    .satisfies(m -> assertThat(m.getDeadLetterReason()).isEqualTo("r"));
        }
        admin.deleteTopic("adm-t4");
    }
}
