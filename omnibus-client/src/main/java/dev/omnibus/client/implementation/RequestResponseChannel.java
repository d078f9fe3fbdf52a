package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.client.exceptions.ServiceBusException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.engine.Session;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;

/**
 * The request/response pattern of {@code $cbs} and {@code <entity>/$management}: a sender link to the node and a
 * receiver link from it whose target is a unique reply-to address. Requests are sent pre-settled with a
 * {@code ulong} message id; responses are matched by correlation id. Every request has a deadline, and all
 * outstanding requests fail at once when either link or the connection ends.
 *
 * <p>Confined to the connection's event loop, except {@link #request}, which hops onto it.
 */
final class RequestResponseChannel {
    /** A decoded response. */
    record Response(int status, String description, String condition, Map<String, Object> properties, Object body) {
        /** Whether the status is a success (2xx). */
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as a map with string keys (empty when there is none). */
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return body instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }
    }

    private final AmqpConnection connection;
    private final String address;
    private final String replyTo;
    private final CompletableFuture<RequestResponseChannel> ready = new CompletableFuture<>();
    private final Map<UnsignedLong, CompletableFuture<Response>> pending = new HashMap<>();
    private final ArrayDeque<Runnable> waitingForCredit = new ArrayDeque<>();
    private Sender sender;
    private Receiver receiver;
    private long nextId = 1;
    private volatile ServiceBusException failure;

    private RequestResponseChannel(AmqpConnection connection, String address) {
        this.connection = connection;
        this.address = address;
        this.replyTo = address.replace("$", "") + "-reply-" + UUID.randomUUID();
    }

    /** Attaches both links; the future completes when the service has attached them. */
    static CompletableFuture<RequestResponseChannel> open(AmqpConnection connection, String address) {
        RequestResponseChannel channel = new RequestResponseChannel(connection, address);
        connection.execute(channel::attach);
        return channel.ready;
    }

    private void attach() {
        Session session = connection.newSession();
        String name = connection.config().clientId() + ":" + address;
        sender = session.sender(name + ":request");
        receiver = session.receiver(name + ":response");
        sender.creditStateUpdateHandler(link -> drainWaiting());
        receiver.deliveryReadHandler(this::onResponse);
        CompletableFuture<Sender> senderAttached = LinkAttach.attach(connection, sender,
                new LinkAttach.Settings(sender.getName(), replyTo, address, SenderSettleMode.SETTLED,
                        ReceiverSettleMode.FIRST, null, null), this::fail);
        CompletableFuture<Receiver> receiverAttached = LinkAttach.attach(connection, receiver,
                new LinkAttach.Settings(receiver.getName(), address, replyTo, SenderSettleMode.SETTLED,
                        ReceiverSettleMode.FIRST, null, null), this::fail);
        receiver.addCredit(16);
        CompletableFuture.allOf(senderAttached, receiverAttached).whenComplete((ignored, error) -> {
            if (error != null) {
                fail(ServiceBusExceptions.unwrap(error) instanceof ServiceBusException e ? e
                        : ServiceBusExceptions.connectionLost(address + " could not be attached", error));
            } else {
                ready.complete(this);
            }
        });
    }

    /**
     * Sends a request and returns its response; fails with a timeout after {@code timeout}.
     *
     * @param properties the request's application properties ({@code operation} and the like)
     * @param body the request body (an AMQP value: a map, a string), or null
     */
    CompletableFuture<Response> request(Map<String, Object> properties, Object body, Duration timeout) {
        CompletableFuture<Response> response = new CompletableFuture<>();
        connection.execute(() -> {
            if (failure != null) {
                response.completeExceptionally(failure);
                return;
            }
            UnsignedLong id = UnsignedLong.valueOf(nextId++);
            pending.put(id, response);
            connection.loop().schedule(() -> {
                if (pending.remove(id) != null) {
                    response.completeExceptionally(ServiceBusExceptions.timeout(
                            describe(properties) + " on " + address, timeout));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            Properties messageProperties = new Properties();
            messageProperties.setMessageId(id);
            messageProperties.setReplyTo(replyTo);
            byte[] encoded = MessageCodec.encodeSections(messageProperties, new ApplicationProperties(properties),
                    body == null ? null : new AmqpValue<>(body));
            waitingForCredit.add(() -> send(id, encoded));
            drainWaiting();
        });
        return response;
    }

    private void drainWaiting() {
        while (!waitingForCredit.isEmpty() && sender != null && sender.isSendable()) {
            waitingForCredit.poll().run();
        }
    }

    private void send(UnsignedLong id, byte[] encoded) {
        if (!pending.containsKey(id)) {
            return; // Timed out while waiting for credit.
        }
        if (receiver.getCredit() < pending.size()) {
            receiver.addCredit(pending.size() - receiver.getCredit() + 8);
        }
        OutgoingDelivery delivery = sender.next();
        delivery.setTag(longTag(id.longValue()));
        delivery.settle();
        delivery.writeBytes(ProtonByteArrayBufferAllocator.wrapped(encoded));
    }

    private void onResponse(IncomingDelivery delivery) {
        if (delivery.isPartial()) {
            return;
        }
        byte[] bytes = new byte[delivery.available()];
        delivery.readBytes(bytes, 0, bytes.length);
        if (!delivery.isSettled()) {
            delivery.disposition(Accepted.getInstance(), true);
        }
        if (receiver.getCredit() < 4) {
            receiver.addCredit(16);
        }
        Properties properties = null;
        Map<String, Object> applicationProperties = Map.of();
        Object body = null;
        List<Object> sections = MessageCodec.decodeSections(bytes);
        for (Object section : sections) {
            if (section instanceof Properties p) {
                properties = p;
            } else if (section instanceof ApplicationProperties a && a.getValue() != null) {
                applicationProperties = a.getValue();
            } else if (section instanceof AmqpValue<?> v) {
                body = v.getValue();
            }
        }
        Object correlation = properties == null ? null : properties.getCorrelationId();
        CompletableFuture<Response> response = correlation instanceof UnsignedLong id ? pending.remove(id)
                : correlation instanceof Number n ? pending.remove(UnsignedLong.valueOf(n.longValue())) : null;
        if (response != null) {
            response.complete(toResponse(applicationProperties, body));
        }
    }

    private static Response toResponse(Map<String, Object> properties, Object body) {
        Object status = first(properties, ServiceBusNames.STATUS_CODE, ServiceBusNames.CBS_STATUS_CODE);
        Object description = first(properties, ServiceBusNames.STATUS_DESCRIPTION,
                ServiceBusNames.CBS_STATUS_DESCRIPTION);
        Object condition = first(properties, ServiceBusNames.ERROR_CONDITION, "error-condition");
        return new Response(status instanceof Number n ? n.intValue() : 500,
                description == null ? null : description.toString(),
                condition == null ? null : condition.toString(), properties, body);
    }

    private static Object first(Map<String, Object> map, String key, String legacyKey) {
        Object value = map.get(key);
        return value != null ? value : map.get(legacyKey);
    }

    private void fail(ServiceBusException error) {
        if (failure != null) {
            return;
        }
        failure = error;
        ready.completeExceptionally(error);
        Map<UnsignedLong, CompletableFuture<Response>> outstanding = new LinkedHashMap<>(pending);
        pending.clear();
        waitingForCredit.clear();
        outstanding.values().forEach(f -> f.completeExceptionally(error));
        if (sender != null) {
            LinkAttach.closeQuietly(sender);
        }
        if (receiver != null) {
            LinkAttach.closeWithSession(receiver); // both links share the channel's session
        }
    }

    /** @return whether requests can still be sent */
    boolean isUsable() {
        return failure == null && connection.isUsable();
    }

    /** Detaches both links. */
    void close() {
        connection.execute(() -> fail(ServiceBusExceptions.connectionLost(address + " channel closed", null)));
    }

    private static String describe(Map<String, Object> properties) {
        Object operation = properties.get(ServiceBusNames.OPERATION);
        return operation == null ? "request" : operation.toString();
    }

    static byte[] longTag(long value) {
        byte[] tag = new byte[8];
        for (int i = 7; i >= 0; i--) {
            tag[i] = (byte) value;
            value >>>= 8;
        }
        return tag;
    }
}
