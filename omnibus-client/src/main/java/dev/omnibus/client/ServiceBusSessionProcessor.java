package dev.omnibus.client;

import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.implementation.DaemonThreads;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes the sessions of an entity that requires them: up to {@code maxConcurrentSessions} sessions at once, each
 * held by one worker that hands its messages to the message handler in the session's order (one at a time, unless
 * {@code maxConcurrentCallsPerSession} says otherwise). Get one from
 * {@link ServiceBusClient#createSessionProcessor(String, SessionProcessorOptions, Consumer, Consumer)}.
 *
 * <pre>{@code
 * ServiceBusSessionProcessor processor = client.createSessionProcessor("orders",
 *         SessionProcessorOptions.defaults().maxConcurrentSessions(8),
 *         context -> handle(context.getMessage(), context.getSession()),   // completed on return
 *         error -> log.warn("{}", error));
 * processor.start();
 * ...
 * processor.close();
 * }</pre>
 *
 * <p>Each worker locks the next session that has messages and nobody holds, then asks it for messages in rounds:
 * it grants credit and drains at once, so a round brings what the session has right now. When a round comes back
 * empty the session has run dry; the worker waits for a new message of that session until the session has been
 * without one for {@code sessionIdleTimeout} (default 1 s; zero: not at all), drains again, and when that is empty
 * too, closes the session (its lock goes back to the service) and locks the next one. So a worker never holds a
 * session that has had nothing for it for longer than the idle timeout, and with many sessions waiting the hand-over
 * from one session to the next is a drain and an attach. While the worker holds a session its lock is renewed for up
 * to {@code maxAutoLockRenewDuration}.
 *
 * <p>It never stops silently: failures to lock a session ({@link ServiceBusErrorSource#ACCEPT_SESSION}), to receive
 * or to keep a session ({@link ServiceBusErrorSource#RECEIVE}, e.g. {@code SessionLockLostException}), to settle, to
 * renew a session lock, and handler exceptions ({@link ServiceBusErrorSource#USER_CALLBACK}) go to the error handler,
 * and the worker goes on with the next session (backing off after failures) until the processor is stopped. "No
 * session became available in time" is not an error: the worker just asks again. Thread-safe.
 */
public final class ServiceBusSessionProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusSessionProcessor.class);
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** How long {@link #close()} waits for workers to finish the handlers they are running. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final ServiceBusAsyncClient client;
    private final String entityPath;
    private final SessionProcessorOptions options;
    private final Consumer<ProcessMessageContext> onMessage;
    private final Consumer<ProcessErrorContext> onError;
    private final AutoLockRenewer renewer;
    private final String name;
    private final List<Thread> workers = new ArrayList<>();
    private ExecutorService calls;
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    private volatile boolean running;
    private volatile boolean closed;

    ServiceBusSessionProcessor(ServiceBusAsyncClient client, String entityPath, SessionProcessorOptions options,
                               Consumer<ProcessMessageContext> onMessage, Consumer<ProcessErrorContext> onError) {
        this.client = client;
        this.entityPath = entityPath;
        this.options = options;
        this.onMessage = onMessage;
        this.onError = onError;
        this.name = "omnibus-session-processor-" + COUNT.incrementAndGet();
        boolean renew = !options.getMaxAutoLockRenewDuration().isZero()
                && options.getReceiveMode() == ServiceBusReceiveMode.PEEK_LOCK;
        this.renewer = renew ? new AutoLockRenewer(null,
                (sessionId, error) -> report(error, ServiceBusErrorSource.RENEW_LOCK)) : null;
    }

    /**
     * Starts processing sessions. Calling it on a running processor does nothing.
     *
     * @throws IllegalStateException if the processor is closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("The processor is closed");
        }
        if (running) {
            return;
        }
        running = true;
        stopped = new CompletableFuture<>();
        workers.removeIf(worker -> !worker.isAlive());
        if (options.getMaxConcurrentCallsPerSession() > 1) {
            calls = Executors.newFixedThreadPool(
                    options.getMaxConcurrentSessions() * options.getMaxConcurrentCallsPerSession(),
                    DaemonThreads.named(name + "-handler"));
        }
        for (int i = 1; i <= options.getMaxConcurrentSessions(); i++) {
            SessionWorker worker = new SessionWorker(this, stopped, calls);
            Thread thread = new Thread(worker, name + "-session-" + i);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
    }

    /**
     * Stops processing. Handlers already running finish; then each worker closes its session, whose unsettled
     * messages go back to it. The processor can be started again.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopped.complete(null);
        if (calls != null) {
            calls.shutdown();
            calls = null;
        }
    }

    /** @return whether the processor is processing */
    public boolean isRunning() {
        return running;
    }

    /** @return the queue or subscription the processor processes */
    public String getEntityPath() {
        return entityPath;
    }

    /**
     * Stops the processor, waits (up to 30 s) for its workers to finish their handlers and give their sessions back,
     * and stops lock renewal. Idempotent.
     */
    @Override
    public void close() {
        List<Thread> toJoin;
        synchronized (this) {
            stop();
            closed = true;
            toJoin = new ArrayList<>(workers);
            workers.clear();
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Thread worker : toJoin) {
            if (worker == Thread.currentThread()) {
                continue; // close() from a handler: its worker ends after the handler returns
            }
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (renewer != null) {
            renewer.close();
        }
        client.forget(this);
    }

    // ---- what the workers share --------------------------------------------------------------------------------

    ServiceBusAsyncClient client() {
        return client;
    }

    SessionProcessorOptions options() {
        return options;
    }

    AutoLockRenewer renewer() {
        return renewer;
    }

    /** Hands a message to the handler and, with auto-complete, settles it; false if the session's lock is lost. */
    boolean handle(ProcessMessageContext context) {
        boolean autoSettle = options.isAutoCompleteMessages() && context.getMessage().getLockToken() != null;
        try {
            onMessage.accept(context);
            if (autoSettle && !context.getMessage().isSettled()) {
                return settle(context, true);
            }
        } catch (RuntimeException e) {
            report(e, ServiceBusErrorSource.USER_CALLBACK);
            if (autoSettle && !context.getMessage().isSettled()) {
                return settle(context, false);
            }
        }
        return true;
    }

    private boolean settle(ProcessMessageContext context, boolean complete) {
        try {
            if (complete) {
                context.complete();
            } else {
                context.abandon();
            }
            return true;
        } catch (RuntimeException e) {
            report(e, complete ? ServiceBusErrorSource.COMPLETE : ServiceBusErrorSource.ABANDON);
            return !(e instanceof dev.omnibus.client.exceptions.SessionLockLostException);
        }
    }

    /** Passes an error to the error handler; an error handler that throws is logged, never propagated. */
    void report(Throwable error, ServiceBusErrorSource source) {
        Throwable reported = error instanceof ServiceBusException || source == ServiceBusErrorSource.USER_CALLBACK
                ? error : ServiceBusExceptions.unwrap(error);
        try {
            onError.accept(new ProcessErrorContext(reported, source, entityPath, client.getFullyQualifiedNamespace()));
        } catch (RuntimeException e) {
            LOG.warn("The session processor's error handler threw", e);
        }
    }

    @Override
    public String toString() {
        return "ServiceBusSessionProcessor{" + entityPath + ", " + options + ", running=" + running + "}";
    }
}
