package dev.omnibus.client;

import dev.omnibus.client.implementation.AwaitWindow;
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.MessageSettler.Disposition;
import dev.omnibus.client.implementation.ReceiverCore;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Receives and settles messages from a queue or subscription (or one of their sub-queues). Get one from
 * {@link ServiceBusClient#getQueueReceiver(String, ReceiverOptions)} or
 * {@link ServiceBusClient#getSubscriptionReceiver(String, String, ReceiverOptions)}. Made with session options
 * ({@link ReceiverOptions#sessionId(String)}, {@link ReceiverOptions#nextAvailableSession(boolean)}) it holds the lock
 * of one session, which {@link #session()} describes, and receives only that session's messages, in order.
 *
 * <p>It is {@link Iterable}: iterating streams messages as they arrive and ends when none arrived for the options'
 * {@code maxWaitTime} (or when the receiver is closed):
 *
 * <pre>{@code
 * for (ServiceBusReceivedMessage msg : receiver) {
 *     process(msg);
 *     receiver.completeMessage(msg);
 * }
 * }</pre>
 *
 * <p>Blocking calls wait at most as long as the client's retry options allow. Thread-safe, except that one
 * iterator must be used by one thread at a time.
 */
public final class ServiceBusReceiver implements AutoCloseable, Iterable<ServiceBusReceivedMessage> {
    /** Iteration without a maxWaitTime waits in slices this long, so closing the receiver ends it promptly. */
    private static final Duration ITERATION_SLICE = Duration.ofSeconds(30);

    private final ServiceBusAsyncReceiver async;
    private final ReceiverCore core;
    private final Duration operationWait;
    /** How long this blocking API polls for an answer before parking: learnt from its answers. */
    private final AwaitWindow window;
    private final ServiceBusSession session;
    private volatile boolean closed;

    ServiceBusReceiver(ServiceBusAsyncReceiver async) {
        this.async = async;
        this.core = async.core();
        this.operationWait = async.client().retry().maxTotal(async.client().retry().options().getTryTimeout());
        this.window = new AwaitWindow(async.client().connections().ioWake());
        this.session = async.isSessionReceiver() ? new ServiceBusSession(async.session(), operationWait) : null;
    }

    /**
     * The session this receiver holds: its id, lock and state.
     *
     * @return the session
     * @throws IllegalStateException if this is not a session receiver
     */
    public ServiceBusSession session() {
        if (session == null) {
            throw new IllegalStateException("Not a session receiver: make it with ReceiverOptions.sessionId(id) or "
                    + "nextAvailableSession(true)");
        }
        return session;
    }

    /** @return whether this receiver holds a session */
    public boolean isSessionReceiver() {
        return session != null;
    }

    /**
     * Receives up to {@code maxMessageCount} messages: returns as soon as that many are there, shortly after the
     * last arrival once at least one is there, or after {@code maxWaitTime} with whatever came.
     *
     * @param maxMessageCount at most this many
     * @param maxWaitTime how long to wait
     * @return the messages, never null, possibly empty
     * @throws IllegalArgumentException if the count or the wait is not positive
     */
    public List<ServiceBusReceivedMessage> receiveMessages(int maxMessageCount, Duration maxWaitTime) {
        ServiceBusAsyncReceiver.checkReceive(maxMessageCount, maxWaitTime);
        Duration max = async.client().retry().maxTotal(maxWaitTime.plus(
                async.client().retry().options().getTryTimeout()));
        return Futures.await(core.receive(maxMessageCount, maxWaitTime), max, "receive from " + core.address());
    }

    /**
     * Streams messages; the iteration ends after {@link ReceiverOptions#getMaxWaitTime()} without a message, or
     * when the receiver is closed. In PEEK_LOCK mode settle each message before its lock expires.
     *
     * @return an iterator over arriving messages
     */
    @Override
    public Iterator<ServiceBusReceivedMessage> iterator() {
        return new Iterator<>() {
            private final ArrayList<ServiceBusReceivedMessage> ready = new ArrayList<>();
            private boolean ended;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && !ended) {
                    if (closed) {
                        ended = true;
                        break;
                    }
                    Duration limit = async.getOptions().getMaxWaitTime();
                    List<ServiceBusReceivedMessage> received = receiveMessages(1,
                            limit == null ? ITERATION_SLICE : limit);
                    ready.addAll(received);
                    if (received.isEmpty() && limit != null) {
                        ended = true;
                    }
                }
                return !ready.isEmpty();
            }

            @Override
            public ServiceBusReceivedMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("No message arrived within the receiver's maxWaitTime");
                }
                return ready.remove(0);
            }
        };
    }

    /**
     * Peeks at the next messages without locking or removing them; each call continues after the last one peeked.
     *
     * @param maxMessages at most this many
     * @return the messages, possibly none
     */
    public List<ServiceBusReceivedMessage> peekMessages(int maxMessages) {
        ServiceBusAsyncReceiver.checkCount(maxMessages);
        return await(core.peek(maxMessages, null), "peek");
    }

    /**
     * Peeks at messages from a sequence number on.
     *
     * @param maxMessages at most this many
     * @param fromSequenceNumber the first sequence number to look at
     * @return the messages, possibly none
     */
    public List<ServiceBusReceivedMessage> peekMessages(int maxMessages, long fromSequenceNumber) {
        ServiceBusAsyncReceiver.checkCount(maxMessages);
        return await(core.peek(maxMessages, fromSequenceNumber), "peek");
    }

    /**
     * Completes a message: the service removes it.
     *
     * @param message a message received in PEEK_LOCK mode
     * @throws dev.omnibus.client.exceptions.MessageLockLostException if its lock was lost
     * @throws dev.omnibus.client.exceptions.SessionLockLostException if it belongs to a session whose lock was lost
     * @throws dev.omnibus.client.exceptions.MessageAlreadySettledException if it was settled already
     */
    public void completeMessage(ServiceBusReceivedMessage message) {
        settle(message, Disposition.COMPLETE, null, null, null);
    }

    /**
     * Abandons a message: it is delivered again.
     *
     * @param message a message received in PEEK_LOCK mode
     */
    public void abandonMessage(ServiceBusReceivedMessage message) {
        settle(message, Disposition.ABANDON, null, null, null);
    }

    /**
     * Abandons a message and sets application properties on it.
     *
     * @param message a message received in PEEK_LOCK mode
     * @param propertiesToModify application properties to set
     */
    public void abandonMessage(ServiceBusReceivedMessage message, Map<String, Object> propertiesToModify) {
        settle(message, Disposition.ABANDON, null, null, propertiesToModify);
    }

    /**
     * Moves a message to the dead-letter queue.
     *
     * @param message a message received in PEEK_LOCK mode
     */
    public void deadLetterMessage(ServiceBusReceivedMessage message) {
        settle(message, Disposition.DEAD_LETTER, null, null, null);
    }

    /**
     * Moves a message to the dead-letter queue with a reason and a description.
     *
     * @param message a message received in PEEK_LOCK mode
     * @param reason why, or null
     * @param description more detail, or null
     */
    public void deadLetterMessage(ServiceBusReceivedMessage message, String reason, String description) {
        settle(message, Disposition.DEAD_LETTER, reason, description, null);
    }

    /**
     * Defers a message: only {@link #receiveDeferredMessages} with its sequence number gets it again.
     *
     * @param message a message received in PEEK_LOCK mode
     */
    public void deferMessage(ServiceBusReceivedMessage message) {
        settle(message, Disposition.DEFER, null, null, null);
    }

    /**
     * Receives deferred messages by sequence number.
     *
     * @param sequenceNumbers the deferred messages' sequence numbers
     * @return the messages
     * @throws dev.omnibus.client.exceptions.MessageNotFoundException if one is not a deferred message
     */
    public List<ServiceBusReceivedMessage> receiveDeferredMessages(Iterable<Long> sequenceNumbers) {
        Objects.requireNonNull(sequenceNumbers, "sequenceNumbers");
        List<Long> numbers = new ArrayList<>();
        sequenceNumbers.forEach(numbers::add);
        if (numbers.isEmpty()) {
            return List.of();
        }
        return await(core.receiveDeferred(numbers.stream().mapToLong(Long::longValue).toArray()), "receive deferred");
    }

    /**
     * Renews a message's lock; the message's {@code getLockedUntil()} is updated. Messages of a session are covered
     * by the session's lock: renew that one ({@link ServiceBusSession#renewLock()}).
     *
     * @param message a message received in PEEK_LOCK mode
     * @return the new lock expiry
     * @throws dev.omnibus.client.exceptions.MessageLockLostException if the lock was already lost
     * @throws IllegalStateException if the message belongs to a session receiver
     */
    public OffsetDateTime renewMessageLock(ServiceBusReceivedMessage message) {
        Objects.requireNonNull(message, "message");
        return await(core.renewLock(message), "renew lock");
    }

    /** @return the address received from: the queue, or its sub-queue */
    public String getEntityPath() {
        return core.address();
    }

    /** @return the receive mode */
    public ServiceBusReceiveMode getReceiveMode() {
        return core.mode();
    }

    /** @return the asynchronous view of this receiver (same link) */
    public ServiceBusAsyncReceiver getAsyncReceiver() {
        return async;
    }

    /**
     * Detaches the receiver and ends iterations; the service releases unsettled messages' locks, and a session
     * receiver's session. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        async.close();
    }

    private void settle(ServiceBusReceivedMessage message, Disposition disposition, String reason,
                        String description, Map<String, Object> properties) {
        Objects.requireNonNull(message, "message");
        await(core.settle(message, disposition, reason, description, properties), disposition.operation());
    }

    private <T> T await(CompletableFuture<T> future, String operation) {
        return Futures.await(future, operationWait, operation + " on " + core.address(), window);
    }
}
