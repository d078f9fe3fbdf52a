package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.QueueDescription;
import java.util.ArrayList;
import java.util.List;
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
    private LiveServer live;

    @BeforeEach
    void start() {
        live = new LiveServer();
        live.broker.namespace().createQueue(QueueDescription.builder("q").build()).join();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void sendOutcomesDeliveriesAndSettlementRepliesArriveWhileThePeerIsSilent() throws Exception {
        try (SocketPeer client = new SocketPeer(live.port(), "localhost").open("sb://localhost/")) {
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
        assertThat(live.broker.namespace().queue("q").peek(0, 100).join()).hasSize(10);
    }
}
