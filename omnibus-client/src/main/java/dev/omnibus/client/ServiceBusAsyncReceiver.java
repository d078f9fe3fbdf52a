package dev.omnibus.client;

import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.MessageSettler.Disposition;
import dev.omnibus.client.implementation.ReceiverCore;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Receives and settles messages from a queue or subscription (or one of their sub-queues), asynchronously. Get one
 * from {@link ServiceBusAsyncClient#getQueueReceiver(String, ReceiverOptions)}. Every future completes on the
 * client's callback threads; failures are the client's exceptions. Thread-safe.
 *
 * <p>A session receiver (options with {@link ReceiverOptions#sessionId(String)} or
 * {@link ReceiverOptions#nextAvailableSession(boolean)}) starts locking its session when it is made; its operations
 * wait for the lock, and fail with the reason when there is none ({@link ServiceBusAsyncSession#accepted()}).
 */
public final class ServiceBusAsyncReceiver implements AutoCloseable {
    private final ReceiverCore core;
    private final ReceiverOptions options;
    private final ServiceBusAsyncClient client;
    private final ServiceBusAsyncSession session;

    ServiceBusAsyncReceiver(ReceiverCore core, ReceiverOptions options, ServiceBusAsyncClient client) {
        this.core = core;
        this.options = options;
        this.client = client;
        this.session = core.session() == null ? null
                : new ServiceBusAsyncSession(core.session(), client.connections().callbacks());
    }

    /**
     * The session this receiver holds.
     *
     * @return the session: its id, lock and state
     * @throws IllegalStateException if this is not a session receiver
     */
    public ServiceBusAsyncSession session() {
        if (session == null) {
            throw new IllegalStateException("Not a session receiver: make it with ReceiverOptions.sessionId(id) or "
                    + "nextAvailableSession(true)");
        }
        return session;
    }

    /** @return whether this receiver holds a session (was made with session options) */
    public boolean isSessionReceiver() {
        return session != null;
    }

    /**
     * Receives up to {@code maxMessageCount} messages. Completes as soon as that many are there, shortly after the
     * last arrival once at least one is there, or after {@code maxWaitTime} with whatever came (maybe none).
     *
     * @param maxMessageCount at most this many
     * @param maxWaitTime how long to wait
     * @return the messages, never null
     * @throws IllegalArgumentException if the count is not positive or the wait is not positive
     */
    public CompletableFuture<List<ServiceBusReceivedMessage>> receiveMessages(int maxMessageCount,
                                                                             Duration maxWaitTime) {
        checkReceive(maxMessageCount, maxWaitTime);
        return user(core.receive(maxMessageCount, maxWaitTime));
    }

    /**
     * Peeks at the next messages without locking or removing them. The first call starts at the oldest message;
     * each call continues after the last message peeked.
     *
     * @param maxMessages at most this many
     * @return the messages, possibly none
     * @throws IllegalArgumentException if {@code maxMessages} is not positive
     */
    public CompletableFuture<List<ServiceBusReceivedMessage>> peekMessages(int maxMessages) {
        checkCount(maxMessages);
        return user(core.peek(maxMessages, null));
    }

    /**
     * Peeks at messages from a sequence number on.
     *
     * @param maxMessages at most this many
     * @param fromSequenceNumber the first sequence number to look at
     * @return the messages, possibly none
     * @throws IllegalArgumentException if {@code maxMessages} is not positive
     */
    public CompletableFuture<List<ServiceBusReceivedMessage>> peekMessages(int maxMessages, long fromSequenceNumber) {
        checkCount(maxMessages);
        return user(core.peek(maxMessages, fromSequenceNumber));
    }

    /**
     * Completes a message: the service removes it.
     *
     * @param message a message received in PEEK_LOCK mode
     * @return completes when the service confirmed; fails with {@code MessageLockLostException} if the lock was lost,
     *         {@code MessageAlreadySettledException} if it was settled already
     */
    public CompletableFuture<Void> completeMessage(ServiceBusReceivedMessage message) {
        return settle(message, Disposition.COMPLETE, null, null, null);
    }

    /**
     * Abandons a message: its lock is released and it is delivered again (its delivery count grows).
     *
     * @param message a message received in PEEK_LOCK mode
     * @return completes when the service confirmed
     */
    public CompletableFuture<Void> abandonMessage(ServiceBusReceivedMessage message) {
        return settle(message, Disposition.ABANDON, null, null, null);
    }

    /**
     * Abandons a message and sets application properties on it.
     *
     * @param message a message received in PEEK_LOCK mode
     * @param propertiesToModify application properties to set
     * @return completes when the service confirmed
     */
    public CompletableFuture<Void> abandonMessage(ServiceBusReceivedMessage message,
                                                  Map<String, Object> propertiesToModify) {
        return settle(message, Disposition.ABANDON, null, null, propertiesToModify);
    }

    /**
     * Moves a message to the dead-letter queue.
     *
     * @param message a message received in PEEK_LOCK mode
     * @return completes when the service confirmed
     */
    public CompletableFuture<Void> deadLetterMessage(ServiceBusReceivedMessage message) {
        return settle(message, Disposition.DEAD_LETTER, null, null, null);
    }

    /**
     * Moves a message to the dead-letter queue with a reason and description, which the dead-lettered message
     * carries ({@code getDeadLetterReason()}, {@code getDeadLetterErrorDescription()}).
     *
     * @param message a message received in PEEK_LOCK mode
     * @param reason why, or null
     * @param description more detail, or null
     * @return completes when the service confirmed
     */
    public CompletableFuture<Void> deadLetterMessage(ServiceBusReceivedMessage message, String reason,
                                                     String description) {
        return settle(message, Disposition.DEAD_LETTER, reason, description, null);
    }

    /**
     * Defers a message: it stays in the entity but only {@link #receiveDeferredMessages} gets it, by its sequence
     * number (keep the number).
     *
     * @param message a message received in PEEK_LOCK mode
     * @return completes when the service confirmed
     */
    public CompletableFuture<Void> deferMessage(ServiceBusReceivedMessage message) {
        return settle(message, Disposition.DEFER, null, null, null);
    }

    /**
     * Receives deferred messages by sequence number. In PEEK_LOCK mode they are locked and must be settled.
     *
     * @param sequenceNumbers the deferred messages' sequence numbers
     * @return the messages; fails with {@code MessageNotFoundException} if one is not a deferred message
     */
    public CompletableFuture<List<ServiceBusReceivedMessage>> receiveDeferredMessages(Iterable<Long> sequenceNumbers) {
        Objects.requireNonNull(sequenceNumbers, "sequenceNumbers");
        List<Long> numbers = new ArrayList<>();
        sequenceNumbers.forEach(numbers::add);
        if (numbers.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return user(core.receiveDeferred(numbers.stream().mapToLong(Long::longValue).toArray()));
    }

    /**
     * Renews a message's lock; the message's {@code getLockedUntil()} is updated. Messages of a session are covered
     * by the session's lock: renew that one ({@link ServiceBusAsyncSession#renewLock()}).
     *
     * @param message a message received in PEEK_LOCK mode
     * @return the new lock expiry; fails with {@code IllegalStateException} for a message of a session receiver
     */
    public CompletableFuture<OffsetDateTime> renewMessageLock(ServiceBusReceivedMessage message) {
        Objects.requireNonNull(message, "message");
        return user(core.renewLock(message));
    }

    /** @return the address received from: the queue, or its sub-queue */
    public String getEntityPath() {
        return core.address();
    }

    /** @return the receive mode */
    public ServiceBusReceiveMode getReceiveMode() {
        return core.mode();
    }

    /** @return the options this receiver was made with */
    public ReceiverOptions getOptions() {
        return options;
    }

    /**
     * Detaches the receiver; the service releases the locks of messages not settled, and a session receiver's
     * session. Idempotent.
     */
    @Override
    public void close() {
        core.close();
        client.forget(this);
    }

    ReceiverCore core() {
        return core;
    }

    ServiceBusAsyncClient client() {
        return client;
    }

    private CompletableFuture<Void> settle(ServiceBusReceivedMessage message, Disposition disposition, String reason,
                                           String description, Map<String, Object> properties) {
        Objects.requireNonNull(message, "message");
        return user(core.settle(message, disposition, reason, description, properties));
    }

    private <T> CompletableFuture<T> user(CompletableFuture<T> internal) {
        return Futures.toUser(internal, client.connections().callbacks());
    }

    static void checkReceive(int maxMessageCount, Duration maxWaitTime) {
        checkCount(maxMessageCount);
        Objects.requireNonNull(maxWaitTime, "maxWaitTime");
        if (maxWaitTime.isZero() || maxWaitTime.isNegative()) {
            throw new IllegalArgumentException("maxWaitTime must be positive: " + maxWaitTime);
        }
    }

    static void checkCount(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("The message count must be positive: " + count);
        }
    }
}
