package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.Broker;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.SystemTimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Entity turns a connection starts run on its event loop (LoopTurns), outside any read of that connection: what they
 * write must still go out without waiting for the peer to send something else. The peer here sends nothing while it
 * waits, so a reply left unflushed would never arrive.
 */
@Timeout(30)
class LoopTurnsTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SystemTimeSource time = new SystemTimeSource();
    private Broker broker;
    private AmqpServer server;

    @BeforeEach
    void start() {
        broker = Broker.open(new InMemoryMessageStore(), time, pool);
        broker.namespace().createQueue(QueueDescription.builder("q").build()).join();
        server = AmqpServer.start(AmqpServerOptions.defaults(), broker);
    }

    @AfterEach
    void stop() {
        server.close();
        broker.close();
        pool.shutdownNow();
        time.close();
    }

    @Test
    void sendOutcomesDeliveriesAndSettlementRepliesArriveWhileThePeerIsSilent() throws Exception {
        try (SocketPeer client = new SocketPeer(server.port(), "localhost").open("sb://localhost/")) {
            Sender sender = client.sender("q");
            List<OutgoingDelivery> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(client.send(sender, Messages.message("m" + i), false));
                client.until(() -> sent.get(sent.size() - 1).getRemoteState() instanceof Accepted);
            }

            List<IncomingDelivery> got = new ArrayList<>();
            client.receiver("q", got);
            client.until(() -> got.size() == 10);
            for (IncomingDelivery d : got) {
                d.disposition(Accepted.getInstance(), false);
                client.until(d::isRemotelySettled);
                assertThat(d.getRemoteState()).isInstanceOf(Accepted.class);
            }
        }
        assertThat(broker.namespace().queue("q").peek(0, 100).join()).hasSize(10);
    }
}
