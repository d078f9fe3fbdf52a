package dev.omnibus.client;

import dev.omnibus.client.exceptions.OperationTimeoutException;
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.ReceiverCore;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One worker of a {@link ServiceBusSessionProcessor}, on its own thread: lock the next available session, process it
 * in drained rounds until it is idle, give it back, repeat, until the processor stops.
 *
 * <p>A round is {@code receiveOnce(n, wait)} on the session receiver: credit {@code n}, and a drain after
 * {@code wait} (zero: at once) if nothing came; an empty result means the drain came back empty, so the session had
 * nothing and no message is in flight: closing it then costs no delivery attempt. The worker waits on futures only,
 * and every wait also ends when the processor stops.
 */
final class SessionWorker implements Runnable {
    /** After an accept that failed (not "no session"), the next waits at least this long, doubling up to the max. */
    private static final Duration MIN_BACK_OFF = Duration.ofMillis(100);

    private final ServiceBusSessionProcessor processor;
    private final CompletableFuture<Void> stopped;
    private final ExecutorService calls;
    private final SessionProcessorOptions options;
    private final ServiceBusAsyncClient client;
    private final Duration tryTimeout;
    private final int roundSize;

    SessionWorker(ServiceBusSessionProcessor processor, CompletableFuture<Void> stopped, ExecutorService calls) {
        this.processor = processor;
        this.stopped = stopped;
        this.calls = calls;
        this.options = processor.options();
        this.client = processor.client();
        this.tryTimeout = client.retry().options().getTryTimeout();
        this.roundSize = Math.max(1, Math.max(options.getPrefetchCount(), options.getMaxConcurrentCallsPerSession()));
    }

    @Override
    public void run() {
        Duration backOff = Duration.ZERO;
        while (!stopped.isDone()) {
            ServiceBusAsyncReceiver receiver;
            long started = System.nanoTime();
            try {
                receiver = client.receiver(processor.getEntityPath(), ReceiverOptions.defaults()
                        .receiveMode(options.getReceiveMode()).nextAvailableSession(true));
            } catch (RuntimeException e) { // the client is closed
                processor.report(e, ServiceBusErrorSource.ACCEPT_SESSION);
                return;
            }
            try {
                Duration acceptWait = client.retry().maxTotal(tryTimeout.plus(tryTimeout));
                if (awaitOrStop(receiver.core().session().accepted(), acceptWait, "accept a session") == null) {
                    return; // stopped
                }
                backOff = Duration.ZERO;
                process(receiver);
            } catch (RuntimeException e) {
                if (stopped.isDone()) {
                    return;
                }
                boolean noSession = e instanceof OperationTimeoutException;
                if (!noSession) {
                    processor.report(e, ServiceBusErrorSource.ACCEPT_SESSION);
                }
                // "No session in time" is the normal answer of an idle entity; only if it came suspiciously fast
                // (a service that does not wait) is it treated like a failure and backed off.
                boolean tooFast = noSession && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1);
                if (!noSession || tooFast) {
                    backOff = nextBackOff(backOff);
                    if (pause(backOff)) {
                        return;
                    }
                }
            } finally {
                receiver.close();
            }
        }
    }

    /** Processes the session the receiver holds until it is idle, lost, or the processor stops. */
    private void process(ServiceBusAsyncReceiver receiver) {
        ReceiverCore core = receiver.core();
        ServiceBusReceiver sync = new ServiceBusReceiver(receiver);
        AutoLockRenewer renewer = processor.renewer();
        if (renewer != null) {
            try {
                renewer.register(receiver, receiver.session(), options.getMaxAutoLockRenewDuration());
            } catch (IllegalStateException closed) {
                return; // the processor is closing
            }
        }
        Duration idle = options.getSessionIdleTimeout();
        long lastMessage = System.nanoTime();
        boolean dry = false;
        while (!stopped.isDone()) {
            Duration wait = Duration.ZERO;
            if (dry) {
                wait = idle.minusNanos(System.nanoTime() - lastMessage);
                if (wait.isNegative() || wait.isZero()) {
                    return; // idle for the whole timeout: give the session back
                }
            }
            List<ServiceBusReceivedMessage> messages;
            try {
                messages = awaitOrStop(core.receiveOnce(roundSize, wait), wait.plus(tryTimeout).plus(tryTimeout),
                        "receive from session " + receiver.session().sessionId());
            } catch (RuntimeException e) {
                if (!stopped.isDone()) {
                    processor.report(e, ServiceBusErrorSource.RECEIVE);
                }
                return;
            }
            if (messages == null) {
                return; // stopped
            }
            if (messages.isEmpty()) {
                if (dry || idle.isZero()) {
                    return; // the drain came back empty: the session is idle
                }
                dry = true;
                continue;
            }
            dry = false;
            if (!handle(sync, messages)) {
                return; // the session's lock is lost
            }
            lastMessage = System.nanoTime();
        }
    }

    /** Hands a round's messages to the handler: in order, or up to maxConcurrentCallsPerSession at once. */
    private boolean handle(ServiceBusReceiver receiver, List<ServiceBusReceivedMessage> messages) {
        if (calls == null) {
            for (ServiceBusReceivedMessage message : messages) {
                if (stopped.isDone() || !processor.handle(new ProcessMessageContext(message, receiver))) {
                    return false;
                }
            }
            return true;
        }
        Semaphore slots = new Semaphore(options.getMaxConcurrentCallsPerSession());
        CompletableFuture<?>[] handled = new CompletableFuture<?>[messages.size()];
        boolean[] held = {true};
        for (int i = 0; i < messages.size(); i++) {
            ServiceBusReceivedMessage message = messages.get(i);
            slots.acquireUninterruptibly();
            if (stopped.isDone()) {
                handled[i] = CompletableFuture.completedFuture(null);
                slots.release();
                continue;
            }
            handled[i] = CompletableFuture.runAsync(() -> {
                try {
                    if (!processor.handle(new ProcessMessageContext(message, receiver))) {
                        held[0] = false;
                    }
                } finally {
                    slots.release();
                }
            }, calls).exceptionally(rejected -> {
                slots.release(); // the pool was shut down: the processor stopped
                return null;
            });
        }
        CompletableFuture.allOf(handled).join();
        return held[0] && !stopped.isDone();
    }

    /**
     * Waits for {@code operation} until it completes (its value, or its failure thrown) or the processor stops
     * (null, and the operation is cancelled).
     */
    private <T> T awaitOrStop(CompletableFuture<T> operation, Duration max, String what) {
        CompletableFuture<Object> either = CompletableFuture.anyOf(operation, stopped);
        try {
            either.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            operation.cancel(false);
            throw ServiceBusExceptions.timeout(what, max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            operation.cancel(false);
            return null;
        } catch (ExecutionException e) {
            // The operation failed: reported below from the operation itself.
        }
        if (!operation.isDone()) {
            operation.cancel(false);
            return null;
        }
        return Futures.await(operation, Duration.ofSeconds(1), what);
    }

    private Duration nextBackOff(Duration previous) {
        RetryOptions retry = client.retry().options();
        Duration next = previous.isZero() ? max(retry.getDelay(), MIN_BACK_OFF) : previous.multipliedBy(2);
        return next.compareTo(retry.getMaxDelay()) > 0 ? retry.getMaxDelay() : next;
    }

    /** Backs off before the next attempt; true if the processor stopped meanwhile. */
    private boolean pause(Duration delay) {
        try {
            stopped.get(delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "SessionWorker{" + processor.getEntityPath() + "}";
    }
}
