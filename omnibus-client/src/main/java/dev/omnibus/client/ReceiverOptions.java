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
 */
public final class ReceiverOptions {
    private static final ReceiverOptions DEFAULTS = new ReceiverOptions(ServiceBusReceiveMode.PEEK_LOCK, SubQueue.NONE,
            0, null);

    private final ServiceBusReceiveMode receiveMode;
    private final SubQueue subQueue;
    private final int prefetchCount;
    private final Duration maxWaitTime;

    private ReceiverOptions(ServiceBusReceiveMode receiveMode, SubQueue subQueue, int prefetchCount,
                            Duration maxWaitTime) {
        this.receiveMode = receiveMode;
        this.subQueue = subQueue;
        this.prefetchCount = prefetchCount;
        this.maxWaitTime = maxWaitTime;
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
                maxWaitTime);
    }

    /**
     * @param subQueue which store to read: the entity, its dead-letter queue or its transfer dead-letter queue
     * @return a copy with this value
     */
    public ReceiverOptions subQueue(SubQueue subQueue) {
        return new ReceiverOptions(receiveMode, Objects.requireNonNull(subQueue, "subQueue"), prefetchCount,
                maxWaitTime);
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
        return new ReceiverOptions(receiveMode, subQueue, prefetchCount, maxWaitTime);
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
        return new ReceiverOptions(receiveMode, subQueue, prefetchCount, maxWaitTime);
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
                + prefetchCount + ", maxWaitTime=" + maxWaitTime + "}";
    }
}
