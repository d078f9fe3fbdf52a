package dev.omnibus.client.implementation;

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
 * schedule and cancel, receive-by-sequence-number, update-disposition. Bodies are maps with string keys;
 * lock tokens travel as uuid arrays, sequence numbers as long arrays.
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

    /** Peeks up to {@code count} messages from {@code fromSequenceNumber} on. */
    CompletableFuture<List<ServiceBusReceivedMessage>> peek(long fromSequenceNumber, int count) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ServiceBusNames.FROM_SEQUENCE_NUMBER, fromSequenceNumber);
        body.put(ServiceBusNames.MESSAGE_COUNT, count);
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
                                                                       ServiceBusReceiveMode mode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ServiceBusNames.SEQUENCE_NUMBERS, sequenceNumbers);
        body.put(ServiceBusNames.RECEIVER_SETTLE_MODE,
                UnsignedInteger.valueOf(mode == ServiceBusReceiveMode.PEEK_LOCK ? 1 : 0));
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
                                              Map<String, Object> propertiesToModify) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ServiceBusNames.LOCK_TOKENS, new UUID[] {lockToken});
        body.put(ServiceBusNames.DISPOSITION_STATUS, status);
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
