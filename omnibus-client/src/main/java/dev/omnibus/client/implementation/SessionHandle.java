package dev.omnibus.client.implementation;

import dev.omnibus.client.exceptions.ServiceBusException;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;

/**
 * The session a session receiver holds: which one (known once the service has locked it), until when, and the
 * session operations of {@code $management} (renew-session-lock, get/set-session-state). The public session types
 * wrap it. Operations fail at once with the link's error once the receiver's link has ended (the lock went with
 * it): the service would otherwise answer for whoever holds the session now. Thread-safe.
 */
public final class SessionHandle {
    private final String requested;
    private final CompletableFuture<ReceiveLink> accepted;
    private final LinkSlot<ManagementChannel> management;
    private final RetryPolicy retry;
    private final String address;
    /** The expiry of the last renewal; until one, the expiry the service gave when it locked the session. */
    private volatile OffsetDateTime lockedUntil;
    private volatile ServiceBusException autoRenewError;
    private volatile boolean closed;

    SessionHandle(String requested, CompletableFuture<ReceiveLink> accepted, LinkSlot<ManagementChannel> management,
                  RetryPolicy retry, String address) {
        this.requested = requested;
        this.accepted = accepted;
        this.management = management;
        this.retry = retry;
        this.address = address;
    }

    /** Completes with this handle once the service has locked the session; fails with the reason it did not. */
    public CompletableFuture<SessionHandle> accepted() {
        return accepted.thenApply(link -> this);
    }

    /** @return the session held, or the one asked for (null for the next available one) until it is accepted */
    public String sessionId() {
        ReceiveLink link = acceptedLink();
        return link != null ? link.sessionId() : requested;
    }

    /** @return the session lock's expiry as last known (from the accept or the last renewal), or null */
    public OffsetDateTime lockedUntil() {
        OffsetDateTime renewed = lockedUntil;
        if (renewed != null) {
            return renewed;
        }
        ReceiveLink link = acceptedLink();
        return link == null ? null : link.sessionLockedUntil();
    }

    /** @return whether the session is still held: accepted, its link alive, the receiver not closed */
    public boolean isHeld() {
        ReceiveLink link = acceptedLink();
        return !closed && link != null && link.failure() == null;
    }

    /** Renews the session lock; returns (and records) the new expiry. */
    public CompletableFuture<OffsetDateTime> renewLock() {
        return withSession("renew session lock", id -> management.get().thenCompose(m -> m.renewSessionLock(id)))
                .thenApply(expiry -> {
                    lockedUntil = expiry;
                    return expiry;
                });
    }

    /** The session's state, or null when it has none. */
    public CompletableFuture<byte[]> getState() {
        return withSession("get session state", id -> management.get().thenCompose(m -> m.getSessionState(id)));
    }

    /** Sets the session's state; null clears it. */
    public CompletableFuture<Void> setState(byte[] state) {
        byte[] copy = state == null ? null : state.clone();
        return withSession("set session state",
                id -> management.get().thenCompose(m -> m.setSessionState(id, copy)));
    }

    /** @return why an auto lock renewer stopped renewing this session's lock, or null */
    public ServiceBusException autoRenewError() {
        return autoRenewError;
    }

    /** Records why an auto lock renewer stopped renewing. */
    public void setAutoRenewError(ServiceBusException error) {
        this.autoRenewError = error;
    }

    /** The receiver was closed: the session is no longer held. */
    void close() {
        closed = true;
    }

    private <T> CompletableFuture<T> withSession(String operation,
                                                 java.util.function.Function<String, CompletableFuture<T>> call) {
        return accepted.thenCompose(link -> retry.run(operation + " on " + address, () -> {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("The receiver is closed"));
            }
            if (link.failure() != null) {
                return CompletableFuture.failedFuture(link.failure());
            }
            return call.apply(link.sessionId());
        }));
    }

    private ReceiveLink acceptedLink() {
        return accepted.isDone() && !accepted.isCompletedExceptionally() ? accepted.join() : null;
    }
}
