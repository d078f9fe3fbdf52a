package dev.omnibus.client;

import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.SessionHandle;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The session an asynchronous session receiver holds: its id, its lock, and its state. Get it from
 * {@link ServiceBusAsyncReceiver#session()}. The receiver locks the session when it is made; until the service has
 * locked it, {@link #sessionId()} is the session asked for (null for the next available one) and the operations
 * wait for the lock ({@link #accepted()}). Futures complete on the client's callback threads. Thread-safe.
 *
 * <pre>{@code
 * ServiceBusAsyncReceiver receiver = client.getQueueReceiver("orders",
 *         ReceiverOptions.defaults().nextAvailableSession(true));
 * receiver.session().accepted()
 *         .thenCompose(session -> session.setState("step-1".getBytes(StandardCharsets.UTF_8)));
 * }</pre>
 */
public final class ServiceBusAsyncSession {
    private final SessionHandle handle;
    private final Executor callbacks;

    ServiceBusAsyncSession(SessionHandle handle, Executor callbacks) {
        this.handle = handle;
        this.callbacks = callbacks;
    }

    /**
     * Completes with this session once the service has locked it, or fails with the reason it did not:
     * {@code SessionCannotBeLockedException} (another receiver holds it), {@code OperationTimeoutException} (no
     * session became available in time), {@code MessagingEntityNotFoundException}, or a {@code ServiceBusException}
     * with reason {@code INVALID_OPERATION} (the entity does not require sessions).
     *
     * @return the session, once locked
     */
    public CompletableFuture<ServiceBusAsyncSession> accepted() {
        return Futures.toUser(handle.accepted(), callbacks).thenApply(h -> this);
    }

    /** @return the session's id; before a next-available session is locked, null */
    public String sessionId() {
        return handle.sessionId();
    }

    /** @return until when the session is locked, as of the lock or its last renewal; null before it is locked */
    public OffsetDateTime lockedUntil() {
        return handle.lockedUntil();
    }

    /**
     * Reads the session's state.
     *
     * @return the state, or null when the session has none; fails with {@code SessionLockLostException} when the
     *         session is no longer held
     */
    public CompletableFuture<byte[]> getState() {
        return Futures.toUser(handle.getState(), callbacks);
    }

    /**
     * Sets the session's state: opaque bytes the service keeps with the session (also when it has no messages),
     * until they are set again or cleared.
     *
     * @param state the new state, or null to clear it
     * @return completes when the service has stored it; fails with {@code SessionLockLostException} when the
     *         session is no longer held
     */
    public CompletableFuture<Void> setState(byte[] state) {
        return Futures.toUser(handle.setState(state), callbacks);
    }

    /**
     * Renews the session's lock (and so the locks of its messages), for the entity's lock duration from now.
     *
     * @return the new expiry, also {@link #lockedUntil()} afterwards; fails with {@code SessionLockLostException}
     *         when the lock was already lost
     */
    public CompletableFuture<OffsetDateTime> renewLock() {
        return Futures.toUser(handle.renewLock(), callbacks);
    }

    /** @return why an {@link AutoLockRenewer} stopped renewing this session's lock, or null */
    public ServiceBusException getAutoRenewError() {
        return handle.autoRenewError();
    }

    SessionHandle handle() {
        return handle;
    }

    @Override
    public String toString() {
        return "ServiceBusAsyncSession{" + sessionId() + ", lockedUntil=" + lockedUntil() + "}";
    }
}
