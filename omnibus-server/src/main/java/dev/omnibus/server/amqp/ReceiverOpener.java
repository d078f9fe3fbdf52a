package dev.omnibus.server.amqp;

import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.Receiver;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.protonj2.engine.Sender;

/**
 * How an {@link OutgoingLink} gets its core receiver, and what the attach reply then tells the client about it:
 * a plain receiver echoes the client's source, a session receiver names the session it locked ({@link SessionAttach}).
 * {@link #describe} runs on the connection's event loop.
 */
interface ReceiverOpener {
    /** Opens the core receiver; the future fails with the broker's error when the link must be refused. */
    CompletableFuture<? extends Receiver> open(DeliverySink sink);

    /** Sets the attach reply's source and properties once {@code receiver} is open. */
    void describe(Sender link, Receiver receiver);

    /** A receiver on the whole queue or sub-queue. */
    static ReceiverOpener plain(QueueEndpoint endpoint, ReceiveMode mode) {
        return new ReceiverOpener() {
            @Override
            public CompletableFuture<? extends Receiver> open(DeliverySink sink) {
                return endpoint.openReceiver(mode, sink);
            }

            @Override
            public void describe(Sender link, Receiver receiver) {
                link.setSource(link.getRemoteSource());
                // Always present: pyamqp reads ATTACH fields by position, JavaScript dereferences properties.
                link.setProperties(Map.of());
            }
        };
    }
}
