package dev.omnibus.client.implementation;

import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a receiver does, on internal futures: receive through the link with retries, peek with a cursor, settle and
 * renew through {@link MessageSettler}, receive deferred messages. The public sync and async receivers wrap it.
 * Thread-safe.
 */
public final class ReceiverCore {
    private final String address;
    private final ServiceBusReceiveMode mode;
    private final RetryPolicy retry;
    private final LinkSlot<ReceiveLink> link;
    private final LinkSlot<ManagementChannel> management;
    private final MessageSettler settler;
    private final AtomicLong nextPeek = new AtomicLong(0);
    private final java.util.concurrent.ScheduledExecutorService scheduler;

    /**
     * A receiver from {@code address} (the entity or one of its sub-queues).
     *
     * @param entityPath the queue or subscription path, whose token authorises the address
     */
    public ReceiverCore(ConnectionManager connections, RetryPolicy retry, String entityPath, String address,
                        ServiceBusReceiveMode mode, int prefetch) {
        this.address = address;
        this.mode = mode;
        this.retry = retry;
        this.link = new LinkSlot<>(connections, c -> ReceiveLink.open(c, entityPath, address, mode, prefetch),
                ReceiveLink::isUsable, ReceiveLink::close);
        this.management = new LinkSlot<>(connections, c -> ManagementChannel.open(c, entityPath, address),
                ManagementChannel::isUsable, ManagementChannel::close);
        this.settler = new MessageSettler(management, retry);
        this.scheduler = connections.scheduler();
    }

    /** Receives up to {@code max} messages within {@code maxWait}; an empty list when none came. */
    public CompletableFuture<List<ServiceBusReceivedMessage>> receive(int max, Duration maxWait) {
        Duration tryTimeout = maxWait.plus(retry.options().getTryTimeout());
        return retry.run("receive from " + address, () -> attemptReceive(max, maxWait), tryTimeout);
    }

    /**
     * One receive without retries, for callers that report each failure themselves (the processor): a lost
     * connection surfaces at once, and the next call reconnects.
     */
    public CompletableFuture<List<ServiceBusReceivedMessage>> receiveOnce(int max, Duration maxWait) {
        return Futures.withTimeout(attemptReceive(max, maxWait), maxWait.plus(retry.options().getTryTimeout()),
                scheduler, "receive from " + address);
    }

    /** One receive on the current link; if the caller gives up on it, the link takes its messages back. */
    private CompletableFuture<List<ServiceBusReceivedMessage>> attemptReceive(int max, Duration maxWait) {
        CompletableFuture<List<ServiceBusReceivedMessage>> result = new CompletableFuture<>();
        link.get().whenComplete((l, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            CompletableFuture<List<ServiceBusReceivedMessage>> inner = l.receive(max, maxWait);
            result.whenComplete((v, e) -> inner.cancel(false));
            inner.whenComplete((messages, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else if (!result.complete(messages)) {
                    l.giveBack(messages);
                }
            });
        });
        return result;
    }

    /** Peeks from {@code fromSequenceNumber}, or from after the last peeked message when null. */
    public CompletableFuture<List<ServiceBusReceivedMessage>> peek(int max, Long fromSequenceNumber) {
        long from = fromSequenceNumber != null ? fromSequenceNumber : nextPeek.get();
        return retry.run("peek " + address, () -> management.get().thenCompose(m -> m.peek(from, max)))
                .thenApply(messages -> {
                    if (!messages.isEmpty()) {
                        nextPeek.set(messages.get(messages.size() - 1).getSequenceNumber() + 1);
                    }
                    return messages;
                });
    }

    /** Settles a message received by this receiver. */
    public CompletableFuture<Void> settle(ServiceBusReceivedMessage message, MessageSettler.Disposition disposition,
                                          String reason, String description, Map<String, Object> properties) {
        return settler.settle(message, disposition, reason, description, properties);
    }

    /** Renews a message's lock. */
    public CompletableFuture<OffsetDateTime> renewLock(ServiceBusReceivedMessage message) {
        return settler.renewLock(message);
    }

    /** Receives deferred messages by sequence number. */
    public CompletableFuture<List<ServiceBusReceivedMessage>> receiveDeferred(long[] sequenceNumbers) {
        return retry.run("receive deferred from " + address,
                () -> management.get().thenCompose(m -> m.receiveDeferred(sequenceNumbers, mode)));
    }

    /** @return the address received from */
    public String address() {
        return address;
    }

    /** @return the receive mode */
    public ServiceBusReceiveMode mode() {
        return mode;
    }

    /** Detaches the links; locks of unsettled messages are released by the service. */
    public void close() {
        link.close();
        management.close();
    }
}
