package dev.omnibus.client;

import dev.omnibus.client.exceptions.AutoLockRenewFailedException;
import dev.omnibus.client.exceptions.AutoLockRenewTimeoutException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.implementation.ModelAccess;
import dev.omnibus.client.implementation.ReceiverCore;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import dev.omnibus.client.implementation.SessionHandle;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Keeps the locks of received messages, and of sessions, alive while they are processed, so long-running work does
 * not lose them:
 *
 * <pre>{@code
 * try (AutoLockRenewer renewer = new AutoLockRenewer((message, error) -> log.warn("lost {}", message, error))) {
 *     for (ServiceBusReceivedMessage message : receiver) {
 *         renewer.register(receiver, message, Duration.ofMinutes(10));
 *         process(message);                      // may take longer than the lock duration
 *         receiver.completeMessage(message);     // renewal stops once the message is settled
 *     }
 * }
 * }</pre>
 *
 * <p>A session receiver's messages are covered by the session's lock: register the session instead,
 * {@code renewer.register(receiver, receiver.session(), Duration.ofMinutes(10))}; its renewal stops when the receiver
 * is closed (or its link ends).
 *
 * <p>Each registered lock is renewed before it expires (halfway through what is left of it, and at least 10 s
 * before the end) until the message is settled (the session released), the registration's maximum renewal duration
 * has passed, or the renewer is closed. When renewal fails, the message's (session's) {@code getAutoRenewError()} is
 * set to an {@link AutoLockRenewFailedException} and the failure callback is called; when the maximum duration
 * passes, it is set to an {@link AutoLockRenewTimeoutException} and renewal stops quietly. Callbacks run on the
 * renewer's own thread pool, never on the client's I/O thread. Thread-safe.
 */
public final class AutoLockRenewer implements AutoCloseable {
    /** The Java SDK's default, used when a registration names none. */
    public static final Duration DEFAULT_MAX_LOCK_RENEWAL_DURATION = Duration.ofMinutes(5);
    private static final Duration LAST_RENEW_MARGIN = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER_TRANSIENT = Duration.ofSeconds(1);

    private final BiConsumer<ServiceBusReceivedMessage, ServiceBusException> onLockRenewFailure;
    private final BiConsumer<String, ServiceBusException> onSessionLockRenewFailure;
    private final ScheduledExecutorService timer;
    private final ExecutorService callbacks;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean closed;

    /** A renewer without a failure callback; check {@code getAutoRenewError()} instead. */
    public AutoLockRenewer() {
        this(null, null);
    }

    /**
     * A renewer that reports failed renewals of message locks.
     *
     * @param onLockRenewFailure called with the message and an {@link AutoLockRenewFailedException} when a lock
     *                           could not be renewed; may be null
     */
    public AutoLockRenewer(BiConsumer<ServiceBusReceivedMessage, ServiceBusException> onLockRenewFailure) {
        this(onLockRenewFailure, null);
    }

