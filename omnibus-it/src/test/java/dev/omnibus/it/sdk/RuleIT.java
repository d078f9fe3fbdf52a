package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusRuleManagerClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.administration.models.CorrelationRuleFilter;
import com.azure.messaging.servicebus.administration.models.CreateRuleOptions;
import com.azure.messaging.servicebus.administration.models.RuleProperties;
import com.azure.messaging.servicebus.administration.models.SqlRuleAction;
import com.azure.messaging.servicebus.administration.models.SqlRuleFilter;
import com.azure.messaging.servicebus.administration.models.TrueRuleFilter;
import com.azure.messaging.servicebus.models.SubQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscription rules with {@code ServiceBusRuleManagerClient} (the {@code $management} add-rule, remove-rule and
 * enumerate-rules operations): correlation and SQL filters, a SQL rule action, and the errors.
 */
class RuleIT extends SdkTestSupport {

    /** A topic whose subscription {@code s} starts without rules (its $Default removed through the SDK). */
    private String topicWithEmptySubscription() {
        String topic = topic("s", "everything");
        ruleManager(topic, "s").deleteRule("$Default");
        return topic;
    }

    private static List<String> bodies(List<ServiceBusReceivedMessage> messages) {
        return messages.stream().map(m -> m.getBody().toString()).toList();
    }

    @Test
    void aCorrelationFilterSelectsBySystemFieldsAndApplicationProperties() {
        String topic = topicWithEmptySubscription();
        CorrelationRuleFilter filter = new CorrelationRuleFilter().setCorrelationId("order-7")
                .setContentType("application/json");
        filter.getProperties().put("region", "eu");
        ruleManager(topic, "s").createRule("eu-orders", new CreateRuleOptions(filter));

        ServiceBusSenderClient sender = topicSender(topic);
        ServiceBusMessage match = new ServiceBusMessage("match").setCorrelationId("order-7")
                .setContentType("application/json");
        match.getApplicationProperties().put("region", "eu");
        ServiceBusMessage wrongRegion = new ServiceBusMessage("wrong-region").setCorrelationId("order-7")
                .setContentType("application/json");
        wrongRegion.getApplicationProperties().put("region", "us");
        sender.sendMessages(List.of(match, wrongRegion, new ServiceBusMessage("nothing-set")));

        ServiceBusReceiverClient receiver = subscriptionReceiver(topic, "s", SubQueue.NONE);
        assertThat(bodies(receive(receiver, 1))).containsExactly("match");
        assertThat(receiveFor(receiver, 5, Duration.ofMillis(500))).isEmpty();
        assertThat(receive(subscriptionReceiver(topic, "everything", SubQueue.NONE), 3)).hasSize(3);
    }

    @Test
    void aSqlFilterWithAnActionDeliversTheChangedCopy() {
        String topic = topicWithEmptySubscription();
        ruleManager(topic, "s").createRule("reds", new CreateRuleOptions(
                new SqlRuleFilter("color = 'red' AND quantity > 2 AND sys.Label LIKE 'paint%'"))
                .setAction(new SqlRuleAction("SET sys.To = 'painter'; SET quantity = quantity * 2; REMOVE secret")));

        ServiceBusSenderClient sender = topicSender(topic);
        ServiceBusMessage red = new ServiceBusMessage("red").setSubject("paint-job").setTo("nobody");
        red.getApplicationProperties().putAll(Map.of("color", "red", "quantity", 3, "secret", "x"));
        ServiceBusMessage few = new ServiceBusMessage("too-few").setSubject("paint-job");
        few.getApplicationProperties().putAll(Map.of("color", "red", "quantity", 1));
        sender.sendMessages(List.of(red, few));

        ServiceBusReceiverClient receiver = subscriptionReceiver(topic, "s", SubQueue.NONE);
        ServiceBusReceivedMessage got = receiveOne(receiver);
        assertThat(got.getBody().toString()).isEqualTo("red");
        assertThat(got.getTo()).isEqualTo("painter");
        assertThat(got.getSubject()).isEqualTo("paint-job");
        assertThat(got.getApplicationProperties()).containsEntry("quantity", 6).containsEntry("color", "red")
                .containsEntry("RuleName", "reds").doesNotContainKey("secret")
                .allSatisfy((k, v) -> assertThat(k).doesNotStartWith("$sys"));
        assertThat(receiveFor(receiver, 1, Duration.ofMillis(500))).isEmpty();
        // The untouched subscription gets the message exactly as sent.
        ServiceBusReceivedMessage plain = receiveOne(subscriptionReceiver(topic, "everything", SubQueue.NONE));
        assertThat(plain.getTo()).isEqualTo("nobody");
        assertThat(plain.getApplicationProperties()).containsEntry("secret", "x").doesNotContainKey("RuleName");
    }

