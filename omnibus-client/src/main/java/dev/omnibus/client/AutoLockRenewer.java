package dev.omnibus.client;

import dev.omnibus.client.exceptions.AutoLockRenewFailedException;
import dev.omnibus.client.exceptions.AutoLockRenewTimeoutException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.implementation.ModelAccess;
import dev.omnibus.client.implementation.ReceiverCore;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Keeps the locks of received messages alive while they are processed, so long-running work does not lose them:
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
 * <p>Each registered lock is renewed before it expires (halfway through what is left of it, and at least 10 s
 * before the end) until the message is settled, the registration's maximum renewal duration has passed, or the
 * renewer is closed. When renewal fails, the message's {@code getAutoRenewError()} is set to an
 * {@link AutoLockRenewFailedException} and the failure callback is called; when the maximum duration passes, it
 * is set to an {@link AutoLockRenewTimeoutException} and renewal stops quietly. Callbacks run on the renewer's own
 * thread pool, never on the client's I/O thread. Thread-safe.
 */
public final class AutoLockRenewer implements AutoCloseable {
    /** The Java SDK's default, used when a registration names none. */
    public static final Duration DEFAULT_MAX_LOCK_RENEWAL_DURATION = Duration.ofMinutes(5);
    private static final Duration LAST_RENEW_MARGIN = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER_TRANSIENT = Duration.ofSeconds(1);

    private final BiConsumer<ServiceBusReceivedMessage, ServiceBusException> onLockRenewFailure;
    private final ScheduledExecutorService timer;
    private final ExecutorService callbacks;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean closed;

    /** A renewer without a failure callback; check {@code message.getAutoRenewError()} instead. */
    public AutoLockRenewer() {
        this(null);
    }

    /**
     * A renewer that reports failed renewals.
     *
     * @param onLockRenewFailure called with the message and an {@link AutoLockRenewFailedException} when a lock
     *                           could not be renewed; may be null
     */
    public AutoLockRenewer(BiConsumer<ServiceBusReceivedMessage, ServiceBusException> onLockRenewFailure) {
        this.onLockRenewFailure = onLockRenewFailure;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("omnibus-lock-renewer"));
        this.callbacks = Executors.newCachedThreadPool(daemon("omnibus-lock-renewer-callback"));
    }

    /**
     * Keeps the message's lock alive for up to {@code maxLockRenewalDuration} from now.
     *
     * @param receiver the receiver the message came from
     * @param message a message received in PEEK_LOCK mode
     * @param maxLockRenewalDuration how long to keep renewing
     * @throws IllegalStateException if the renewer is closed or the message has no lock
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
     * @throws IllegalStateException if the renewer is closed or the message has no lock
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
     * @throws IllegalStateException if the renewer is closed or the message has no lock
     */
    public void register(ServiceBusAsyncReceiver receiver, ServiceBusReceivedMessage message,
                         Duration maxLockRenewalDuration) {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(maxLockRenewalDuration, "maxLockRenewalDuration");
        if (closed) {
            throw new IllegalStateException("The AutoLockRenewer is closed");
        }
        if (message.getLockToken() == null) {
            throw new IllegalStateException("The message has no lock to renew (peeked, or RECEIVE_AND_DELETE)");
        }
        Registration registration = new Registration(receiver.core(), message,
                clock.instant().plus(maxLockRenewalDuration));
        schedule(registration, delayBeforeRenewal(message));
    }

    private final class Registration {
        final ReceiverCore receiver;
        final ServiceBusReceivedMessage message;
        final Instant renewUntil;

        Registration(ReceiverCore receiver, ServiceBusReceivedMessage message, Instant renewUntil) {
            this.receiver = receiver;
            this.message = message;
            this.renewUntil = renewUntil;
        }
    }

    private void schedule(Registration registration, Duration delay) {
        if (closed) {
            return;
        }
        timer.schedule(() -> renew(registration), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void renew(Registration registration) {
        ServiceBusReceivedMessage message = registration.message;
        if (closed || message.isSettled()) {
            return;
        }
        if (!clock.instant().isBefore(registration.renewUntil)) {
            ModelAccess.received().setAutoRenewError(message, new AutoLockRenewTimeoutException(
                    "Stopped renewing the lock of message " + message.getSequenceNumber()
                            + ": the maximum renewal duration has passed", null));
            return;
        }
        registration.receiver.renewLock(message).whenComplete((expiry, error) -> {
            if (error == null) {
                schedule(registration, delayBeforeRenewal(message));
                return;
            }
            RuntimeException failure = ServiceBusExceptions.unwrap(error);
            if (message.isSettled() || closed) {
                return; // Settled while the renewal was in flight: nothing was lost.
            }
            boolean lockStillValid = message.getLockedUntil() != null
                    && message.getLockedUntil().toInstant().isAfter(clock.instant().plus(RETRY_AFTER_TRANSIENT));
            if (failure instanceof ServiceBusException e && e.isTransient() && lockStillValid) {
                schedule(registration, RETRY_AFTER_TRANSIENT);
                return;
            }
            AutoLockRenewFailedException renewFailed = new AutoLockRenewFailedException(
                    "Could not renew the lock of message " + message.getSequenceNumber() + ": "
                            + failure.getMessage(), failure);
            ModelAccess.received().setAutoRenewError(message, renewFailed);
            if (onLockRenewFailure != null) {
                runQuietly(callbacks, () -> onLockRenewFailure.accept(message, renewFailed));
            }
        });
    }

    private Duration delayBeforeRenewal(ServiceBusReceivedMessage message) {
        if (message.getLockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(clock.instant(), message.getLockedUntil().toInstant());
        Duration half = remaining.dividedBy(2);
        Duration beforeMargin = remaining.minus(LAST_RENEW_MARGIN);
        return beforeMargin.compareTo(half) > 0 ? beforeMargin : half;
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
            // Closed meanwhile: the failure is still recorded on the message.
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops all renewals. Messages keep their current locks until those expire. Idempotent. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        callbacks.shutdown();
    }
}
