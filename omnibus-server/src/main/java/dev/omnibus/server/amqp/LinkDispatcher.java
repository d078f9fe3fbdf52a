package dev.omnibus.server.amqp;

import dev.omnibus.amqp.EntityAddress;
import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.SubQueue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.protonj2.engine.Link;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transactions.Coordinator;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a link the client attaches is: the {@code $cbs} node, an entity's {@code $management} node, or an
 * entity (queue or sub-queue) to send to or receive from; checks the connection's grants; and hands the link to its
 * handler, or refuses it with the catalogue error. Confined to the connection's event loop.
 */
final class LinkDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LinkDispatcher.class);
    private static final Symbol SESSION_FILTER = Symbol.valueOf(ServiceBusNames.SESSION_FILTER);
    private static final Symbol TRANSFER_DESTINATION = Symbol.valueOf("com.microsoft:transfer-destination-address");

    private final AmqpConnection connection;
    private final Namespace namespace;
    private final CbsNode cbs;

    LinkDispatcher(AmqpConnection connection, Namespace namespace, CbsNode cbs) {
        this.connection = connection;
        this.namespace = namespace;
        this.cbs = cbs;
    }

    /** The client attached a link to receive on; the broker's end is a sender. */
    void clientReceiverAttached(Sender link) {
        guarded(link, () -> {
            Source source = link.getRemoteSource();
            EntityAddress address = parse(link, source == null ? null : source.getAddress());
            if (address == null) {
                return;
            }
            if (isCbs(address)) {
                connection.replies().attach(link, ServiceBusNames.CBS_NODE);
            } else if (address.management()) {
                if (entityReady(link, address)) {
                    connection.replies().attach(link, managementNode(address).key());
                }
            } else if (source.getFilter() != null && source.getFilter().containsKey(SESSION_FILTER)) {
                AmqpErrors.refuse(link, ServiceBusError.NOT_IMPLEMENTED,
                        "Session receivers are not supported by this broker yet.");
            } else if (entityReady(link, address)) {
                QueueEndpoint endpoint = namespace.endpoint(address.entityPath(),
                        ManagementNode.subQueue(address.subQueue()));
                ReceiveMode mode = link.getRemoteSenderSettleMode() == SenderSettleMode.SETTLED
                        ? ReceiveMode.RECEIVE_AND_DELETE : ReceiveMode.PEEK_LOCK;
                OutgoingLink outgoing = new OutgoingLink(connection, link, endpoint, mode);
                connection.track(outgoing);
                outgoing.open();
            }
        });
    }

    /** The client attached a link to send on; the broker's end is a receiver. */
    void clientSenderAttached(Receiver link) {
        guarded(link, () -> {
            if (link.getRemoteTarget() instanceof Coordinator) {
                AmqpErrors.refuse(link, ServiceBusError.NOT_IMPLEMENTED,
                        "Transactions are not supported by this broker yet.");
                return;
            }
            Target target = link.getRemoteTarget();
            EntityAddress address = parse(link, target == null ? null : target.getAddress());
            if (address == null) {
                return;
            }
            if (isCbs(address)) {
                new RequestLink(connection, link, ServiceBusNames.CBS_NODE,
                        request -> CompletableFuture.completedFuture(cbs.handle(request))).open();
            } else if (address.management()) {
                if (entityReady(link, address)) {
                    ManagementNode node = managementNode(address);
                    new RequestLink(connection, link, node.key(), node::handle).open();
                }
            } else if (hasProperty(link, TRANSFER_DESTINATION)) {
                AmqpErrors.refuse(link, ServiceBusError.NOT_IMPLEMENTED,
                        "Sending via another entity (cross-entity transactions) is not supported by this broker yet.");
            } else if (address.subQueue() != EntityAddress.SubQueue.NONE) {
                AmqpErrors.refuse(link, ServiceBusError.NOT_ALLOWED,
                        "Messages cannot be sent to a dead-letter queue: '" + address.canonical() + "'.");
            } else if (entityReady(link, address)) {
                new IncomingLink(connection, link, namespace.endpoint(address.entityPath(), SubQueue.NONE)).open();
            }
        });
    }

    private ManagementNode managementNode(EntityAddress address) {
        return new ManagementNode(namespace, address, connection.loop());
    }

    /** Checks the grant and that the entity exists; refuses the link otherwise. */
    private boolean entityReady(Link<?> link, EntityAddress address) {
        if (!connection.grants().covers(address.entityPath(), connection.now())) {
            AmqpErrors.refuse(link, ServiceBusError.UNAUTHORIZED, ServiceBusError.UNAUTHORIZED.describe(
                    "No valid token authorizes '" + address.entityPath() + "'. Put a token on $cbs first."));
            return false;
        }
        if (!namespace.hasQueue(address.entityPath())) {
            AmqpErrors.refuse(link, ServiceBusError.ENTITY_NOT_FOUND, ServiceBusError.ENTITY_NOT_FOUND.describe(
                    namespace.name() + ":" + (address.isSubscription() ? "Subscription" : "Queue") + ":"
                            + address.entityPath()));
            return false;
        }
        return true;
    }

    private static EntityAddress parse(Link<?> link, String address) {
        if (address == null || address.isBlank()) {
            AmqpErrors.refuse(link, ServiceBusError.INVALID_FIELD, "The link has no address.");
            return null;
        }
        return EntityAddress.parse(address);
    }

    private static boolean isCbs(EntityAddress address) {
        return ServiceBusNames.CBS_NODE.equalsIgnoreCase(address.entityPath());
    }

    private static boolean hasProperty(Link<?> link, Symbol key) {
        Map<Symbol, Object> props = link.getRemoteProperties();
        return props != null && props.get(key) != null;
    }

    /** Runs the routing; a failure refuses this link only, never the connection. */
    private void guarded(Link<?> link, Runnable route) {
        try {
            route.run();
        } catch (BrokerException e) {
            AmqpErrors.refuse(link, e);
        } catch (RuntimeException e) {
            LOG.warn("Attaching link {} failed", link.getName(), e);
            AmqpErrors.refuse(link, ServiceBusError.INTERNAL_ERROR,
                    ServiceBusError.INTERNAL_ERROR.describe(e.toString()));
        }
    }
}
