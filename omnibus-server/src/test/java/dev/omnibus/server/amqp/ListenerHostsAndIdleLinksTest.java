package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.Broker;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real listener (Netty, the system clock, the event loop's timers) with a short link idle timeout and two
 * namespaces: a client reaches a namespace by the host it names, and its idle link is detached on time.
 */
@Timeout(30)
class ListenerHostsAndIdleLinksTest {
    private static final Duration LINK_IDLE = Duration.ofMillis(400);
    private LiveServer live;
    private Broker broker;
    private Namespace orders;
    private AmqpServer server;

    @BeforeEach
    void start() {
        live = new LiveServer(AmqpServerOptions.defaults().withLinkIdleTimeout(LINK_IDLE));
        broker = live.broker;
        server = live.server;
        orders = broker.namespace("orders");
        broker.namespace().createQueue(QueueDescription.builder("q").build()).join();
        orders.createQueue(QueueDescription.builder("q").build()).join();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void theHostNamedInOpenChoosesTheNamespace() throws Exception {
        try (SocketPeer client = new SocketPeer(server.port(), "orders.localhost").open("amqp://orders.localhost/q")) {
            Sender sender = client.sender("q");
            OutgoingDelivery sent = client.send(sender, Messages.message("for orders"), false);
            client.until(() -> sent.getRemoteState() instanceof Accepted);
        }

        assertThat(orders.queue("q").peek(0, 10).join()).extracting(m -> Messages.body(m.payload()))
                .containsExactly("for orders");
        assertThat(broker.namespace().queue("q").peek(0, 10).join()).isEmpty();
    }

    @Test
    void anIdleReceiverIsDetachedWhenTheTimeoutPasses() throws Exception {
        try (SocketPeer client = new SocketPeer(server.port(), "localhost").open("sb://localhost/")) {
            List<IncomingDelivery> got = new ArrayList<>();
            Receiver receiver = client.receiver("q", got);

            client.until(receiver::isRemotelyClosed);

            assertThat(receiver.getRemoteCondition().getCondition().toString()).isEqualTo("amqp:link:detach-forced");
            assertThat(receiver.getRemoteCondition().getDescription())
                    .endsWith("Details: AmqpMessageConsumer.IdleTimerExpired: Idle timeout: 00:00:00.4000000.");
            assertThat(server.idleLinksDetached()).isEqualTo(1);
        }
    }
}
