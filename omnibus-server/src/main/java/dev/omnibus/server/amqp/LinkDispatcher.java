package dev.omnibus.server.amqp;

import dev.omnibus.amqp.EntityAddress;
import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.server.auth.AccessPolicies;
import dev.omnibus.server.auth.AccessRight;
import java.util.Map;
import java.util.Set;
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
 * entity to send to (queue, topic) or receive from (queue, subscription, their dead-letter queues; the whole entity
 * or one session of it); checks the connection's grants (a receiver needs Listen, a sender Send, a management
 * operation the right {@link OperationRights} names); and hands the link to its handler, or refuses it with the
 * catalogue error.
 *
 * <p>The address alone decides: the {@code com.microsoft:entity-type} link property (Java sends an int, 0 queue,
 * 1 topic, 2 subscription; older .NET the string {@code entity-mgmt} on management links) and other unknown link
 * properties are ignored. Confined to the connection's event loop.
 */
final class LinkDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LinkDispatcher.class);
    private static final Symbol TRANSFER_DESTINATION = Symbol.valueOf("com.microsoft:transfer-destination-address");
    /**
     * Management operations on the locks a receiver holds; like traffic on the receiver's link, they keep it from
     * being detached for idleness (Service Bus counts a lock renewal as the receiver being in use).
     */
    private static final Set<String> LOCK_OPERATIONS = Set.of(ServiceBusNames.RENEW_LOCK,
            ServiceBusNames.RENEW_SESSION_LOCK, ServiceBusNames.UPDATE_DISPOSITION);

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
                if (resolve(link, address, null) != null) {
                    connection.replies().attach(link, managementNode(address).key());
                }
            } else {
                QueueEndpoint endpoint = resolve(link, address, AccessRight.LISTEN);
                if (endpoint != null) {
                    ReceiveMode mode = link.getRemoteSenderSettleMode() == SenderSettleMode.SETTLED
                            ? ReceiveMode.RECEIVE_AND_DELETE : ReceiveMode.PEEK_LOCK;
                    ReceiverOpener opener = SessionAttach.requested(source) ? SessionAttach.of(endpoint, mode, link)
                            : ReceiverOpener.plain(endpoint, mode);
                    OutgoingLink outgoing = new OutgoingLink(connection, link, endpoint, mode, opener,
                            IdleLinks.entityKey(address.entityPath(), address.subQueue()));
                    connection.track(outgoing);
                    outgoing.open();
                }
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
                if (resolve(link, address, null) != null) {
                    ManagementNode node = managementNode(address);
                    String entity = IdleLinks.entityKey(address.entityPath(), address.subQueue());
                    new RequestLink(connection, link, node.key(), request -> {
                        AccessRight needed = OperationRights.of(request.property(ServiceBusNames.OPERATION));
                        if (needed != null && !connection.grants().covers(address.entityPath(), needed,
                                connection.now())) {
                            return CompletableFuture.completedFuture(request.managementResponse(
                                    ServiceBusError.UNAUTHORIZED.statusCode(), missingClaim(needed, address),
                                    ServiceBusError.UNAUTHORIZED.condition(), null));
                        }
                        if (LOCK_OPERATIONS.contains(request.property(ServiceBusNames.OPERATION))) {
                            connection.idleLinks().touchEntity(entity);
                        }
                        return node.handle(request);
                    }).open();
                }
            } else if (hasProperty(link, TRANSFER_DESTINATION)) {
                AmqpErrors.refuse(link, ServiceBusError.NOT_IMPLEMENTED,
                        "Sending via another entity (cross-entity transactions) is not supported by this broker yet.");
            } else if (address.subQueue() != EntityAddress.SubQueue.NONE) {
                AmqpErrors.refuse(link, ServiceBusError.NOT_ALLOWED,
                        "Messages cannot be sent to a dead-letter queue: '" + address.canonical() + "'.");
            } else {
                QueueEndpoint endpoint = resolve(link, address, AccessRight.SEND);
                if (endpoint == null) {
                    return;
                }
                if (address.isSubscription()) {
                    AmqpErrors.refuse(link, ServiceBusError.NOT_ALLOWED, "Messages cannot be sent to a subscription: '"
                            + address.canonical() + "'. Send to its topic.");
                    return;
                }
                new IncomingLink(connection, link, endpoint,
                        IdleLinks.entityKey(address.entityPath(), address.subQueue())).open();
            }
        });
    }

    private ManagementNode managementNode(EntityAddress address) {
        return new ManagementNode(namespace, address, connection.loop());
    }

    /**
     * The queue, topic, subscription or dead-letter queue an address names, once the connection's grants cover it
     * with {@code right} (null: any right); refuses the link and returns null when they do not. An entity that does
     * not exist is refused by {@link #guarded} with the core's not-found error, worded as the SDKs expect.
     */
    private QueueEndpoint resolve(Link<?> link, EntityAddress address, AccessRight right) {
        if (!connection.grants().covers(address.entityPath(), connection.now())) {
            AmqpErrors.refuse(link, ServiceBusError.UNAUTHORIZED, ServiceBusError.UNAUTHORIZED.describe(
                    "No valid token authorizes '" + address.entityPath() + "'. Put a token on $cbs first."));
            return null;
        }
        if (right != null && !connection.grants().covers(address.entityPath(), right, connection.now())) {
            AmqpErrors.refuse(link, ServiceBusError.UNAUTHORIZED, missingClaim(right, address));
            return null;
        }
        return namespace.endpoint(address.entityPath(), ManagementNode.subQueue(address.subQueue()));
    }

    /** Service Bus's words: {@code Unauthorized access. 'Send' claim(s) are required ... Resource: 'q'.} */
    private static String missingClaim(AccessRight right, EntityAddress address) {
        return ServiceBusError.UNAUTHORIZED.describe(AccessPolicies.missingClaim(right) + " Resource: '"
                + address.entityPath() + "'.");
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