    /**
     * A renewer that reports failed renewals of message and session locks.
     *
     * @param onLockRenewFailure called with the message and an {@link AutoLockRenewFailedException} when a message
     *                           lock could not be renewed; may be null
     * @param onSessionLockRenewFailure called with the session id and an {@link AutoLockRenewFailedException} when a
     *                                  session lock could not be renewed; may be null
     */
    public AutoLockRenewer(BiConsumer<ServiceBusReceivedMessage, ServiceBusException> onLockRenewFailure,
                           BiConsumer<String, ServiceBusException> onSessionLockRenewFailure) {
        this.onLockRenewFailure = onLockRenewFailure;
        this.onSessionLockRenewFailure = onSessionLockRenewFailure;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("omnibus-lock-renewer"));
        this.callbacks = Executors.newCachedThreadPool(daemon("omnibus-lock-renewer-callback"));
    }

    /**
     * Keeps the message's lock alive for up to {@code maxLockRenewalDuration} from now.
     *
     * @param receiver the receiver the message came from
     * @param message a message received in PEEK_LOCK mode
     * @param maxLockRenewalDuration how long to keep renewing
     * @throws IllegalStateException if the renewer is closed or the message has no lock of its own
     */
    public void register(ServiceBusReceiver receiver, ServiceBusReceivedMessage message,
                         Duration maxLockRenewalDuration) {
        Objects.requireNonNull(receiver, "receiver");
        register(receiver.getAsyncReceiver(), message, maxLockRenewalDuration);
    }

    /**
     * Keeps the message's lock alive for up to {@link #DEFAULT_MAX_LOCK_RENEWAL_DURATION} from now.
     *
     * @param receiver the receiver the message came from
     * @param message a message received in PEEK_LOCK mode
     * @throws IllegalStateException if the renewer is closed or the message has no lock of its own
     */
    public void register(ServiceBusReceiver receiver, ServiceBusReceivedMessage message) {
        register(receiver, message, DEFAULT_MAX_LOCK_RENEWAL_DURATION);
    }

    /**
     * Keeps the message's lock alive for up to {@code maxLockRenewalDuration} from now.
     *
     * @param receiver the asynchronous receiver the message came from
     * @param message a message received in PEEK_LOCK mode
     * @param maxLockRenewalDuration how long to keep renewing
     * @throws IllegalStateException if the renewer is closed, the message has no lock, or it came from a session
     *     receiver (register the session instead)
     */
    public void register(ServiceBusAsyncReceiver receiver, ServiceBusReceivedMessage message,
                         Duration maxLockRenewalDuration) {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(maxLockRenewalDuration, "maxLockRenewalDuration");
        checkOpen();
        if (message.getLockToken() == null) {
            throw new IllegalStateException("The message has no lock to renew (peeked, or RECEIVE_AND_DELETE)");
        }
        if (receiver.isSessionReceiver()) {
            throw new IllegalStateException("The message belongs to session '" + message.getSessionId()
                    + "', whose lock covers it: register the session, register(receiver, receiver.session(), ...)");
        }
        MessageRegistration registration = new MessageRegistration(receiver.core(), message,
                clock.instant().plus(maxLockRenewalDuration));
        schedule(registration, delayBeforeRenewal(registration.lockedUntil()));
    }

    /**
     * Keeps the session's lock alive for up to {@code maxLockRenewalDuration} from now, or until the receiver is
     * closed.
     *
     * @param receiver the session receiver
     * @param session its session, {@code receiver.session()}
     * @param maxLockRenewalDuration how long to keep renewing
     * @throws IllegalStateException if the renewer is closed
     * @throws IllegalArgumentException if the session is not the receiver's
     */
    public void register(ServiceBusReceiver receiver, ServiceBusSession session, Duration maxLockRenewalDuration) {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(session, "session");
        register(receiver.getAsyncReceiver(), session.getAsyncSession(), maxLockRenewalDuration);
    }

    /**
     * Keeps the session's lock alive for up to {@code maxLockRenewalDuration} from now (from when the session is
     * locked, if it is not yet), or until the receiver is closed.
     *
     * @param receiver the asynchronous session receiver
     * @param session its session, {@code receiver.session()}
     * @param maxLockRenewalDuration how long to keep renewing
     * @throws IllegalStateException if the renewer is closed
     * @throws IllegalArgumentException if the session is not the receiver's
     */
    public void register(ServiceBusAsyncReceiver receiver, ServiceBusAsyncSession session,
                         Duration maxLockRenewalDuration) {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(maxLockRenewalDuration, "maxLockRenewalDuration");
        checkOpen();
        if (!receiver.isSessionReceiver() || receiver.session().handle() != session.handle()) {
            throw new IllegalArgumentException("The session is not the one this receiver holds");
        }
        SessionHandle handle = session.handle();
        handle.accepted().thenAccept(h -> {
            SessionRegistration registration = new SessionRegistration(handle,
                    clock.instant().plus(maxLockRenewalDuration));
            schedule(registration, delayBeforeRenewal(registration.lockedUntil()));
        });
    }

    /** One lock being kept alive. */
    private abstract static class Registration {
        final Instant renewUntil;

        Registration(Instant renewUntil) {
            this.renewUntil = renewUntil;
        }

        /** Whether there is nothing left to renew (settled, released). */
        abstract boolean finished();

        abstract OffsetDateTime lockedUntil();

        abstract CompletableFuture<OffsetDateTime> renew();

        abstract void recordError(ServiceBusException error);

        abstract void report(AutoLockRenewFailedException error);

        abstract String describe();
    }

    private final class MessageRegistration extends Registration {
        final ReceiverCore receiver;
        final ServiceBusReceivedMessage message;

        MessageRegistration(ReceiverCore receiver, ServiceBusReceivedMessage message, Instant renewUntil) {
            super(renewUntil);
            this.receiver = receiver;
            this.message = message;
        }

        @Override
        boolean finished() {
            return message.isSettled();
        }

        @Override
        OffsetDateTime lockedUntil() {
            return message.getLockedUntil();
        }

        @Override
        CompletableFuture<OffsetDateTime> renew() {
            return receiver.renewLock(message);
        }

        @Override
        void recordError(ServiceBusException error) {
            ModelAccess.received().setAutoRenewError(message, error);
        }

        @Override
        void report(AutoLockRenewFailedException error) {
            if (onLockRenewFailure != null) {
                runQuietly(callbacks, () -> onLockRenewFailure.accept(message, error));
            }
        }

        @Override
        String describe() {
            return "message " + message.getSequenceNumber();
        }
    }

    private final class SessionRegistration extends Registration {
        final SessionHandle session;

        SessionRegistration(SessionHandle session, Instant renewUntil) {
            super(renewUntil);
            this.session = session;
        }

        @Override
        boolean finished() {
            return !session.isHeld();
        }

        @Override
        OffsetDateTime lockedUntil() {
            return session.lockedUntil();
        }

        @Override
        CompletableFuture<OffsetDateTime> renew() {
            return session.renewLock();
        }

        @Override
        void recordError(ServiceBusException error) {
            session.setAutoRenewError(error);
        }

        @Override
        void report(AutoLockRenewFailedException error) {
            if (onSessionLockRenewFailure != null) {
                String id = session.sessionId();
                runQuietly(callbacks, () -> onSessionLockRenewFailure.accept(id, error));
            }
        }

        @Override
        String describe() {
            return "session " + session.sessionId();
        }
    }

    private void schedule(Registration registration, Duration delay) {
        if (closed) {
            return;
        }
        try {
            timer.schedule(() -> renew(registration), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            // Closed meanwhile.
        }
    }

    private void renew(Registration registration) {
        if (closed || registration.finished()) {
            return;
        }
        if (!clock.instant().isBefore(registration.renewUntil)) {
            registration.recordError(new AutoLockRenewTimeoutException("Stopped renewing the lock of "
                    + registration.describe() + ": the maximum renewal duration has passed", null));
            return;
        }
        registration.renew().whenComplete((expiry, error) -> {
            if (error == null) {
                schedule(registration, delayBeforeRenewal(registration.lockedUntil()));
                return;
            }
            RuntimeException failure = ServiceBusExceptions.unwrap(error);
            if (registration.finished() || closed) {
                return; // Settled or released while the renewal was in flight: nothing was lost.
            }
            OffsetDateTime lockedUntil = registration.lockedUntil();
            boolean lockStillValid = lockedUntil != null
                    && lockedUntil.toInstant().isAfter(clock.instant().plus(RETRY_AFTER_TRANSIENT));
            if (failure instanceof ServiceBusException e && e.isTransient() && lockStillValid) {
                schedule(registration, RETRY_AFTER_TRANSIENT);
                return;
            }
            AutoLockRenewFailedException renewFailed = new AutoLockRenewFailedException(
                    "Could not renew the lock of " + registration.describe() + ": " + failure.getMessage(), failure);
            registration.recordError(renewFailed);
            registration.report(renewFailed);
        });
    }

    private Duration delayBeforeRenewal(OffsetDateTime lockedUntil) {
        if (lockedUntil == null) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(clock.instant(), lockedUntil.toInstant());
        Duration half = remaining.dividedBy(2);
        Duration beforeMargin = remaining.minus(LAST_RENEW_MARGIN);
        return beforeMargin.compareTo(half) > 0 ? beforeMargin : half;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The AutoLockRenewer is closed");
        }
    }

    private static void runQuietly(Executor executor, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException ignored) {
                    // A failing user callback must not stop other renewals.
                }
            });
        } catch (RuntimeException rejected) {
            // Closed meanwhile: the failure is still recorded.
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops all renewals. Messages and sessions keep their current locks until those expire. Idempotent. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        callbacks.shutdown();
    }
}
