package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueDescription;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host a client names chooses the namespace, as in Service Bus: the OPEN hostname, else the SASL hostname; the
 * whole host or its first label must be a namespace, anything else gets the default one. Two connections to one
 * broker, each in its own namespace, with a queue of the same name.
 */
@Timeout(20)
class NamespaceRoutingTest {
    private TestPeer base;
    private Namespace orders;

    @BeforeEach
    void start() {
        base = new TestPeer();
        orders = base.broker.namespace("orders");
        base.broker.namespace().createQueue(QueueDescription.builder("q").build()).join();
        orders.createQueue(QueueDescription.builder("q").build()).join();
    }

    @AfterEach
    void stop() {
        base.close();
    }

    /** A connection to the shared broker naming these hosts; tokens are put with the Java SDK's audience form. */
    private TestPeer connect(String openHostname, String saslHostname) {
        TestPeer peer = new TestPeer(base, openHostname, saslHostname).open();
        String host = openHostname != null ? openHostname : saslHostname != null ? saslHostname : "localhost";
        assertThat(peer.putToken("amqp://" + host + "/q")).isNotEmpty();
        return peer;
    }

    private static void send(TestPeer peer, String body) {
        Sender sender = peer.sender("q");
        var delivery = peer.send(sender, Messages.message(body), false);
        peer.pump();
        assertThat(delivery.getRemoteState()).isInstanceOf(Accepted.class);
    }

    private static List<String> receiveAll(TestPeer peer) {
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver receiver = peer.receiver("q", false, got);
        receiver.addCredit(10);
        peer.pump();
        return got.stream().map(d -> Messages.body(AmqpConnection.readAll(d))).toList();
    }

    private List<String> stored(Namespace ns) {
        return ns.queue("q").peek(0, 10).join().stream().map(m -> Messages.body(m.payload())).toList();
    }

    @Test
    void sameNamedQueuesInTwoNamespacesAreKeptApart() {
        TestPeer defaultClient = connect("localhost", "localhost");
        TestPeer ordersClient = connect("orders.localhost", "orders.localhost");

        send(defaultClient, "to the default namespace");
        send(ordersClient, "to orders");

        assertThat(stored(base.broker.namespace())).containsExactly("to the default namespace");
        assertThat(stored(orders)).containsExactly("to orders");
        assertThat(receiveAll(ordersClient)).containsExactly("to orders");
        assertThat(receiveAll(defaultClient)).containsExactly("to the default namespace");
    }

    @Test
    void theServiceBusHostFormAndLetterCaseSelectTheNamespaceToo() {
        TestPeer client = connect("Orders.ServiceBus.Windows.Net", null);

        send(client, "cloud-style host");

        assertThat(stored(orders)).containsExactly("cloud-style host");
    }

    @Test
    void withoutAnOpenHostnameTheSaslHostnameDecides() {
        TestPeer client = connect(null, "orders.servicebus.local");

        send(client, "via sasl");

        assertThat(stored(orders)).containsExactly("via sasl");
        assertThat(stored(base.broker.namespace())).isEmpty();
    }

    @Test
    void hostsThatNameNoNamespaceGetTheDefaultOneAndCreateNothing() {
        for (String host : List.of("127.0.0.1", "stranger.localhost", "build-agent-7")) {
            send(connect(host, host), host);
        }

        assertThat(stored(base.broker.namespace())).containsExactly("127.0.0.1", "stranger.localhost",
                "build-agent-7");
        assertThat(base.broker.findNamespace("stranger")).isEmpty();
        assertThat(base.broker.findNamespace("build-agent-7")).isEmpty();
    }

    @Test
    void anEntityOnlyAnotherNamespaceHasIsNotFoundWithThisNamespacesName() {
        orders.createQueue(QueueDescription.builder("only-in-orders").build()).join();
        TestPeer client = connect("localhost", "localhost");
        client.putToken("sb://localhost/");

        Sender sender = client.sender("only-in-orders");

        assertThat(sender.isRemotelyClosed()).isTrue();
        assertThat(sender.getRemoteCondition().getDescription())
                .contains("'sbemulatorns:Queue:only-in-orders' could not be found");
    }
}
