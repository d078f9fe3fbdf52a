package dev.omnibus.core;

import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.messageBuilder;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A subscription's own settings act on its copies as a queue's act on its messages: lock duration and maximum
 * delivery count, default time to live with or without dead-lettering, forwarding of dead letters, auto-delete.
 */
class SubscriptionSettingsTest {
    private final CoreHarness h = new CoreHarness();

    private QueueEndpoint topicWith(UnaryOperator<SubscriptionDescription.Builder> settings) {
        h.ns().createTopic(TopicDescription.builder("t").build()).join();
        h.ns().createSubscription(settings.apply(SubscriptionDescription.builder("t", "s")).build(), null).join();
        h.ns().createSubscription(SubscriptionDescription.builder("t", "plain").build(), null).join();
        return h.ns().queue("t");
    }

    private QueueEndpoint s() {
        return h.ns().endpoint("t/Subscriptions/s", SubQueue.NONE);
    }

    private QueueEndpoint dlq() {
        return h.ns().endpoint("t/Subscriptions/s", SubQueue.DEAD_LETTER);
    }

    private QueueEndpoint plain() {
        return h.ns().endpoint("t/Subscriptions/plain", SubQueue.NONE);
    }

    @Test
    void lockDurationAndMaxDeliveryCountAreTheSubscriptions() {
        QueueEndpoint t = topicWith(b -> b.lockDuration(Duration.ofSeconds(5)).maxDeliveryCount(2));
        CoreHarness.send(t, "m");

        for (int attempt = 0; attempt < 2; attempt++) {
            ReceivedMessage m = receive(s(), 1).get(0);
            assertThat(m.meta().deliveryCount()).isEqualTo(attempt);
            assertThat(m.lockedUntil() - h.time.now()).isEqualTo(5_000);
            h.advance(Duration.ofSeconds(5));
        }

        assertThat(receive(s(), 1)).isEmpty();
        assertThat(receive(dlq(), 1)).extracting(m -> m.meta().deadLetterReason())
                .containsExactly("MaxDeliveryCountExceeded");
        ReceivedMessage other = receive(plain(), 1).get(0);
        assertThat(other.lockedUntil() - h.time.now()).as("the other subscription keeps the default 1 min")
                .isEqualTo(60_000);
    }

    @Test
    void theDefaultTimeToLiveCapsTheCopyAndExpiryDeadLettersWhenAsked() {
        QueueEndpoint t = topicWith(b -> b.defaultMessageTimeToLive(Duration.ofSeconds(30))
                .deadLetteringOnMessageExpiration(true));
        t.send(List.of(messageBuilder("m").timeToLive(Duration.ofHours(1)).build())).join();

        h.advance(Duration.ofSeconds(30));

        assertThat(receive(s(), 1)).isEmpty();
        assertThat(receive(dlq(), 1)).extracting(m -> m.meta().deadLetterReason())
                .containsExactly("TTLExpiredException");
        assertThat(bodies(receive(plain(), 1))).as("an hour in the other subscription").containsExactly("m");
    }

    @Test
    void expiredCopiesAreDroppedWithoutDeadLettering() {
        QueueEndpoint t = topicWith(b -> b.defaultMessageTimeToLive(Duration.ofSeconds(30)));
        CoreHarness.send(t, "m");

        h.advance(Duration.ofSeconds(30));

        assertThat(receive(s(), 1)).isEmpty();
        assertThat(receive(dlq(), 1)).isEmpty();
    }

    @Test
    void deadLettersMoveToForwardDeadLetteredMessagesTo() {
        QueueEndpoint archive = h.queue("archive");
        QueueEndpoint t = topicWith(b -> b.forwardDeadLetteredMessagesTo("archive"));
        CoreHarness.send(t, "bad");

        s().deadLetter(receive(s(), 1).get(0).lockToken(), "Poison", "cannot parse", Map.of()).join();

        assertThat(receive(dlq(), 5)).isEmpty();
        ReceivedMessage moved = receive(archive, 5).get(0);
        assertThat(CoreHarness.body(moved)).isEqualTo("bad");
        assertThat(moved.meta().deadLetterReason()).isEqualTo("Poison");
    }

    @Test
    void anIdleSubscriptionIsDeletedAfterItsAutoDeletePeriod() {
        topicWith(b -> b.autoDeleteOnIdle(Duration.ofMinutes(5)));

        h.advance(Duration.ofMinutes(4));
        assertThat(h.ns().getSubscription("t", "s")).isPresent();
        h.advance(Duration.ofMinutes(1));

        assertThat(h.ns().getSubscription("t", "s")).isEmpty();
        assertThat(h.ns().getSubscription("t", "plain")).isPresent();
    }

    @Test
    void aSendDisabledTopicRefusesSendsAndAReceiveDisabledSubscriptionRefusesReceivers() {
        h.ns().createTopic(TopicDescription.builder("t").status(EntityStatus.SEND_DISABLED).build()).join();
        h.ns().createSubscription(SubscriptionDescription.builder("t", "s").status(EntityStatus.RECEIVE_DISABLED)
                .build(), null).join();

        BrokerAssertions.failsWith(h.ns().queue("t").send(List.of(CoreHarness.message("x"))),
                dev.omnibus.amqp.ServiceBusError.ENTITY_DISABLED);
        BrokerAssertions.failsWith(s().openReceiver(ReceiveMode.PEEK_LOCK, new CoreHarness.Collector()),
                dev.omnibus.amqp.ServiceBusError.ENTITY_DISABLED);
    }
}
