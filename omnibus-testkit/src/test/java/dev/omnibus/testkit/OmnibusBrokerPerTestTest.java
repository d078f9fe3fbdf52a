package dev.omnibus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@OmnibusBroker(perTest = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OmnibusBrokerPerTestTest {
    private static EmbeddedBroker first;

    @Test
    @Order(1)
    void first(EmbeddedBroker broker) {
        first = broker;
        broker.createQueue("only-here");
    }

    @Test
    @Order(2)
    void secondGetsAFreshBrokerAndTheFirstIsClosed(EmbeddedBroker broker) {
        assertThat(broker).isNotSameAs(first);
        assertThat(broker.namespace().hasQueue("only-here")).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", first.port()).close()).isInstanceOf(ConnectException.class);
    }
}
