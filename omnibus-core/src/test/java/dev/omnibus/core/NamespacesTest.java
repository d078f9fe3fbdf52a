package dev.omnibus.core;

import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.ManualTimeSource;
import org.junit.jupiter.api.Test;

/** Several namespaces on one broker: separate entities under the same names, chosen by host, kept across restarts. */
class NamespacesTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void sameNamedQueuesInTwoNamespacesAreSeparate() {
        Namespace orders = h.broker.namespace("orders");
        h.queue("q");
        orders.createQueue(QueueDescription.builder("q").build()).join();

        CoreHarness.send(h.ns().queue("q"), "default");
        CoreHarness.send(orders.queue("q"), "orders");

        assertThat(bodies(receive(h.ns().queue("q"), 5))).containsExactly("default");
        assertThat(bodies(receive(orders.queue("q"), 5))).containsExactly("orders");
    }

    @Test
    void theHostSelectsByWholeNameOrFirstLabelAndFallsBackToTheDefault() {
        Namespace orders = h.broker.namespace("orders");
        Namespace dotted = h.broker.namespace("billing.internal");

        assertThat(h.broker.namespaceForHost("orders.localhost")).isSameAs(orders);
        assertThat(h.broker.namespaceForHost("ORDERS.servicebus.windows.net:5671")).isSameAs(orders);
        assertThat(h.broker.namespaceForHost("orders")).isSameAs(orders);
        assertThat(h.broker.namespaceForHost("billing.internal")).isSameAs(dotted);
        assertThat(h.broker.namespaceForHost("localhost")).isSameAs(h.ns());
        assertThat(h.broker.namespaceForHost("127.0.0.1")).isSameAs(h.ns());
        assertThat(h.broker.namespaceForHost(null)).isSameAs(h.ns());
        assertThat(h.broker.namespaceForHost("unknown.localhost")).isSameAs(h.ns());
    }

    @Test
    void lookingUpByHostNeverCreatesANamespace() {
        h.broker.namespaceForHost("stranger.localhost");

        assertThat(h.broker.findNamespace("stranger")).isEmpty();
        assertThat(h.broker.namespaces()).extracting(Namespace::name).containsExactly(Broker.DEFAULT_NAMESPACE);
    }

    @Test
    void theDefaultNamespaceComesFirstAndExistsFromTheStart() {
        Broker broker = Broker.open(new InMemoryMessageStore(), new ManualTimeSource(), Runnable::run, "main");
        broker.namespace("zeta");
        broker.namespace("alpha");

        assertThat(broker.namespaces()).extracting(Namespace::name).containsExactly("main", "alpha", "zeta");
        assertThat(broker.namespace().name()).isEqualTo("main");
        broker.close();
    }

    @Test
    void entitiesComeBackIntoTheirNamespaceAfterARestart() {
        h.broker.namespace("orders").createQueue(QueueDescription.builder("q").build()).join();
        CoreHarness.send(h.broker.namespace("orders").queue("q"), "kept");

        h.restart();

        assertThat(h.broker.findNamespace("orders")).isPresent();
        assertThat(h.ns().hasQueue("q")).isFalse();
        assertThat(bodies(receive(h.broker.namespaceForHost("orders.localhost").queue("q"), 5)))
                .containsExactly("kept");
    }
}
