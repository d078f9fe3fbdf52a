package dev.omnibus.server.amqp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link a client sends {@code $cbs} or {@code $management} requests on. Each request is accepted (unless the
 * client sent it pre-settled, as Java and .NET do), handled, and its response routed by the {@link ReplyRouter}.
 * Confined to the connection's event loop.
 */
final class RequestLink {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLink.class);
    private static final int CREDIT = 100;

    private final AmqpConnection connection;
    private final Receiver link;
    private final String node;
    private final Function<NodeRequest, CompletableFuture<byte[]>> handler;

    RequestLink(AmqpConnection connection, Receiver link, String node,
                Function<NodeRequest, CompletableFuture<byte[]>> handler) {
        this.connection = connection;
        this.link = link;
        this.node = node;
        this.handler = handler;
    }

    void open() {
        link.setSource(link.getRemoteSource());
        link.setTarget(link.getRemoteTarget() instanceof Target t ? t : null);
        link.setSenderSettleMode(link.getRemoteSenderSettleMode());
        link.setReceiverSettleMode(link.getRemoteReceiverSettleMode());
        link.setProperties(Map.of());
        link.deliveryReadHandler(this::onRead);
        link.closeHandler(l -> l.close());
        link.detachHandler(l -> l.detach());
        link.open();
        link.addCredit(CREDIT);
    }

    private void onRead(IncomingDelivery delivery) {
        if (delivery.isPartial()) {
            return;
        }
        if (delivery.isAborted()) {
            delivery.settle();
            return;
        }
        byte[] payload = AmqpConnection.readAll(delivery);
        if (!delivery.isRemotelySettled()) {
            delivery.disposition(Accepted.getInstance(), true);
        } else {
            delivery.settle();
        }
        if (link.getCredit() < CREDIT / 2) {
            link.addCredit(CREDIT - link.getCredit());
        }
        NodeRequest request;
        try {
            request = NodeRequest.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.debug("Undecodable request on {}: {}", node, e.getMessage());
            return;
        }
        CompletableFuture<byte[]> response;
        try {
            response = handler.apply(request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((bytes, e) -> connection.execute(() -> {
            if (e != null) {
                LOG.warn("Request on {} failed unexpectedly", node, e);
            } else {
                connection.replies().reply(link.getSession(), node, request.replyTo(), bytes);
            }
        }));
    }
}
