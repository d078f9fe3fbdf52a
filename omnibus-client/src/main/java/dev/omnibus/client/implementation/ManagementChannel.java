package dev.omnibus.client.implementation;

import dev.omnibus.amqp.RuleWire;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.protonj2.types.Binary;
import org.apache.qpid.protonj2.types.UnsignedInteger;

/**
 * The {@code $management} operations of one entity address (§6 of the protocol notes): renew-lock, peek,
 * schedule and cancel, receive-by-sequence-number, update-disposition; the session operations (renew-session-lock,
 * get/set-session-state); the rule operations of a subscription (add-rule, remove-rule, enumerate-rules). Bodies are
 * maps with string keys; lock tokens travel as uuid arrays, sequence numbers as long arrays. Operations of a session
 * receiver name its session ({@code session-id}), so peek and receive-by-sequence-number stay within it.
 */
final class ManagementChannel {
    private static final String MESSAGE_NOT_FOUND = "com.microsoft:message-not-found";

    private final RequestResponseChannel channel;
    private final String address;
    private final Duration timeout;

    private ManagementChannel(RequestResponseChannel channel, String address, Duration timeout) {
        this.channel = channel;
        this.address = address;
        this.timeout = timeout;
    }

    /** Authorises {@code entityPath} and attaches to {@code address/$management}. */
    static CompletableFuture<ManagementChannel> open(AmqpConnection connection, String entityPath, String address) {
        String node = address + "/$management";
        Duration timeout = connection.config().retry().getTryTimeout();
        return connection.authorizer().authorize(entityPath)
                .thenCompose(ok -> RequestResponseChannel.open(connection, node))
                .thenApply(channel -> new ManagementChannel(channel, address, timeout));
    }

    /** Renews a message lock; returns the new expiry. */
    CompletableFuture<OffsetDateTime> renewLock(UUID lockToken, String linkName) {
        Map<String, Object> body = Map.of(ServiceBusNames.LOCK_TOKENS, new UUID[] {lockToken});
        return request(ServiceBusNames.RENEW_LOCK, body, linkName).thenApply(response -> {
            Object expirations = response.map().get(ServiceBusNames.EXPIRATIONS);
            Object first = expirations instanceof Object[] array && array.length > 0 ? array[0]
                    : expirations instanceof long[] longs && longs.length > 0 ? longs[0]
                    : expirations instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
            OffsetDateTime expiry = MessageCodec.asTime(first);
            if (expiry == null) {
                throw ServiceBusExceptions.fromCondition("amqp:decode-error", "renew-lock response without expiration: "
                        + (expirations == null ? null : expirations.getClass()), address);
            }
            return expiry;
        });
    }

