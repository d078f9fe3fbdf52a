package dev.omnibus.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.EntityAddress.SubQueue;
import org.junit.jupiter.api.Test;

class EntityAddressTest {
    @Test
    void stripsSchemeAuthorityAndSlashes() {
        assertThat(EntityAddress.parse("amqps://host:5671/orders").entityPath()).isEqualTo("orders");
        assertThat(EntityAddress.parse("/orders").entityPath()).isEqualTo("orders");
        assertThat(EntityAddress.parse("sb://localhost/").entityPath()).isEmpty();
    }

    @Test
    void recognisesSubQueuesAndManagementInAnyCase() {
        EntityAddress dlq = EntityAddress.parse("orders/$deadletterqueue");
        assertThat(dlq.subQueue()).isEqualTo(SubQueue.DEAD_LETTER);
        assertThat(dlq.canonical()).isEqualTo("orders/$DeadLetterQueue");
        EntityAddress tdlq = EntityAddress.parse("orders/$Transfer/$DeadLetterQueue/$management");
        assertThat(tdlq.subQueue()).isEqualTo(SubQueue.TRANSFER_DEAD_LETTER);
        assertThat(tdlq.management()).isTrue();
        assertThat(tdlq.entityPath()).isEqualTo("orders");
    }

    @Test
    void splitsSubscriptionPaths() {
        EntityAddress sub = EntityAddress.parse("topic.1/subscriptions/subscription.1/$DeadLetterQueue");
        assertThat(sub.isSubscription()).isTrue();
        assertThat(sub.topicName()).isEqualTo("topic.1");
        assertThat(sub.subscriptionName()).isEqualTo("subscription.1");
        assertThat(EntityAddress.parse("queue.1").isSubscription()).isFalse();
    }
}
