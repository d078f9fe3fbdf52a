package dev.omnibus.server.amqp;

import dev.omnibus.amqp.EntityAddress;
import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.SubQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.qpid.protonj2.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code <entity>/$management} node of one entity (a queue, topic or subscription, or a dead-letter queue): the
 * request/response operations of the Service Bus protocol. The message operations are here; session operations are
 * in {@link SessionManagement}, rule operations in {@link RuleManagement}. Requests run on the entity's mailbox;
 * responses are encoded on the connection's event loop. Bodies are maps with string keys and the exact array types
 * the SDKs cast to ({@code long[]}, {@code Date[]}, lists of maps with {@code uuid} and {@code binary} values).
 * Requests from session receivers name their session ({@code session-id}): peek and receive-by-sequence-number then
 * stay within it.
 */
final class ManagementNode {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementNode.class);

    private final Namespace namespace;
    private final EntityAddress address;
    private final Executor loop;
    private final RuleManagement rules;

    ManagementNode(Namespace namespace, EntityAddress address, Executor loop) {
        this.namespace = namespace;
        this.address = address;
        this.loop = loop;
        this.rules = new RuleManagement(namespace, address);
    }

    /** The node key replies are routed by: the entity address's canonical form, lower case. */
    String key() {
        return address.canonical().toLowerCase(Locale.ROOT);
    }

    /** Handles one request; the future completes on the event loop with the encoded response. */
    CompletableFuture<byte[]> handle(NodeRequest request) {
        String operation = request.property(ServiceBusNames.OPERATION);
        CompletableFuture<ManagementResult> result;
        try {
            result = dispatch(operation, request.bodyMap());
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handleAsync((r, e) -> {
            if (e == null) {
                return request.managementResponse(r.status(), r.description(), null, r.encodedBody());
            }
            BrokerException be = failure(e);
            LOG.debug("{} on {} failed: {}", operation, address.canonical(), be.getMessage());
            return request.managementResponse(be.error().statusCode(), be.getMessage(), be.error().condition(), null);
        }, loop);
    }

    private CompletableFuture<ManagementResult> dispatch(String operation, Map<?, ?> body) {
        if (operation == null) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "The request has no 'operation' property.");
        }
        return switch (operation) {
            case ServiceBusNames.RENEW_LOCK -> renewLock(body);
            case ServiceBusNames.PEEK_MESSAGE -> peek(body);
            case ServiceBusNames.SCHEDULE_MESSAGE -> schedule(body);
            case ServiceBusNames.CANCEL_SCHEDULED_MESSAGE -> endpoint()
                    .cancelScheduled(RequestValues.longs(body, ServiceBusNames.SEQUENCE_NUMBERS))
                    .thenApply(v -> ManagementResult.ok(Map.of()));
            case ServiceBusNames.RECEIVE_BY_SEQUENCE_NUMBER -> receiveBySequenceNumber(body);
            case ServiceBusNames.UPDATE_DISPOSITION -> updateDisposition(body);
            case ServiceBusNames.BATCH_DELETE_MESSAGES -> batchDelete(body);
            case ServiceBusNames.RENEW_SESSION_LOCK -> SessionManagement.renewLock(endpoint(), body);
            case ServiceBusNames.SET_SESSION_STATE -> SessionManagement.setState(endpoint(), body);
            case ServiceBusNames.GET_SESSION_STATE -> SessionManagement.getState(endpoint(), body);
            case ServiceBusNames.GET_MESSAGE_SESSIONS -> SessionManagement.list(endpoint(), body);
            case ServiceBusNames.ADD_RULE -> rules.add(body);
            case ServiceBusNames.REMOVE_RULE -> rules.remove(body);
            case ServiceBusNames.ENUMERATE_RULES -> rules.enumerate(body);
            default -> throw new BrokerException(ServiceBusError.NOT_IMPLEMENTED,
                    "The management operation '" + operation + "' is not supported by this broker yet.");
        };
    }

    private QueueEndpoint endpoint() {
        return namespace.endpoint(address.entityPath(), subQueue(address.subQueue()));
    }

    static SubQueue subQueue(EntityAddress.SubQueue s) {
        return switch (s) {
            case NONE -> SubQueue.NONE;
            case DEAD_LETTER -> SubQueue.DEAD_LETTER;
            case TRANSFER_DEAD_LETTER -> SubQueue.TRANSFER_DEAD_LETTER;
        };
    }

    private CompletableFuture<ManagementResult> renewLock(Map<?, ?> body) {
        QueueEndpoint q = endpoint();
        UUID[] tokens = RequestValues.uuids(body, ServiceBusNames.LOCK_TOKENS);
        List<CompletableFuture<Instant>> renewals = new ArrayList<>();
        for (UUID token : tokens) {
            renewals.add(q.renewLock(token));
        }
        return CompletableFuture.allOf(renewals.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Date[] expirations = new Date[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                expirations[i] = Date.from(renewals.get(i).join());
            }
            return ManagementResult.ok(Map.of(ServiceBusNames.EXPIRATIONS, expirations));
        });
    }

    private CompletableFuture<ManagementResult> peek(Map<?, ?> body) {
        long from = RequestValues.number(body, ServiceBusNames.FROM_SEQUENCE_NUMBER, 0).longValue();
        int count = Math.max(1, RequestValues.number(body, ServiceBusNames.MESSAGE_COUNT, 1).intValue());
        String sessionId = RequestValues.text(body, ServiceBusNames.SESSION_ID);
        QueueEndpoint q = endpoint();
        CompletableFuture<List<ReceivedMessage>> peeked = sessionId == null ? q.peek(from, count)
                : q.peekSession(sessionId, from, count);
        return peeked.thenApply(messages -> ManagementResult.okUnlessEmpty(messages, new Encoded(messages, false)));
    }

    private CompletableFuture<ManagementResult> schedule(Map<?, ?> body) {
        List<IncomingMessage> messages = new ArrayList<>();
        for (Object entry : RequestValues.list(body, ServiceBusNames.MESSAGES)) {
            if (!(entry instanceof Map<?, ?> m) || !(m.get(ServiceBusNames.MESSAGE) instanceof Binary encoded)) {
                throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "Each scheduled message needs a 'message'.");
            }
            messages.add(RequestValues.decodeMessage(encoded));
        }
        return endpoint().schedule(messages)
                .thenApply(seqs -> ManagementResult.ok(Map.of(ServiceBusNames.SEQUENCE_NUMBERS, seqs)));
    }

    private CompletableFuture<ManagementResult> receiveBySequenceNumber(Map<?, ?> body) {
        long[] seqs = RequestValues.longs(body, ServiceBusNames.SEQUENCE_NUMBERS);
        int settleMode = RequestValues.number(body, ServiceBusNames.RECEIVER_SETTLE_MODE, 1).intValue();
        ReceiveMode mode = settleMode == 0 ? ReceiveMode.RECEIVE_AND_DELETE : ReceiveMode.PEEK_LOCK;
        String sessionId = RequestValues.text(body, ServiceBusNames.SESSION_ID);
        return endpoint().receiveDeferred(seqs, mode, sessionId)
                .thenApply(messages -> ManagementResult.ok(new Encoded(messages, true)));
    }

    private CompletableFuture<ManagementResult> updateDisposition(Map<?, ?> body) {
        QueueEndpoint q = endpoint();
        UUID[] tokens = RequestValues.uuids(body, ServiceBusNames.LOCK_TOKENS);
        String status = RequestValues.text(body, ServiceBusNames.DISPOSITION_STATUS);
        Map<String, Object> props = MessageReader.propertiesToModify(
                body.get(ServiceBusNames.PROPERTIES_TO_MODIFY) instanceof Map<?, ?> m ? m : null);
        String reason = RequestValues.text(body, ServiceBusNames.DEADLETTER_REASON_BODY);
        String description = RequestValues.text(body, ServiceBusNames.DEADLETTER_DESCRIPTION_BODY);
        List<CompletableFuture<Void>> ops = new ArrayList<>();
        for (UUID token : tokens) {
            ops.add(switch (status == null ? "" : status) {
                case ServiceBusNames.DISPOSITION_COMPLETED -> q.complete(token);
                case ServiceBusNames.DISPOSITION_ABANDONED -> q.abandon(token, props);
                case ServiceBusNames.DISPOSITION_DEFERRED -> q.defer(token, props);
                case ServiceBusNames.DISPOSITION_SUSPENDED -> q.deadLetter(token, reason, description, props);
                default -> throw new BrokerException(ServiceBusError.ARGUMENT_ERROR,
                        "Unknown disposition-status '" + status + "'.");
            });
        }
        return CompletableFuture.allOf(ops.toArray(CompletableFuture[]::new))
                .thenApply(v -> ManagementResult.ok(Map.of()));
    }

    private CompletableFuture<ManagementResult> batchDelete(Map<?, ?> body) {
        int count = RequestValues.number(body, ServiceBusNames.MESSAGE_COUNT, 0).intValue();
        Instant before = RequestValues.instant(body, ServiceBusNames.ENQUEUED_TIME_UTC);
        return endpoint().deleteMessages(count, before)
                .thenApply(n -> ManagementResult.ok(Map.of(ServiceBusNames.MESSAGE_COUNT, n)));
    }

    private static BrokerException failure(Throwable e) {
        BrokerException be = BrokerException.unwrap(e);
        if (be.error() == ServiceBusError.INTERNAL_ERROR && be.getCause() instanceof IllegalArgumentException bad) {
            return new BrokerException(ServiceBusError.ARGUMENT_ERROR, bad.getMessage());
        }
        return be;
    }

    /** Messages to return in a {@code messages} list, encoded on the event loop. */
    private record Encoded(List<ReceivedMessage> messages, boolean withLockTokens) implements ManagementResult.Lazy {
        @Override
        public Map<String, Object> get() {
            List<Map<String, Object>> list = new ArrayList<>(messages.size());
            for (ReceivedMessage m : messages) {
                Map<String, Object> entry = new LinkedHashMap<>();
                if (withLockTokens && m.lockToken() != null) {
                    entry.put(ServiceBusNames.LOCK_TOKEN_BODY, m.lockToken());
                }
                entry.put(ServiceBusNames.MESSAGE, new Binary(DeliveryWriter.write(m)));
                list.add(entry);
            }
            return Map.of(ServiceBusNames.MESSAGES, list);
        }
    }
}
