package dev.omnibus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@OmnibusBroker(queues = {"orders", "payments"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OmnibusBrokerPerClassTest {
    private static EmbeddedBroker first;

    @Test
    @Order(1)
    void injectsARunningBrokerWithTheQueues(EmbeddedBroker broker) {
        first = broker;
        assertThat(broker.namespace().hasQueue("orders")).isTrue();
        assertThat(broker.namespace().hasQueue("payments")).isTrue();
        broker.createQueue("made-by-test-one");
    }

    @Test
    @Order(2)
    void theSecondTestSeesTheSameBroker(EmbeddedBroker broker) {
        assertThat(broker).isSameAs(first);
        assertThat(broker.namespace().hasQueue("made-by-test-one")).isTrue();
    }
}