    /** Peeks up to {@code count} messages from {@code fromSequenceNumber} on, within a session when one is named. */
    CompletableFuture<List<ServiceBusReceivedMessage>> peek(long fromSequenceNumber, int count, String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ServiceBusNames.FROM_SEQUENCE_NUMBER, fromSequenceNumber);
        body.put(ServiceBusNames.MESSAGE_COUNT, count);
        putSession(body, sessionId);
        return request(ServiceBusNames.PEEK_MESSAGE, body, null).thenApply(response -> messages(response, null));
    }

    /** Schedules messages; returns their sequence numbers, in order. */
    CompletableFuture<long[]> schedule(List<ServiceBusMessage> messages) {
        List<Map<String, Object>> entries = new ArrayList<>(messages.size());
        for (ServiceBusMessage message : messages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(ServiceBusNames.MESSAGE_ID, message.getMessageId() != null ? message.getMessageId()
                    : UUID.randomUUID().toString());
            if (message.getSessionId() != null) {
                entry.put(ServiceBusNames.SESSION_ID, message.getSessionId());
            }
            if (message.getPartitionKey() != null) {
                entry.put(ServiceBusNames.PARTITION_KEY_BODY, message.getPartitionKey());
            }
            entry.put(ServiceBusNames.MESSAGE, new Binary(MessageCodec.encode(message)));
            entries.add(entry);
        }
        return request(ServiceBusNames.SCHEDULE_MESSAGE, Map.of(ServiceBusNames.MESSAGES, entries), null)
                .thenApply(response -> {
                    Object numbers = response.map().get(ServiceBusNames.SEQUENCE_NUMBERS);
                    if (numbers instanceof long[] longs) {
                        return longs;
                    }
                    if (numbers instanceof Object[] boxed) {
                        long[] result = new long[boxed.length];
                        for (int i = 0; i < boxed.length; i++) {
                            result[i] = ((Number) boxed[i]).longValue();
                        }
                        return result;
                    }
                    throw ServiceBusExceptions.fromCondition("amqp:decode-error",
                            "schedule-message response without sequence-numbers", address);
                });
    }

    /** Cancels scheduled messages. */
    CompletableFuture<Void> cancelScheduled(long[] sequenceNumbers) {
        return request(ServiceBusNames.CANCEL_SCHEDULED_MESSAGE,
                Map.of(ServiceBusNames.SEQUENCE_NUMBERS, sequenceNumbers), null).thenApply(response -> null);
    }

    /** Receives deferred messages by sequence number; in peek-lock they are settled through this channel. */
    CompletableFuture<List<ServiceBusReceivedMessage>> receiveDeferred(long[] sequenceNumbers,
                                                                       ServiceBusReceiveMode mode, String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ServiceBusNames.SEQUENCE_NUMBERS, sequenceNumbers);
        body.put(ServiceBusNames.RECEIVER_SETTLE_MODE,
                UnsignedInteger.valueOf(mode == ServiceBusReceiveMode.PEEK_LOCK ? 1 : 0));
        putSession(body, sessionId);
        return request(ServiceBusNames.RECEIVE_BY_SEQUENCE_NUMBER, body, null).thenApply(response -> {
            if (response.status() == 404 || response.status() == 204) {
                throw ServiceBusExceptions.fromCondition(MESSAGE_NOT_FOUND, "No deferred message has the sequence "
                        + "numbers " + java.util.Arrays.toString(sequenceNumbers), address);
            }
            return messages(response, mode);
        });
    }

    /** Settles a message by lock token: completed, abandoned, suspended (dead-lettered) or defered. */
    CompletableFuture<Void> updateDisposition(UUID lockToken, String status, String reason, String description,
                                              Map<String, Object> propertiesToModify, String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ServiceBusNames.LOCK_TOKENS, new UUID[] {lockToken});
        body.put(ServiceBusNames.DISPOSITION_STATUS, status);
        putSession(body, sessionId);
        if (reason != null) {
            body.put(ServiceBusNames.DEADLETTER_REASON_BODY, reason);
        }
        if (description != null) {
            body.put(ServiceBusNames.DEADLETTER_DESCRIPTION_BODY, description);
        }
        if (propertiesToModify != null && !propertiesToModify.isEmpty()) {
            body.put(ServiceBusNames.PROPERTIES_TO_MODIFY, propertiesToModify);
        }
        return request(ServiceBusNames.UPDATE_DISPOSITION, body, null).thenApply(response -> null);
    }

    /** Renews the lock of a session this client holds; returns the new expiry. */
    CompletableFuture<OffsetDateTime> renewSessionLock(String sessionId) {
        return request(ServiceBusNames.RENEW_SESSION_LOCK, Map.of(ServiceBusNames.SESSION_ID, sessionId), null)
                .thenApply(response -> {
                    OffsetDateTime expiry = MessageCodec.asTime(response.map().get(ServiceBusNames.EXPIRATION));
                    if (expiry == null) {
                        throw ServiceBusExceptions.fromCondition("amqp:decode-error",
                                "renew-session-lock response without expiration", address);
                    }
                    return expiry;
                });
    }

    /** The state of a session this client holds, or null when it has none. */
    CompletableFuture<byte[]> getSessionState(String sessionId) {
        return request(ServiceBusNames.GET_SESSION_STATE, Map.of(ServiceBusNames.SESSION_ID, sessionId), null)
                .thenApply(response -> {
                    Object state = response.map().get(ServiceBusNames.SESSION_STATE);
                    return state instanceof Binary binary ? binary.asByteArray()
                            : state instanceof byte[] bytes ? bytes : null;
                });
    }

    /** Sets (or, with null, clears) the state of a session this client holds. */
    CompletableFuture<Void> setSessionState(String sessionId, byte[] state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ServiceBusNames.SESSION_ID, sessionId);
        body.put(ServiceBusNames.SESSION_STATE, state == null ? null : new Binary(state));
        return request(ServiceBusNames.SET_SESSION_STATE, body, null).thenApply(response -> null);
    }

    /** Adds a rule to this subscription; {@code description} is a {@code rule-description} map ({@link RuleCodec}). */
    CompletableFuture<Void> addRule(String name, Map<String, Object> description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(RuleWire.RULE_NAME, name);
        body.put(RuleWire.RULE_DESCRIPTION, description);
        return request(ServiceBusNames.ADD_RULE, body, null).thenApply(response -> null);
    }

    /** Removes a rule of this subscription. */
    CompletableFuture<Void> removeRule(String name) {
        return request(ServiceBusNames.REMOVE_RULE, Map.of(RuleWire.RULE_NAME, name), null)
                .thenApply(response -> null);
    }

    /** One page of this subscription's rules: the {@code rules} entries as sent (empty when there are none). */
    CompletableFuture<List<?>> enumerateRules(int skip, int top) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ServiceBusNames.TOP, top);
        body.put(ServiceBusNames.SKIP, skip);
        return request(ServiceBusNames.ENUMERATE_RULES, body, null).thenApply(response ->
                response.map().get(RuleWire.RULES) instanceof List<?> rules ? rules : List.of());
    }

    private static void putSession(Map<String, Object> body, String sessionId) {
        if (sessionId != null) {
            body.put(ServiceBusNames.SESSION_ID, sessionId);
        }
    }

    private CompletableFuture<RequestResponseChannel.Response> request(String operation, Map<String, Object> body,
                                                                       String linkName) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(ServiceBusNames.OPERATION, operation);
        properties.put(ServiceBusNames.SERVER_TIMEOUT, timeout.toMillis());
        if (linkName != null) {
            properties.put(ServiceBusNames.ASSOCIATED_LINK_NAME, linkName);
        }
        return channel.request(properties, body, timeout).thenApply(response -> {
            boolean empty = response.status() == 204
                    || (response.status() == 404 && MESSAGE_NOT_FOUND.equals(response.condition()));
            if (!response.ok() && !empty) {
                throw ServiceBusExceptions.fromManagementStatus(response.status(), response.condition(),
                        response.description(), operation + " on " + address);
            }
            return response;
        });
    }

    @SuppressWarnings("unchecked")
    private List<ServiceBusReceivedMessage> messages(RequestResponseChannel.Response response,
                                                     ServiceBusReceiveMode mode) {
        Object entries = response.map().get(ServiceBusNames.MESSAGES);
        List<ServiceBusReceivedMessage> result = new ArrayList<>();
        if (!(entries instanceof List<?> list)) {
            return result;
        }
        for (Object entry : list) {
            Map<String, Object> map = (Map<String, Object>) entry;
            Object encoded = map.get(ServiceBusNames.MESSAGE);
            byte[] bytes = encoded instanceof Binary binary ? binary.asByteArray() : (byte[]) encoded;
            UUID token = map.get(ServiceBusNames.LOCK_TOKEN_BODY) instanceof UUID uuid ? uuid : null;
            boolean locked = mode == ServiceBusReceiveMode.PEEK_LOCK;
            ServiceBusReceivedMessage message = MessageCodec.decode(bytes, locked ? token : null,
                    locked ? this : null);
            if (mode == ServiceBusReceiveMode.RECEIVE_AND_DELETE) {
                ModelAccess.received().markSettled(message);
            }
            result.add(message);
        }
        return result;
    }

    /** @return whether requests can still be sent */
    boolean isUsable() {
        return channel.isUsable();
    }

    /** Detaches the channel's links. */
    void close() {
        channel.close();
    }
}
