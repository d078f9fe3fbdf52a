package dev.omnibus.client;

import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.implementation.Futures;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;

/**
 * The session a session receiver holds: its id, its lock, and its state. Get it from
 * {@link ServiceBusReceiver#session()}:
 *
 * <pre>{@code
 * try (ServiceBusReceiver receiver = client.getQueueReceiver("orders",
 *         ReceiverOptions.defaults().sessionId("customer-7"))) {
 *     ServiceBusSession session = receiver.session();
 *     byte[] state = session.getState();                  // null at first
 *     session.setState("step-2".getBytes(StandardCharsets.UTF_8));
 *     session.renewLock();                                // or AutoLockRenewer.register(receiver, session, ...)
 * }
 * }</pre>
 *
 * <p>The lock covers the session and all its messages; when it is lost (it expired, or the receiver's link ended)
 * every operation, and settling the session's messages, fails with {@code SessionLockLostException}. Closing the
 * receiver gives the session back. Blocking calls wait at most as long as the client's retry options allow.
 * Thread-safe.
 */
public final class ServiceBusSession {
    private final ServiceBusAsyncSession async;
    private final Duration operationWait;

    ServiceBusSession(ServiceBusAsyncSession async, Duration operationWait) {
        this.async = async;
        this.operationWait = operationWait;
    }

    /** @return the session's id */
    public String sessionId() {
        return async.sessionId();
    }

    /** @return until when the session is locked, as of the lock or its last renewal */
    public OffsetDateTime lockedUntil() {
        return async.lockedUntil();
    }

    /**
     * Reads the session's state.
     *
     * @return the state, or null when the session has none
     * @throws dev.omnibus.client.exceptions.SessionLockLostException if the session is no longer held
     */
    public byte[] getState() {
        return await(async.getState(), "get session state");
    }

    /**
     * Sets the session's state: opaque bytes the service keeps with the session (also when it has no messages),
     * until they are set again or cleared.
     *
     * @param state the new state, or null to clear it
     * @throws dev.omnibus.client.exceptions.SessionLockLostException if the session is no longer held
     */
    public void setState(byte[] state) {
        await(async.setState(state), "set session state");
    }

    /**
     * Renews the session's lock (and so the locks of its messages) for the entity's lock duration from now.
     *
     * @return the new expiry, also {@link #lockedUntil()} afterwards
     * @throws dev.omnibus.client.exceptions.SessionLockLostException if the lock was already lost
     */
    public OffsetDateTime renewLock() {
        return await(async.renewLock(), "renew session lock");
    }

    /** @return why an {@link AutoLockRenewer} stopped renewing this session's lock, or null */
    public ServiceBusException getAutoRenewError() {
        return async.getAutoRenewError();
    }

    /** @return the asynchronous view of this session */
    public ServiceBusAsyncSession getAsyncSession() {
        return async;
    }

    private <T> T await(CompletableFuture<T> future, String operation) {
        return Futures.await(future, operationWait, operation + " of session " + sessionId());
    }

    @Override
    public String toString() {
        return "ServiceBusSession{" + sessionId() + ", lockedUntil=" + lockedUntil() + "}";
    }
}
