package dev.omnibus.core;

import static dev.omnibus.core.BrokerAssertions.failsWith;
import static dev.omnibus.core.BrokerAssertions.failure;
import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.messageBuilder;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.filter.CorrelationFilter;
import dev.omnibus.core.filter.FalseFilter;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlFilter;
import dev.omnibus.core.filter.SqlRuleAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicTest {
    private final CoreHarness h = new CoreHarness();

    private QueueEndpoint topic(String name) {
        h.ns().createTopic(TopicDescription.builder(name).build()).join();
        return h.ns().queue(name);
    }

    private QueueEndpoint subscription(String topic, String name, Rule rule) {
        h.ns().createSubscription(SubscriptionDescription.builder(topic, name).build(), rule).join();
        return h.ns().endpoint(topic + "/Subscriptions/" + name, SubQueue.NONE);
    }

    private static void send(QueueEndpoint t, IncomingMessage... messages) {
        t.send(List.of(messages)).join();
    }

    @Test
    void everySubscriptionGetsItsOwnCopyWithItsOwnSequenceNumbers() {
        QueueEndpoint t = topic("orders");
        QueueEndpoint a = subscription("orders", "a", null);
        QueueEndpoint b = subscription("orders", "b", null);
        CoreHarness.send(t, "one", "two");
        List<ReceivedMessage> fromA = receive(a, 10);
        assertThat(bodies(fromA)).containsExactly("one", "two");
        assertThat(fromA).extracting(ReceivedMessage::sequenceNumber).containsExactly(1L, 2L);
        a.complete(fromA.get(0).lockToken()).join();
        assertThat(bodies(receive(b, 10))).as("settling in one subscription leaves the other").containsExactly("one",
                "two");
        assertThat(h.ns().listRules("orders", "a")).extracting(RuleInfo::name).containsExactly("$Default");
    }

    @Test
    void sqlAndCorrelationFiltersRoute() {
        QueueEndpoint t = topic("t");
        QueueEndpoint big = subscription("t", "big", new Rule("big", SqlFilter.parse("amount > 100 AND sys.Label = 'order'")));
        QueueEndpoint eu = subscription("t", "eu", new Rule("eu",
                CorrelationFilter.builder().correlationId("eu").build()));
        QueueEndpoint none = subscription("t", "none", new Rule("none", FalseFilter.INSTANCE));
        send(t, messageBuilder("small-eu").subject("order").correlationId("eu")
                        .applicationProperties(Map.of("amount", 5L)).build(),
                messageBuilder("big-us").subject("order").correlationId("us")
                        .applicationProperties(Map.of("amount", 500L)).build(),
                messageBuilder("big-other").subject("invoice").applicationProperties(Map.of("amount", 500L)).build());
        assertThat(bodies(receive(big, 10))).containsExactly("big-us");
        assertThat(bodies(receive(eu, 10))).containsExactly("small-eu");
        assertThat(receive(none, 10)).isEmpty();
    }

    @Test
    void rulesWithoutActionsGiveOneCopyAndEachRuleWithAnActionItsOwn() {
        QueueEndpoint t = topic("t");
        QueueEndpoint s = subscription("t", "s", new Rule("plain1", SqlFilter.parse("1=1")));
        h.ns().createRule("t", "s", new Rule("plain2", SqlFilter.parse("x = 1"))).join();
        h.ns().createRule("t", "s", new Rule("plain3", SqlFilter.parse("x >= 1"))).join();
        h.ns().createRule("t", "s", new Rule("act1", SqlFilter.parse("x = 1"),
                SqlRuleAction.parse("SET tag = 'first'; REMOVE x"))).join();
        h.ns().createRule("t", "s", new Rule("act2", SqlFilter.parse("1=1"),
                SqlRuleAction.parse("SET sys.To = 'routed'"))).join();
        send(t, messageBuilder("m").applicationProperties(Map.of("x", 1L)).build());
        List<ReceivedMessage> copies = receive(s, 10);
        assertThat(copies).hasSize(3);
        assertThat(copies.get(0).meta().propertyChanges()).isEmpty();
        assertThat(copies.get(1).meta().propertyChanges()).containsEntry("RuleName", "act1")
                .containsEntry("tag", "first").containsEntry("x", MessageMeta.REMOVED);
        assertThat(copies.get(2).meta().propertyChanges()).containsEntry("RuleName", "act2")
                .containsEntry(MessageMeta.SYSTEM_CHANGE_PREFIX + "To", "routed");
        assertThat(copies.get(2).meta().properties().to()).isEqualTo("routed");
        assertThat(copies).extracting(ReceivedMessage::sequenceNumber).doesNotHaveDuplicates();
    }

    @Test
    void aSubscriptionWithoutRulesGetsNothing() {
        QueueEndpoint t = topic("t");
        QueueEndpoint s = subscription("t", "s", null);
        h.ns().deleteRule("t", "s", "$Default").join();
        CoreHarness.send(t, "m");
        assertThat(receive(s, 10)).isEmpty();
    }

    @Test
    void aFilterThatFailsDeadLettersTheCopyWhenAsked() {
        QueueEndpoint t = topic("t");
        Rule divides = new Rule("divides", SqlFilter.parse("amount / 0 = 1"));
        h.ns().createSubscription(SubscriptionDescription.builder("t", "dl").build(), divides).join();
        h.ns().createSubscription(SubscriptionDescription.builder("t", "quiet")
                .deadLetteringOnFilterEvaluationExceptions(false).build(), divides).join();
        send(t, messageBuilder("m").applicationProperties(Map.of("amount", 5L)).build());
        ReceivedMessage dead = receive(h.ns().endpoint("t/Subscriptions/dl", SubQueue.DEAD_LETTER), 5).get(0);
        assertThat(dead.meta().deadLetterReason()).isNotBlank();
        assertThat(dead.meta().deadLetterDescription()).isNotBlank();
        assertThat(receive(h.ns().endpoint("t/Subscriptions/quiet", SubQueue.DEAD_LETTER), 5)).isEmpty();
        assertThat(receive(h.ns().endpoint("t/Subscriptions/quiet", SubQueue.NONE), 5)).isEmpty();
    }

    @Test
    void aSessionSubscriptionDeadLettersMessagesWithoutSession() {
        QueueEndpoint t = topic("t");
        h.ns().createSubscription(SubscriptionDescription.builder("t", "s").requiresSession(true).build(), null)
                .join();
        CoreHarness.send(t, "no session");
        ReceivedMessage dead = receive(h.ns().endpoint("t/Subscriptions/s", SubQueue.DEAD_LETTER), 5).get(0);
        assertThat(dead.meta().deadLetterReason()).isEqualTo("Session ID is null.");
        send(t, messageBuilder("in session").sessionId("a").build());
        SessionReceiver r = h.ns().endpoint("t/Subscriptions/s", SubQueue.NONE).acceptSession("a",
                ReceiveMode.RECEIVE_AND_DELETE, new CoreHarness.Collector(), Duration.ofSeconds(1)).join();
        assertThat(r.sessionId()).isEqualTo("a");
    }

    @Test
    void subscriptionsForwardTheirCopies() {
        QueueEndpoint t = topic("t");
        QueueEndpoint archive = h.queue("archive");
        h.ns().createSubscription(SubscriptionDescription.builder("t", "fwd").forwardTo("archive").build(), null)
                .join();
        CoreHarness.send(t, "m");
        assertThat(bodies(receive(archive, 5))).containsExactly("m");
        assertThat(receive(h.ns().endpoint("t/Subscriptions/fwd", SubQueue.NONE), 5)).isEmpty();
    }

    @Test
    void queuesForwardToTopics() {
        topic("t");
        QueueEndpoint s = subscription("t", "s", null);
        QueueEndpoint in = h.queue("in", b -> b.forwardTo("t"));
        CoreHarness.send(in, "through a queue");
        assertThat(bodies(receive(s, 5))).containsExactly("through a queue");
    }

    @Test
    void scheduledMessagesWaitInTheTopicAndCanBeCancelled() {
        QueueEndpoint t = topic("t");
        QueueEndpoint s = subscription("t", "s", null);
        Instant later = Instant.ofEpochMilli(h.time.now()).plus(Duration.ofMinutes(1));
        long[] seqs = t.schedule(List.of(messageBuilder("later").scheduledEnqueueTime(later).build(),
                messageBuilder("cancelled").scheduledEnqueueTime(later).build())).join();
        t.cancelScheduled(new long[] {seqs[1]}).join();
        failsWith(t.cancelScheduled(new long[] {seqs[1]}), ServiceBusError.MESSAGE_NOT_FOUND);
        assertThat(receive(s, 5)).isEmpty();
        assertThat(h.ns().topicRuntimeInfo("t").join().scheduledMessageCount()).isEqualTo(1);
        h.advance(Duration.ofMinutes(1));
        assertThat(bodies(receive(s, 5))).containsExactly("later");
        assertThat(h.ns().topicRuntimeInfo("t").join().scheduledMessageCount()).isZero();
    }

    @Test
    void duplicateDetectionAndQuotaApplyToTheTopic() {
        h.ns().createTopic(TopicDescription.builder("t").requiresDuplicateDetection(true).maxSizeInMegabytes(1)
                .maxMessageSizeInKilobytes(1024).build()).join();
        QueueEndpoint t = h.ns().queue("t");
        QueueEndpoint s = subscription("t", "s", null);
        send(t, messageBuilder("first").messageId("x").build());
        send(t, messageBuilder("again").messageId("x").build());
        assertThat(bodies(receive(s, 5))).containsExactly("first");
        t.send(List.of(IncomingMessage.builder(new byte[700 * 1024]).build())).join();
        assertThat(failure(t.send(List.of(IncomingMessage.builder(new byte[700 * 1024]).build()))).error())
                .isEqualTo(ServiceBusError.QUOTA_EXCEEDED);
    }

    @Test
    void topicsSubscriptionsAndRulesSurviveARestart() {
        QueueEndpoint t = topic("t");
        subscription("t", "big", new Rule("big", SqlFilter.parse("amount > 100")));
        h.ns().createRule("t", "big", new Rule("tagged", SqlFilter.parse("amount > 1000"),
                SqlRuleAction.parse("SET size = 'huge'"))).join();
        send(t, messageBuilder("kept").applicationProperties(Map.of("amount", 500L)).build());
        t.schedule(List.of(messageBuilder("scheduled").applicationProperties(Map.of("amount", 200L))
                .scheduledEnqueueTime(Instant.ofEpochMilli(h.time.now()).plus(Duration.ofMinutes(1))).build())).join();

        h.restart();
        assertThat(h.ns().listTopics()).extracting(TopicDescription::name).containsExactly("t");
        assertThat(h.ns().listRules("t", "big")).extracting(RuleInfo::name).containsExactly("big", "tagged");
        QueueEndpoint big = h.ns().endpoint("t/subscriptions/BIG", SubQueue.NONE);
        send(h.ns().queue("t"), messageBuilder("after").applicationProperties(Map.of("amount", 5000L)).build(),
                messageBuilder("filtered").applicationProperties(Map.of("amount", 5L)).build());
        List<ReceivedMessage> got = receive(big, 10);
        assertThat(bodies(got)).containsExactly("kept", "after", "after");
        assertThat(got.get(2).meta().propertyChanges()).containsEntry("size", "huge");
        assertThat(got).extracting(ReceivedMessage::sequenceNumber).containsExactly(1L, 2L, 3L);
        got.forEach(m -> big.complete(m.lockToken()).join());
        h.advance(Duration.ofMinutes(1));
        assertThat(bodies(receive(big, 10))).containsExactly("scheduled");
    }

    @Test
    void managesSubscriptionsAndRules() {
        topic("t");
        subscription("t", "s", null);
        failsWith(h.ns().createSubscription(SubscriptionDescription.builder("t", "S").build(), null),
                ServiceBusError.ENTITY_ALREADY_EXISTS);
        failsWith(h.ns().createRule("t", "s", Rule.DEFAULT), ServiceBusError.ENTITY_ALREADY_EXISTS);
        h.ns().updateRule("t", "s", new Rule("$Default", FalseFilter.INSTANCE)).join();
        assertThat(h.ns().listRules("t", "s").get(0).rule().filter()).isEqualTo(FalseFilter.INSTANCE);
        failsWith(h.ns().deleteRule("t", "s", "nope"), ServiceBusError.ENTITY_NOT_FOUND);
        SubscriptionDescription updated = h.ns().updateSubscription(h.ns().getSubscription("t", "s").orElseThrow()
                .toBuilder().maxDeliveryCount(2).build()).join();
        assertThat(updated.maxDeliveryCount()).isEqualTo(2);
        assertThat(h.ns().listSubscriptions("t")).extracting(SubscriptionDescription::maxDeliveryCount)
                .containsExactly(2);
        h.ns().deleteSubscription("t", "s").join();
        assertThat(h.ns().listSubscriptions("t")).isEmpty();
        failsWith(h.ns().subscriptionRuntimeInfo("t", "s"), ServiceBusError.ENTITY_NOT_FOUND);
    }

    @Test
    void queuesAndTopicsShareNamesAndKeepTheirRoles() {
        QueueEndpoint t = topic("shared");
        failsWith(h.ns().createQueue(QueueDescription.builder("SHARED").build()), ServiceBusError.ENTITY_ALREADY_EXISTS);
        subscription("shared", "s", null);
        failsWith(t.openReceiver(ReceiveMode.PEEK_LOCK, new CoreHarness.Collector()), ServiceBusError.NOT_ALLOWED);
        failsWith(h.ns().endpoint("shared/Subscriptions/s", SubQueue.NONE).send(List.of(CoreHarness.message("x"))),
                ServiceBusError.NOT_ALLOWED);
        h.ns().deleteTopic("shared").join();
        assertThat(h.ns().getTopic("shared")).isEmpty();
        failsWith(java.util.concurrent.CompletableFuture.supplyAsync(() -> h.ns().endpoint("shared/Subscriptions/s",
                SubQueue.NONE), Runnable::run), ServiceBusError.ENTITY_NOT_FOUND);
    }

    @Test
    void subscriptionDeadLetterQueuesWork() {
        QueueEndpoint t = topic("t");
        QueueEndpoint s = subscription("t", "s", null);
        CoreHarness.send(t, "bad");
        s.deadLetter(receive(s, 1).get(0).lockToken(), "Poison", "no", Map.of()).join();
        QueueEndpoint dlq = h.ns().endpoint("t/Subscriptions/s/$DeadLetterQueue", SubQueue.DEAD_LETTER);
        assertThat(receive(dlq, 5)).extracting(m -> m.meta().deadLetterReason()).containsExactly("Poison");
        assertThat(h.ns().subscriptionRuntimeInfo("t", "s").join().deadLetterMessageCount()).isEqualTo(1);
        assertThat(h.ns().topicRuntimeInfo("t").join().sizeInBytes()).isEqualTo(3);
    }
}
