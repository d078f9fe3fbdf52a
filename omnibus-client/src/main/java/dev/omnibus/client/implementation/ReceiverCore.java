package dev.omnibus.client.implementation;

import dev.omnibus.client.exceptions.OperationTimeoutException;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a receiver does, on internal futures: receive through the link with retries, peek with a cursor, settle and
 * renew through {@link MessageSettler}, receive deferred messages. The public sync and async receivers wrap it.
 *
 * <p>A plain receiver re-attaches its link after it ended (a reconnect). A session receiver
 * ({@link #forSession}) holds one session for its whole life: it locks the session when it is made, and when its
 * link ends the session lock is gone, so it is never re-attached (a new link could only take another lock, perhaps
 * of another session); its operations then fail with {@code SessionLockLostException}. Thread-safe.
 */
public final class ReceiverCore {
    /** The service waits at most this long for a free session (the SDKs call it its hard limit). */
    static final Duration MAX_SESSION_WAIT = Duration.ofSeconds(60);

    private final String address;
    private final ServiceBusReceiveMode mode;
    private final RetryPolicy retry;
    private final Supplier<CompletableFuture<ReceiveLink>> link;
    private final Runnable closeLink;
    private final LinkSlot<ManagementChannel> management;
    private final MessageSettler settler;
    private final SessionHandle session;
    private final AtomicLong nextPeek = new AtomicLong(0);
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

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
        LinkSlot<ReceiveLink> slot = new LinkSlot<>(connections,
                c -> ReceiveLink.open(c, entityPath, address, mode, prefetch), ReceiveLink::isUsable,
                ReceiveLink::close);
        this.link = slot::get;
        this.closeLink = slot::close;
        this.management = new LinkSlot<>(connections, c -> ManagementChannel.open(c, entityPath, address),
                ManagementChannel::isUsable, ManagementChannel::close);
        this.settler = new MessageSettler(management, retry, () -> null);
        this.scheduler = connections.scheduler();
        this.session = null;
    }

    private ReceiverCore(ConnectionManager connections, RetryPolicy retry, String entityPath, String address,
                         ServiceBusReceiveMode mode, int prefetch, String sessionId) {
        this.address = address;
        this.mode = mode;
        this.retry = retry;
        this.scheduler = connections.scheduler();
        this.management = new LinkSlot<>(connections, c -> ManagementChannel.open(c, entityPath, address),
                ManagementChannel::isUsable, ManagementChannel::close);
        Duration tryTimeout = retry.options().getTryTimeout();
        Duration wait = tryTimeout.compareTo(MAX_SESSION_WAIT) > 0 ? MAX_SESSION_WAIT : tryTimeout;
        SessionRequest request = new SessionRequest(sessionId, wait);
        // The service answers a next-available attach within `wait`; the client's own deadline comes later, so the
        // service's answer ("no session", com.microsoft:timeout) is what the caller normally sees. That answer is
        // final: retrying would only wait again.
        CompletableFuture<ReceiveLink> accepted = retry.run("accept a session on " + address,
                () -> acceptOnce(connections, entityPath, address, mode, prefetch, request),
                wait.plus(tryTimeout), failure -> !(failure instanceof OperationTimeoutException));
        this.link = () -> closed ? CompletableFuture.failedFuture(closedError()) : accepted;
        this.closeLink = () -> {
            accepted.cancel(false); // still waiting for a session: the link is detached when it attaches
            accepted.thenAccept(ReceiveLink::close);
        };
        this.session = new SessionHandle(sessionId, accepted, management, retry, address);
        this.settler = new MessageSettler(management, retry, session::sessionId);
    }

    /**
     * One try at locking a session. If the caller stops waiting (its deadline, a cancel) before the service answers,
     * the link is detached as soon as it is attached, so no session stays locked for nobody.
     */
    private static CompletableFuture<ReceiveLink> acceptOnce(ConnectionManager connections, String entityPath,
                                                             String address, ServiceBusReceiveMode mode, int prefetch,
                                                             SessionRequest request) {
        CompletableFuture<ReceiveLink> attempt = new CompletableFuture<>();
        connections.connection().whenComplete((connection, error) -> {
            if (error != null) {
                attempt.completeExceptionally(error);
                return;
            }
            ReceiveLink.open(connection, entityPath, address, mode, prefetch, request).whenComplete((l, failed) -> {
                if (failed != null) {
                    attempt.completeExceptionally(failed);
                } else if (!attempt.complete(l)) {
                    l.close();
                }
            });
        });
        return attempt;
    }

    /**
     * A session receiver: locks the session {@code sessionId} (or, when null, the next session with messages that
     * nobody holds) at once, waiting for one up to the try timeout (at most {@link #MAX_SESSION_WAIT}).
     * {@link #session()} tells when it is locked.
     */
    public static ReceiverCore forSession(ConnectionManager connections, RetryPolicy retry, String entityPath,
                                          String address, ServiceBusReceiveMode mode, int prefetch,
                                          String sessionId) {
        return new ReceiverCore(connections, retry, entityPath, address, mode, prefetch, sessionId);
    }

    /** @return the session of a session receiver, or null */
    public SessionHandle session() {
        return session;
    }

    /**
     * Receives up to {@code max} messages within {@code maxWait}; an empty list when none came. On a session
     * receiver an empty list also means a drain came back empty: the session had nothing to deliver.
     */
    public CompletableFuture<List<ServiceBusReceivedMessage>> receive(int max, Duration maxWait) {
        Duration tryTimeout = maxWait.plus(retry.options().getTryTimeout());
        return retry.run("receive from " + address, () -> attemptReceive(max, maxWait), tryTimeout);
    }

    /**
     * One receive without retries, for callers that report each failure themselves (the processors): a lost
     * connection surfaces at once, and the next call reconnects. {@code maxWait} may be zero: on a session receiver
     * that grants credit and drains at once, so the result is what the session has right now.
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
        return retry.run("peek " + address, () -> sessionId().thenCompose(id -> management.get()
                        .thenCompose(m -> m.peek(from, max, id))))
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
        return retry.run("receive deferred from " + address, () -> sessionId().thenCompose(id -> management.get()
                .thenCompose(m -> m.receiveDeferred(sequenceNumbers, mode, id))));
    }

    /** @return the address received from */
    public String address() {
        return address;
    }

    /** @return the receive mode */
    public ServiceBusReceiveMode mode() {
        return mode;
    }

    /** The session's id once it is accepted (null for a plain receiver); fails if it is not held. */
    private CompletableFuture<String> sessionId() {
        if (session == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        return session.accepted().thenApply(SessionHandle::sessionId);
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("The receiver is closed");
    }

    /**
     * Detaches the links; locks of unsettled messages are released by the service, and a session receiver's session
     * is free for others.
     */
    public void close() {
        closed = true;
        if (session != null) {
            session.close();
        }
        closeLink.run();
        management.close();
    }
}
