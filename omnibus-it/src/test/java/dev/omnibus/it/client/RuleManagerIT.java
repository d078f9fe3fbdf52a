package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusAsyncRuleManager;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusRuleManager;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.admin.models.CorrelationRuleFilter;
import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.EmptyRuleAction;
import dev.omnibus.client.admin.models.FalseRuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SqlRuleAction;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.admin.models.TrueRuleFilter;
import dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The rule manager over AMQP ({@code $management} add-rule, remove-rule, enumerate-rules): the filters and actions of
 * the administration models route and change messages as created, are listed as created, and errors map to the
 * client's exceptions.
 */
class RuleManagerIT extends ClientTestSupport {

    private ServiceBusRuleManager rules(String topic, String subscription) {
        return closeLater(client.getRuleManager(topic, subscription));
    }

    private ServiceBusReceiver receiver(String topic, String subscription) {
        return closeLater(client.getSubscriptionReceiver(topic, subscription,
                ReceiverOptions.defaults().maxWaitTime(Duration.ofSeconds(2))));
    }

    /** Receives what arrives within a short wait, completes it, and returns the message ids. */
    private static List<String> drain(ServiceBusReceiver receiver) {
        List<ServiceBusReceivedMessage> got = receiver.receiveMessages(50, Duration.ofSeconds(1));
        got.forEach(receiver::completeMessage);
        return got.stream().map(ServiceBusReceivedMessage::getMessageId).toList();
    }

    private static ServiceBusMessage message(String id) {
        return new ServiceBusMessage(id).setMessageId(id);
    }

