package dev.omnibus.client;

import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.SubQueue;
import java.time.Duration;
import java.util.Objects;

/**
 * How a receiver receives. Immutable; each method returns a changed copy:
 *
 * <pre>{@code
 * ReceiverOptions options = ReceiverOptions.defaults()
 *         .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE)
 *         .maxWaitTime(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>For an entity that requires sessions, a receiver holds the lock of one session: name it with
 * {@link #sessionId(String)}, or take whichever session has messages and is free with
 * {@link #nextAvailableSession(boolean)}.
 */
public final class ReceiverOptions {
    private static final ReceiverOptions DEFAULTS = new ReceiverOptions(ServiceBusReceiveMode.PEEK_LOCK, SubQueue.NONE,
            0, null, null, false);

    private final ServiceBusReceiveMode receiveMode;
    private final SubQueue subQueue;
    private final int prefetchCount;
    private final Duration maxWaitTime;
    private final String sessionId;
    private final boolean nextAvailableSession;

    private ReceiverOptions(ServiceBusReceiveMode receiveMode, SubQueue subQueue, int prefetchCount,
                            Duration maxWaitTime, String sessionId, boolean nextAvailableSession) {
        this.receiveMode = receiveMode;
        this.subQueue = subQueue;
        this.prefetchCount = prefetchCount;
        this.maxWaitTime = maxWaitTime;
        this.sessionId = sessionId;
        this.nextAvailableSession = nextAvailableSession;
    }

    /** @return PEEK_LOCK, the entity itself (no sub-queue), no prefetch, iteration that never ends by itself */
    public static ReceiverOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param receiveMode PEEK_LOCK (settle each message) or RECEIVE_AND_DELETE
     * @return a copy with this value
     */
    public ReceiverOptions receiveMode(ServiceBusReceiveMode receiveMode) {
        return new ReceiverOptions(Objects.requireNonNull(receiveMode, "receiveMode"), subQueue, prefetchCount,
                maxWaitTime, sessionId, nextAvailableSession);
    }

    /**
     * @param subQueue which store to read: the entity, its dead-letter queue or its transfer dead-letter queue
     * @return a copy with this value
     */
    public ReceiverOptions subQueue(SubQueue subQueue) {
        return new ReceiverOptions(receiveMode, Objects.requireNonNull(subQueue, "subQueue"), prefetchCount,
                maxWaitTime, sessionId, nextAvailableSession);
    }

    /**
     * How many messages to keep ready before they are asked for. Prefetching makes receiving faster but the
     * prefetched messages' locks run while they wait; a prefetched message whose lock has lapsed is released,
     * never handed out. With 0 (the default) the receiver asks the service only for what a receive call wants.
     *
     * @param prefetchCount 0 or more
     * @return a copy with this value
     * @throws IllegalArgumentException if negative
     */
    public ReceiverOptions prefetchCount(int prefetchCount) {
        if (prefetchCount < 0) {
            throw new IllegalArgumentException("prefetchCount must not be negative: " + prefetchCount);
        }
        return new ReceiverOptions(receiveMode, subQueue, prefetchCount, maxWaitTime, sessionId,
                nextAvailableSession);
    }

    /**
     * How long iterating over a receiver waits for the next message before the iteration ends. Null (the default)
     * means the iteration waits for messages until the receiver is closed.
     *
     * @param maxWaitTime a positive duration, or null
     * @return a copy with this value
     * @throws IllegalArgumentException if zero or negative
     */
    public ReceiverOptions maxWaitTime(Duration maxWaitTime) {
        if (maxWaitTime != null && (maxWaitTime.isZero() || maxWaitTime.isNegative())) {
            throw new IllegalArgumentException("maxWaitTime must be positive: " + maxWaitTime);
        }
        return new ReceiverOptions(receiveMode, subQueue, prefetchCount, maxWaitTime, sessionId,
                nextAvailableSession);
    }

    /**
     * Receive from one session of an entity that requires sessions: the receiver locks that session when it is made
     * (the blocking client's {@code getQueueReceiver} waits for the lock) and gets only its messages, in order. Fails
     * with {@code SessionCannotBeLockedException} while another receiver holds the session. Clears
     * {@link #nextAvailableSession(boolean)}.
     *
     * @param sessionId the session, or null for a receiver that is not a session receiver
     * @return a copy with this value
     * @throws IllegalArgumentException if empty
     */
    public ReceiverOptions sessionId(String sessionId) {
        if (sessionId != null && sessionId.isEmpty()) {
            throw new IllegalArgumentException("The session id is empty");
        }
        return new ReceiverOptions(receiveMode, subQueue, prefetchCount, maxWaitTime, sessionId, false);
    }

    /**
     * Receive from whichever session of an entity that requires sessions has messages and is not locked: the
     * receiver locks the next such session when it is made, waiting up to the try timeout of the client's
     * {@link RetryOptions} (60 s at most, the service's limit) for one; when none comes, making the receiver fails
     * with {@code OperationTimeoutException}. The session taken is {@code receiver.session().sessionId()}. Clears
     * {@link #sessionId(String)}.
     *
     * @param nextAvailableSession whether to take the next available session
     * @return a copy with this value
     */
    public ReceiverOptions nextAvailableSession(boolean nextAvailableSession) {
        return new ReceiverOptions(receiveMode, subQueue, prefetchCount, maxWaitTime,
                nextAvailableSession ? null : sessionId, nextAvailableSession);
    }

    /** @return the session to receive from, or null (not a session receiver, or the next available session) */
    public String getSessionId() {
        return sessionId;
    }

    /** @return whether the receiver takes the next available session */
    public boolean isNextAvailableSession() {
        return nextAvailableSession;
    }

    /** @return whether these options make a session receiver (a named or the next available session) */
    public boolean isSessionReceiver() {
        return sessionId != null || nextAvailableSession;
    }

    /** @return the receive mode */
    public ServiceBusReceiveMode getReceiveMode() {
        return receiveMode;
    }

    /** @return the sub-queue */
    public SubQueue getSubQueue() {
        return subQueue;
    }

    /** @return the prefetch count */
    public int getPrefetchCount() {
        return prefetchCount;
    }

    /** @return how long iteration waits for the next message, or null for no limit */
    public Duration getMaxWaitTime() {
        return maxWaitTime;
    }

    @Override
    public String toString() {
        return "ReceiverOptions{receiveMode=" + receiveMode + ", subQueue=" + subQueue + ", prefetchCount="
                + prefetchCount + ", maxWaitTime=" + maxWaitTime
                + (sessionId != null ? ", sessionId=" + sessionId : "")
                + (nextAvailableSession ? ", nextAvailableSession" : "") + "}";
    }
}
