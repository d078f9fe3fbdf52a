package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.client.exceptions.ServiceBusConnectionException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedInteger;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Rejected;
import org.apache.qpid.protonj2.types.transport.DeliveryState;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;

/**
 * A sender link to an entity. Transfers are unsettled; each send completes when the service settles it:
 * {@code accepted} is success, {@code rejected} carries the error. Sends wait (in order) for link credit.
 *
 * <p>Confined to the connection's event loop, except {@link #send}, which hops onto it.
 */
final class SendLink {
    /** Java's SDK assumes 256 KiB when the service does not say. */
    private static final long DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024;

    private record PendingSend(byte[] payload, int format, CompletableFuture<Void> done) {
    }

    private final AmqpConnection connection;
    private final String entityPath;
    private final ArrayDeque<PendingSend> waitingForCredit = new ArrayDeque<>();
    private final CompletableFuture<SendLink> ready = new CompletableFuture<>();
    private Sender sender;
    private long nextTag;
    private volatile long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private volatile ServiceBusException failure;

    private SendLink(AmqpConnection connection, String entityPath) {
        this.connection = connection;
        this.entityPath = entityPath;
    }

    /** Authorises and attaches a sender link to {@code entityPath}. */
    static CompletableFuture<SendLink> open(AmqpConnection connection, String entityPath) {
        SendLink link = new SendLink(connection, entityPath);
        connection.authorizer().authorize(entityPath).whenComplete((ok, error) -> {
            if (error != null) {
                link.ready.completeExceptionally(ServiceBusExceptions.unwrap(error));
            } else {
                connection.execute(link::attach);
            }
        });
        return link.ready;
    }

    private void attach() {
        String name = connection.config().clientId() + ":send:" + entityPath;
        sender = connection.newSession().sender(name);
        sender.creditStateUpdateHandler(s -> drainWaiting());
        sender.deliveryStateUpdatedHandler(this::onSettled);
        Map<Symbol, Object> properties = Map.of(Symbol.valueOf(ServiceBusNames.TIMEOUT),
                UnsignedInteger.valueOf(connection.config().retry().getTryTimeout().toMillis()));
        LinkAttach.attach(connection, sender, new LinkAttach.Settings(name, connection.config().clientId(),
                entityPath, SenderSettleMode.UNSETTLED, ReceiverSettleMode.FIRST, properties, null), this::fail)
                .whenComplete((attached, error) -> {
                    if (error != null) {
                        fail(ServiceBusExceptions.unwrap(error) instanceof ServiceBusException e ? e
                                : ServiceBusExceptions.connectionLost(name + " failed", error));
                        return;
                    }
                    UnsignedLong remoteMax = attached.getRemoteMaxMessageSize();
                    if (remoteMax != null && remoteMax.longValue() > 0) {
                        maxMessageSize = remoteMax.longValue();
                    }
                    ready.complete(this);
                });
    }

    /**
     * Sends an encoded message (format 0) or batch ({@link ServiceBusNames#BATCH_MESSAGE_FORMAT}).
     * The future completes when the service accepted it, or fails with the mapped error.
     */
    CompletableFuture<Void> send(byte[] payload, long format) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.execute(() -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            waitingForCredit.add(new PendingSend(payload, (int) format, done));
            drainWaiting();
        });
        return done;
    }

    private void drainWaiting() {
        while (!waitingForCredit.isEmpty() && sender.isSendable()) {
            PendingSend send = waitingForCredit.poll();
            if (send.done().isDone()) {
                continue; // Timed out while waiting for credit: the caller has already given up.
            }
            OutgoingDelivery delivery = sender.next();
            delivery.setTag(RequestResponseChannel.longTag(nextTag++));
            delivery.setMessageFormat(send.format());
            delivery.setLinkedResource(send.done());
            delivery.writeBytes(ProtonByteArrayBufferAllocator.wrapped(send.payload()));
        }
    }

    private void onSettled(OutgoingDelivery delivery) {
        if (!delivery.isRemotelySettled()) {
            return;
        }
        CompletableFuture<Void> done = delivery.getLinkedResource();
        delivery.settle();
        if (done == null) {
            return;
        }
        DeliveryState state = delivery.getRemoteState();
        if (state instanceof Accepted) {
            done.complete(null);
        } else if (state instanceof Rejected rejected) {
            done.completeExceptionally(ServiceBusExceptions.fromCondition(rejected.getError(),
                    "Sending to " + entityPath));
        } else {
            // Released or modified: the service did not take the message but invites a retry.
            done.completeExceptionally(new ServiceBusException("Sending to " + entityPath + " was not accepted: "
                    + state, ServiceBusFailureReason.SERVICE_BUSY, true, null));
        }
    }

    private void fail(ServiceBusException error) {
        if (failure != null) {
            return;
        }
        failure = error;
        ready.completeExceptionally(error);
        ServiceBusException pendingError = error.isTransient() ? error
                : new ServiceBusConnectionException("The link to " + entityPath + " closed: " + error.getMessage(),
                error);
        for (PendingSend send : waitingForCredit) {
            send.done().completeExceptionally(error);
        }
        waitingForCredit.clear();
        if (sender != null) {
            for (OutgoingDelivery delivery : sender.unsettled()) {
                CompletableFuture<Void> done = delivery.getLinkedResource();
                if (done != null) {
                    // Sent but unconfirmed: the service may have it; a retry may duplicate it, as in every SDK.
                    done.completeExceptionally(pendingError);
                }
            }
            LinkAttach.closeWithSession(sender);
        }
    }

    /** @return the largest message (or batch) the service accepts on this link, in bytes */
    long maxMessageSize() {
        return maxMessageSize;
    }

    /** @return whether sends can still be made on this link */
    boolean isUsable() {
        return failure == null && connection.isUsable();
    }

    /** Detaches the link; pending sends fail. */
    void close() {
        connection.execute(() -> fail(ServiceBusExceptions.connectionLost("The sender was closed", null)));
    }
}
