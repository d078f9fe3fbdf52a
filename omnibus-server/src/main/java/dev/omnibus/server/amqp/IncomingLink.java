package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.QueueEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transactions.TransactionalState;
import org.apache.qpid.protonj2.types.transport.DeliveryState;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;

/**
 * A link the client sends messages on, to a queue. Transfers (possibly many frames, plain or batched) are decoded
 * once into {@link IncomingMessage}s and handed to the entity, which stores them atomically; the transfer is then
 * settled {@code accepted}, or {@code rejected} with the catalogue error. A link that carries nothing for the link
 * idle timeout is detached ({@link IdleLinks}). Confined to the connection's event loop.
 */
final class IncomingLink {
    /** Credit kept open for the client; topped up when half is used. */
    static final int CREDIT = 1000;

    private final AmqpConnection connection;
    private final Receiver link;
    private final QueueEndpoint endpoint;
    private final long maxMessageSize;
    private final String entity;
    private IdleLinks.Watch idle;
    private Burst burst = new Burst();

    /** Bytes seen so far of a transfer that spans frames, and whether it is already too large. */
    private static final class Progress {
        long bytes;
        boolean oversized;
    }

    /**
     * @param entity the entity's key for idle tracking ({@link IdleLinks#entityKey})
     */
    IncomingLink(AmqpConnection connection, Receiver link, QueueEndpoint endpoint, String entity) {
        this.connection = connection;
        this.link = link;
        this.endpoint = endpoint;
        this.maxMessageSize = endpoint.description().maxMessageSizeBytes();
        this.entity = entity;
    }

    void open() {
        link.setSource(link.getRemoteSource());
        link.setTarget(link.getRemoteTarget() instanceof Target t ? t : null);
        link.setSenderSettleMode(link.getRemoteSenderSettleMode());
        link.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        link.setMaxMessageSize(UnsignedLong.valueOf(maxMessageSize));
        link.setProperties(Map.of());
        idle = connection.idleLinks().watch(link, entity, this::forceDetach);
        link.deliveryReadHandler(this::onRead);
        link.creditStateUpdateHandler(l -> idle.touch());
        link.closeHandler(l -> {
            idle.cancel();
            l.close();
        });
        link.detachHandler(l -> {
            idle.cancel();
            l.detach();
        });
        link.open();
        link.addCredit(CREDIT);
    }

    /** Nothing was sent for the link idle timeout: the link is closed with {@code amqp:link:detach-forced}. */
    private void forceDetach(ErrorCondition why) {
        if (!link.isLocallyClosedOrDetached()) {
            link.setCondition(why);
            link.close();
        }
    }

    private void onRead(IncomingDelivery delivery) {
        idle.touch();
        if (delivery.isAborted()) {
            delivery.settle();
            return;
        }
        Progress progress = delivery.getLinkedResource();
        if (progress == null) {
            progress = new Progress();
            delivery.setLinkedResource(progress);
        }
        if (progress.oversized) {
            progress.bytes += AmqpConnection.readAll(delivery).length;
        } else if (delivery.available() > maxMessageSize) {
            // Too large already: stop buffering it and keep only the count.
            progress.oversized = true;
            progress.bytes = AmqpConnection.readAll(delivery).length;
        }
        if (delivery.isPartial()) {
            return;
        }
        if (link.getCredit() < CREDIT / 2) {
            link.addCredit(CREDIT - link.getCredit());
        }
        if (progress.oversized) {
            settle(delivery, AmqpErrors.rejected(ServiceBusError.MESSAGE_SIZE_EXCEEDED,
                    ServiceBusError.MESSAGE_SIZE_EXCEEDED.describe(progress.bytes, maxMessageSize)));
            return;
        }
        if (delivery.getState() instanceof TransactionalState) {
            settle(delivery, AmqpErrors.rejected(ServiceBusError.NOT_IMPLEMENTED,
                    "Transactions are not supported by this broker yet."));
            return;
        }
        List<IncomingMessage> messages;
        try {
            messages = MessageReader.readTransfer(AmqpConnection.readAll(delivery),
                    Integer.toUnsignedLong(delivery.getMessageFormat()));
        } catch (IllegalArgumentException e) {
            settle(delivery, AmqpErrors.rejected(ServiceBusError.DECODE_ERROR,
                    "The message could not be decoded: " + e.getMessage()));
            return;
        }
        if (burst.isEmpty()) {
            // Behind the reads of this round: the burst goes to the entity in one hand-off.
            connection.post(this::sendBurst);
        }
        burst.add(delivery, messages);
    }

    /** Hands the transfers read in one round to the entity; each is settled on its own outcome, in one task. */
    private void sendBurst() {
        Burst sent = burst;
        burst = new Burst();
        if (sent.isEmpty()) {
            return;
        }
        endpoint.sendEach(sent.messages, failures -> connection.post(() -> {
            for (int i = 0; i < failures.length; i++) {
                settle(sent.deliveries.get(i), failures[i] == null ? Accepted.getInstance()
                        : AmqpErrors.rejected(failures[i]));
            }
        }));
    }

    /** Transfers read but not yet handed to the entity. */
    private static final class Burst {
        final List<IncomingDelivery> deliveries = new ArrayList<>();
        final List<List<IncomingMessage>> messages = new ArrayList<>();

        void add(IncomingDelivery delivery, List<IncomingMessage> sent) {
            deliveries.add(delivery);
            messages.add(sent);
        }

        boolean isEmpty() {
            return deliveries.isEmpty();
        }
    }

    private void settle(IncomingDelivery delivery, DeliveryState outcome) {
        if (delivery.isSettled() || link.isLocallyClosedOrDetached() || link.isRemotelyClosedOrDetached()) {
            return;
        }
        if (delivery.isRemotelySettled()) {
            delivery.settle();
        } else {
            delivery.disposition(outcome, true);
        }
    }
}