    @Test
    void aNewSubscriptionHasTheDefaultRuleAndWithoutRulesReceivesNothing() {
        String topic = topic("s");
        ServiceBusRuleManager rules = rules(topic, "s");
        assertThat(rules.getEntityPath()).isEqualTo(topic + "/Subscriptions/s");

        List<RuleProperties> listed = rules.listRules();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).getName()).isEqualTo(RuleProperties.DEFAULT_RULE_NAME);
        assertThat(listed.get(0).getFilter()).isEqualTo(new TrueRuleFilter());
        assertThat(listed.get(0).getAction()).isEqualTo(new EmptyRuleAction());

        rules.deleteRule(RuleProperties.DEFAULT_RULE_NAME);
        assertThat(rules.listRules()).isEmpty();
        closeLater(client.getTopicSender(topic)).sendMessages(message("lost"));
        assertThat(drain(receiver(topic, "s"))).isEmpty();
    }

    @Test
    void aCorrelationFilterSelectsBySystemPropertiesAndApplicationProperties() {
        String topic = topic("s");
        ServiceBusRuleManager rules = rules(topic, "s");
        rules.deleteRule(RuleProperties.DEFAULT_RULE_NAME);
        CorrelationRuleFilter filter = new CorrelationRuleFilter("order-1").setLabel("created")
                .setContentType("application/json");
        filter.getProperties().put("region", "eu");
        filter.getProperties().put("priority", 2);
        rules.createRule("eu-orders", filter);

        ServiceBusMessage match = message("match").setCorrelationId("order-1").setSubject("created")
                .setContentType("application/json");
        match.getApplicationProperties().put("region", "eu");
        match.getApplicationProperties().put("priority", 2);
        ServiceBusMessage wrongRegion = message("wrong-region").setCorrelationId("order-1").setSubject("created")
                .setContentType("application/json");
        wrongRegion.getApplicationProperties().put("region", "us");
        wrongRegion.getApplicationProperties().put("priority", 2);
        ServiceBusMessage wrongLabel = message("wrong-label").setCorrelationId("order-1").setSubject("deleted")
                .setContentType("application/json");
        wrongLabel.getApplicationProperties().put("region", "eu");
        wrongLabel.getApplicationProperties().put("priority", 2);
        closeLater(client.getTopicSender(topic)).sendMessages(List.of(wrongRegion, match, wrongLabel));

        assertThat(drain(receiver(topic, "s"))).containsExactly("match");
        RuleProperties listed = rules.listRules().get(0);
        assertThat(listed.getName()).isEqualTo("eu-orders");
        assertThat(listed.getFilter()).isInstanceOfSatisfying(CorrelationRuleFilter.class, c -> {
            assertThat(c.getCorrelationId()).isEqualTo("order-1");
            assertThat(c.getLabel()).isEqualTo("created");
            assertThat(c.getContentType()).isEqualTo("application/json");
            assertThat(c.getMessageId()).isNull();
            assertThat(c.getProperties()).containsEntry("region", "eu").containsEntry("priority", 2);
        });
        assertThat(listed.getAction()).isEqualTo(new EmptyRuleAction());
    }

    @Test
    void aSqlFilterWithAnActionDeliversTheChangedCopyAndAnotherSubscriptionTheOriginal() {
        String topic = topic("big", "all");
        ServiceBusRuleManager rules = rules(topic, "big");
        rules.deleteRule(RuleProperties.DEFAULT_RULE_NAME);
        rules.createRule("big-red", new SqlRuleFilter("quantity > 10 AND color = 'red'"),
                new SqlRuleAction("SET quantity = quantity * 2; SET sys.To = 'warehouse'; REMOVE tmp"));

        ServiceBusMessage big = message("big");
        big.getApplicationProperties().put("quantity", 20);
        big.getApplicationProperties().put("color", "red");
        big.getApplicationProperties().put("tmp", "x");
        ServiceBusMessage small = message("small");
        small.getApplicationProperties().put("quantity", 5);
        small.getApplicationProperties().put("color", "red");
        closeLater(client.getTopicSender(topic)).sendMessages(List.of(big, small));

        ServiceBusReceiver bigReceiver = receiver(topic, "big");
        ServiceBusReceivedMessage copy = receiveOne(bigReceiver);
        assertThat(copy.getMessageId()).isEqualTo("big");
        assertThat(((Number) copy.getApplicationProperties().get("quantity")).longValue()).isEqualTo(40);
        assertThat(copy.getApplicationProperties()).doesNotContainKey("tmp").containsEntry("color", "red");
        assertThat(copy.getTo()).isEqualTo("warehouse");
        bigReceiver.completeMessage(copy);
        assertThat(drain(bigReceiver)).isEmpty();

        ServiceBusReceiver all = receiver(topic, "all");
        List<ServiceBusReceivedMessage> originals = receive(all, 2);
        assertThat(originals).extracting(ServiceBusReceivedMessage::getMessageId).containsExactly("big", "small");
        assertThat(originals.get(0).getApplicationProperties()).containsEntry("quantity", 20).containsKey("tmp");
        assertThat(originals.get(0).getTo()).isNull();
        originals.forEach(all::completeMessage);

        RuleProperties listed = rules.listRules().get(0);
        assertThat(listed.getFilter()).isEqualTo(new SqlRuleFilter("quantity > 10 AND color = 'red'"));
        assertThat(listed.getAction()).isInstanceOfSatisfying(SqlRuleAction.class, a -> assertThat(
                a.getSqlExpression()).contains("SET quantity = quantity * 2"));
    }

    @Test
    void trueAndFalseFiltersAndCreateRuleOptionsAreListedAsCreated() {
        String topic = topic("s");
        ServiceBusRuleManager rules = rules(topic, "s");
        rules.deleteRule(RuleProperties.DEFAULT_RULE_NAME);
        rules.createRule("never", new FalseRuleFilter());
        closeLater(client.getTopicSender(topic)).sendMessages(message("dropped"));
        assertThat(drain(receiver(topic, "s"))).isEmpty();

        rules.createRule("always", new CreateRuleOptions(new TrueRuleFilter())
                .setAction(new SqlRuleAction("SET stamped = 'yes'")));
        closeLater(client.getTopicSender(topic)).sendMessages(message("kept"));
        ServiceBusReceiver receiver = receiver(topic, "s");
        ServiceBusReceivedMessage kept = receiveOne(receiver);
        assertThat(kept.getMessageId()).isEqualTo("kept");
        assertThat(kept.getApplicationProperties()).containsEntry("stamped", "yes");
        receiver.completeMessage(kept);

        List<RuleProperties> listed = rules.listRules();
        assertThat(listed).extracting(RuleProperties::getName).containsExactly("never", "always");
        assertThat(listed.get(0).getFilter()).isInstanceOf(FalseRuleFilter.class);
        assertThat(listed.get(1).getFilter()).isInstanceOf(TrueRuleFilter.class);
        assertThat(listed.get(1).getAction()).isEqualTo(new SqlRuleAction("SET stamped = 'yes'"));
        rules.deleteRule("never");
        rules.deleteRule("always");
        assertThat(rules.listRules()).isEmpty();
    }

    @Test
    void listRulesReadsEveryPage() {
        String topic = topic("s");
        ServiceBusRuleManager rules = rules(topic, "s");
        IntStream.range(0, 130).forEach(i -> rules.createRule(String.format("r%03d", i),
                new SqlRuleFilter("n = " + i)));

        List<RuleProperties> listed = rules.listRules();

        assertThat(listed).hasSize(131);
        assertThat(listed.get(0).getName()).isEqualTo(RuleProperties.DEFAULT_RULE_NAME);
        assertThat(listed.get(130).getName()).isEqualTo("r129");
        assertThat(listed.get(130).getFilter()).isEqualTo(new SqlRuleFilter("n = 129"));
    }

    @Test
    void aNameInUseAnInvalidExpressionAndAnUnknownRuleAreReported() {
        String topic = topic("s");
        ServiceBusRuleManager rules = rules(topic, "s");

        assertThatThrownBy(() -> rules.createRule(RuleProperties.DEFAULT_RULE_NAME, new TrueRuleFilter()))
                .isInstanceOf(MessagingEntityAlreadyExistsException.class);
        assertThatThrownBy(() -> rules.createRule("bad", new SqlRuleFilter("color = = 'red'")))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("line 1");
                });
        assertThatThrownBy(() -> rules.deleteRule("no-such-rule"))
                .isInstanceOf(MessagingEntityNotFoundException.class);
        SqlRuleFilter withParameters = new SqlRuleFilter("n > @min");
        withParameters.getParameters().put("@min", 3);
        assertThatThrownBy(() -> rules.createRule("params", withParameters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
        assertThat(rules.listRules()).extracting(RuleProperties::getName)
                .containsExactly(RuleProperties.DEFAULT_RULE_NAME);
    }

    @Test
    void rulesOfAMissingSubscriptionAreEntityNotFound() {
        String topic = topic("s");
        ServiceBusRuleManager rules = rules(topic, "missing");

        assertThatThrownBy(rules::listRules).isInstanceOf(MessagingEntityNotFoundException.class);
    }

    @Test
    void theAsyncRuleManagerDoesTheSame() {
        String topic = topic("s");
        ServiceBusAsyncRuleManager rules = closeLater(client.getAsyncClient().getRuleManager(topic, "s"));
        rules.deleteRule(RuleProperties.DEFAULT_RULE_NAME)
                .thenCompose(v -> rules.createRule("label", new CorrelationRuleFilter().setLabel("yes")))
                .join();
        try (ServiceBusSender sender = client.getTopicSender(topic)) {
            sender.sendMessages(List.of(message("no").setSubject("no"), message("yes").setSubject("yes")));
        }

        assertThat(drain(receiver(topic, "s"))).containsExactly("yes");
        assertThat(rules.listRules().join()).extracting(RuleProperties::getName).containsExactly("label");
    }
}
