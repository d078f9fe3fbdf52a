package dev.omnibus.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceExistsException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.UrlBuilder;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
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
        int port = server.httpPort();
        return new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;"
                        + "SharedAccessKey=" + key + ";UseDevelopmentEmulator=true")
                .addPolicy((context, next) -> {
                    UrlBuilder url = UrlBuilder.parse(context.getHttpRequest().getUrl());
                    url.setScheme("http");
                    url.setPort(port);
                    context.getHttpRequest().setUrl(url.toString());
                    return next.process();
                })
                .buildClient();
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
}