    @Test
    void listRulesShowsEachRuleAsCreatedAndDeleteRuleStopsIt() {
        String topic = topic("s");
        ServiceBusRuleManagerClient rules = ruleManager(topic, "s");
        CorrelationRuleFilter correlation = new CorrelationRuleFilter("c-1").setLabel("L");
        correlation.getProperties().put("prop1", "value1");
        rules.createRule("by-correlation", new CreateRuleOptions(correlation));
        rules.createRule("by-sql", new CreateRuleOptions(new SqlRuleFilter("n > 5"))
                .setAction(new SqlRuleAction("SET big = TRUE")));

        List<RuleProperties> listed = rules.listRules().stream().toList();

        assertThat(listed).extracting(RuleProperties::getName).containsExactly("$Default", "by-correlation", "by-sql");
        assertThat(listed.get(0).getFilter()).isInstanceOf(TrueRuleFilter.class);
        assertThat(listed.get(0).getAction()).isNull();
        assertThat(listed.get(1).getFilter()).isInstanceOfSatisfying(CorrelationRuleFilter.class, f -> {
            assertThat(f.getCorrelationId()).isEqualTo("c-1");
            assertThat(f.getLabel()).isEqualTo("L");
            assertThat(f.getProperties()).containsEntry("prop1", "value1");
        });
        assertThat(listed.get(2).getFilter()).isInstanceOfSatisfying(SqlRuleFilter.class,
                f -> assertThat(f.getSqlExpression()).isEqualTo("n > 5"));
        assertThat(listed.get(2).getAction()).isInstanceOfSatisfying(SqlRuleAction.class,
                a -> assertThat(a.getSqlExpression()).isEqualTo("SET big = TRUE"));

        rules.deleteRule("$Default");
        rules.deleteRule("by-correlation");
        rules.deleteRule("by-sql");
        assertThat(rules.listRules().stream().toList()).isEmpty();
        topicSender(topic).sendMessage(new ServiceBusMessage("dropped"));
        assertThat(receiveFor(subscriptionReceiver(topic, "s", SubQueue.NONE), 1, Duration.ofMillis(500)))
                .isEmpty();
    }

    @Test
    void aDuplicateNameAnInvalidExpressionAndAnUnknownRuleAreReported() {
        String topic = topic("s");
        ServiceBusRuleManagerClient rules = ruleManager(topic, "s");

        assertThatThrownBy(() -> rules.createRule("$Default", new CreateRuleOptions()))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                        .isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_ALREADY_EXISTS));
        assertThatThrownBy(() -> rules.createRule("bad", new CreateRuleOptions(new SqlRuleFilter("a = = 1"))))
                .isInstanceOf(ServiceBusException.class).hasMessageContaining("is invalid at line 1, column");
        assertThatThrownBy(() -> rules.deleteRule("missing"))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                        .isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND));
        assertThat(rules.listRules().stream().toList()).extracting(RuleProperties::getName)
                .containsExactly("$Default");
    }

    @Test
    void severalMatchingRulesGiveOneCopyForThoseWithoutActionAndOneForEachWithAnAction() {
        // Service Bus: a subscription keeps one copy however many action-less rules match, and each matching rule
        // with an action adds a copy of its own, changed by that action and named by RuleName.
        String topic = topicWithEmptySubscription();
        ServiceBusRuleManagerClient rules = ruleManager(topic, "s");
        rules.createRule("all", new CreateRuleOptions(new SqlRuleFilter("1=1")));
        rules.createRule("big", new CreateRuleOptions(new SqlRuleFilter("n > 5")));
        rules.createRule("tag-big", new CreateRuleOptions(new SqlRuleFilter("n > 5"))
                .setAction(new SqlRuleAction("SET tag = 'big'")));
        rules.createRule("tag-all", new CreateRuleOptions(new SqlRuleFilter("EXISTS(n)"))
                .setAction(new SqlRuleAction("SET tag = 'any'")));
        ServiceBusMessage big = new ServiceBusMessage("big").setMessageId("big");
        big.getApplicationProperties().put("n", 10);
        ServiceBusMessage small = new ServiceBusMessage("small").setMessageId("small");
        small.getApplicationProperties().put("n", 1);

        topicSender(topic).sendMessages(List.of(big, small));

        List<ServiceBusReceivedMessage> copies = receive(subscriptionReceiver(topic, "s", SubQueue.NONE), 5);
        assertThat(copies).extracting(m -> m.getBody().toString() + "/" + m.getApplicationProperties().get("RuleName")
                + "/" + m.getApplicationProperties().get("tag"))
                .containsExactlyInAnyOrder("big/null/null", "big/tag-big/big", "big/tag-all/any",
                        "small/null/null", "small/tag-all/any");
        assertThat(copies).extracting(ServiceBusReceivedMessage::getSequenceNumber).doesNotHaveDuplicates();
    }

    @Test
    void aFilterThatFailsToEvaluateDeadLettersTheCopyOnlyWhereTheSubscriptionAsksForIt() {
        String topic = topic();
        subscription(topic, "strict", b -> b.deadLetteringOnFilterEvaluationExceptions(true));
        subscription(topic, "lenient", b -> b.deadLetteringOnFilterEvaluationExceptions(false));
        for (String sub : List.of("strict", "lenient")) {
            ServiceBusRuleManagerClient rules = ruleManager(topic, sub);
            rules.deleteRule("$Default");
            rules.createRule("ratio", new CreateRuleOptions(new SqlRuleFilter("total / parts > 2")));
        }
        ServiceBusMessage fails = new ServiceBusMessage("divides-by-zero");
        fails.getApplicationProperties().putAll(Map.of("total", 10, "parts", 0));
        ServiceBusMessage matches = new ServiceBusMessage("matches");
        matches.getApplicationProperties().putAll(Map.of("total", 10, "parts", 2));

        topicSender(topic).sendMessages(List.of(fails, matches));

        ServiceBusReceivedMessage dead = receiveOne(subscriptionReceiver(topic, "strict",
                SubQueue.DEAD_LETTER_QUEUE));
        assertThat(dead.getBody().toString()).isEqualTo("divides-by-zero");
        assertThat(dead.getDeadLetterReason()).isEqualTo("FilterException");
        assertThat(dead.getDeadLetterErrorDescription()).contains("divide by zero");
        assertThat(bodies(receive(subscriptionReceiver(topic, "strict", SubQueue.NONE), 1)))
                .containsExactly("matches");
        assertThat(bodies(receive(subscriptionReceiver(topic, "lenient", SubQueue.NONE), 1)))
                .containsExactly("matches");
        assertThat(subscriptionReceiver(topic, "lenient", SubQueue.DEAD_LETTER_QUEUE).peekMessage()).isNull();
    }
}
