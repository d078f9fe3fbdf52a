package dev.omnibus.client.implementation;

import dev.omnibus.client.exceptions.ServiceBusException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.qpid.protonj2.engine.Link;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;

/**
 * Attaches a link and turns the service's answer into a future. Service Bus refuses an attach by answering with a
 * null source (receivers) or target (senders) and detaching at once with the error, so the future fails with the
 * detach's condition. After a successful attach, a remote detach or the connection's end is reported once to the
 * link's owner. Call on the connection's event loop.
 */
final class LinkAttach {
    private LinkAttach() {
    }

    /** The settings of a link to attach. */
    record Settings(String name, String sourceAddress, String targetAddress, SenderSettleMode senderSettleMode,
                    ReceiverSettleMode receiverSettleMode, Map<Symbol, Object> properties,
                    Map<Symbol, Object> sourceFilter) {
    }

    /**
     * Configures and opens {@code link}; the future completes with it when the service has attached its end.
     *
     * @param onDetached told once if the link ends after it was attached (remote detach or connection end)
     */
    static <L extends Link<L>> CompletableFuture<L> attach(AmqpConnection connection, L link, Settings settings,
                                                            Consumer<ServiceBusException> onDetached) {
        CompletableFuture<L> attached = new CompletableFuture<>();
        Source source = new Source();
        source.setAddress(settings.sourceAddress());
        if (settings.sourceFilter() != null) {
            source.setFilter(settings.sourceFilter());
        }
        Target target = new Target();
        target.setAddress(settings.targetAddress());
        link.setSource(source)
                .setTarget(target)
                .setSenderSettleMode(settings.senderSettleMode())
                .setReceiverSettleMode(settings.receiverSettleMode());
        if (settings.properties() != null) {
            link.setProperties(settings.properties());
        }
        String context = "Link " + settings.name() + " to " + (link.isSender() ? settings.targetAddress()
                : settings.sourceAddress());
        Consumer<ServiceBusException> ended = error -> {
            if (!attached.completeExceptionally(error)) {
                onDetached.accept(error);
            }
        };
        link.openHandler(remote -> {
            // The service refuses a sender by answering with a null target, a receiver with a null source.
            boolean refused = remote.isSender() ? remote.getRemoteTarget() == null : remote.getRemoteSource() == null;
            if (!refused) {
                attached.complete(remote);
            }
            // A refused attach is followed by a detach carrying the reason; wait for it.
        });
        link.detachHandler(remote -> {
            closeQuietly(remote);
            ended.accept(ServiceBusExceptions.fromCondition(remote.getRemoteCondition(), context));
        });
        link.closeHandler(remote -> {
            closeQuietly(remote);
            ended.accept(ServiceBusExceptions.fromCondition(remote.getRemoteCondition(), context));
        });
        link.parentEndpointClosedHandler(remote -> ended.accept(ServiceBusExceptions.connectionLost(
                context + ": its session or connection ended", null)));
        Runnable stopListening = connection.onClosed(ended);
        link.localCloseHandler(local -> stopListening.run());
        link.localDetachHandler(local -> stopListening.run());
        link.open();
        return attached;
    }

    /**
     * Closes a link and then the AMQP session it was made on (each link of this client has a session of its own),
     * so links that come and go (a session processor's, one per Service Bus session) leave no sessions behind.
     */
    static void closeWithSession(Link<?> link) {
        closeQuietly(link);
        try {
            org.apache.qpid.protonj2.engine.Session session = link.getSession();
            if (session.isLocallyOpen()) {
                session.close();
            }
        } catch (RuntimeException ignored) {
            // The engine is shutting down; the connection's end ends the session too.
        }
    }

    /** Closes a link locally unless it already is; failures of an ending connection are irrelevant here. */
    static void closeQuietly(Link<?> link) {
        try {
            if (!link.isLocallyClosedOrDetached()) {
                link.close();
            }
        } catch (RuntimeException ignored) {
            // The engine is shutting down; there is nothing left to close.
        }
    }
}
