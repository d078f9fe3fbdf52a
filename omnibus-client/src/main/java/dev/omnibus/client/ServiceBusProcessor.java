package dev.omnibus.client;

import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.implementation.DaemonThreads;
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.ReceiverCore;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives messages continuously and hands each to a message handler, up to {@code maxConcurrentCalls} at once,
 * each on its own thread (so a slow handler never starves the others or the connection). Get one from
 * {@link ServiceBusClient#createProcessor}.
 *
 * <pre>{@code
 * ServiceBusProcessor processor = client.createProcessor("orders",
 *         ProcessorOptions.defaults().maxConcurrentCalls(4),
 *         context -> handle(context.getMessage()),        // completed on return, abandoned on exception
 *         error -> log.warn("{}", error));
 * processor.start();
 * ...
 * processor.close();
 * }</pre>
 *
 * <p>It never stops receiving silently: every receive failure, connection loss included, goes to the error handler,
 * and the processor backs off and reconnects until it is stopped. While a handler runs, the message's lock is
 * renewed for up to {@code maxAutoLockRenewDuration}. Thread-safe.
 */
public final class ServiceBusProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusProcessor.class);
    /** Each receive waits at most this long, so {@link #stop()} takes effect promptly. */
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(1);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ServiceBusAsyncReceiver asyncReceiver;
    private final ServiceBusReceiver receiver;
    private final ReceiverCore core;
    private final ProcessorOptions options;
    private final Consumer<ProcessMessageContext> onMessage;
    private final Consumer<ProcessErrorContext> onError;
    private final Semaphore slots;
    private final AutoLockRenewer renewer;
    private final String name;
    private ExecutorService handlers;
    private Thread pump;
    private volatile boolean running;
    private volatile boolean closed;

    ServiceBusProcessor(ServiceBusAsyncReceiver receiver, ProcessorOptions options,
                        Consumer<ProcessMessageContext> onMessage, Consumer<ProcessErrorContext> onError) {
        this.asyncReceiver = receiver;
        this.receiver = new ServiceBusReceiver(receiver);
        this.core = receiver.core();
        this.options = options;
        this.onMessage = onMessage;
        this.onError = onError;
        this.slots = new Semaphore(options.getMaxConcurrentCalls());
        this.name = "omnibus-processor-" + COUNT.incrementAndGet();
        boolean renew = !options.getMaxAutoLockRenewDuration().isZero()
                && options.getReceiverOptions().getReceiveMode() == ServiceBusReceiveMode.PEEK_LOCK;
        this.renewer = renew ? new AutoLockRenewer((message, error) -> report(error,
                ServiceBusErrorSource.RENEW_LOCK)) : null;
    }

    /**
     * Starts receiving. Calling it on a running processor does nothing.
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
        handlers = Executors.newFixedThreadPool(options.getMaxConcurrentCalls(),
                DaemonThreads.named(name + "-handler"));
        pump = new Thread(this::pump, name + "-receive");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Stops receiving. Handlers already running finish; messages received but not yet handed out go back to the
     * entity when their locks lapse. The processor can be started again.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        pump.interrupt();
        handlers.shutdown();
    }

    /** @return whether the processor is receiving */
    public boolean isRunning() {
        return running;
    }

    /** @return the entity the processor receives from */
    public String getEntityPath() {
        return core.address();
    }

    private void pump() {
        Duration backOff = Duration.ZERO;
        while (running) {
            try {
                slots.acquire();
                int wanted = 1 + slots.drainPermits();
                List<ServiceBusReceivedMessage> messages;
                try {
                    messages = Futures.await(core.receiveOnce(wanted, RECEIVE_WAIT),
                            RECEIVE_WAIT.plus(Duration.ofMinutes(2)), "receive from " + core.address());
                } catch (RuntimeException e) {
                    slots.release(wanted);
                    throw e;
                }
                slots.release(wanted - messages.size());
                for (ServiceBusReceivedMessage message : messages) {
                    handlers.execute(() -> handle(message));
                }
                backOff = Duration.ZERO;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                report(e, ServiceBusErrorSource.RECEIVE);
                backOff = nextBackOff(backOff);
                if (!pause(backOff)) {
                    return;
                }
            }
        }
    }

    private void handle(ServiceBusReceivedMessage message) {
        try {
            if (renewer != null && message.getLockToken() != null) {
                renewer.register(asyncReceiver, message, options.getMaxAutoLockRenewDuration());
            }
            onMessage.accept(new ProcessMessageContext(message, receiver));
            if (options.isAutoCompleteMessages() && !message.isSettled() && message.getLockToken() != null) {
                settle(message, true);
            }
        } catch (RuntimeException e) {
            report(e, ServiceBusErrorSource.USER_CALLBACK);
            if (options.isAutoCompleteMessages() && !message.isSettled() && message.getLockToken() != null) {
                settle(message, false);
            }
        } finally {
            slots.release();
        }
    }

    private void settle(ServiceBusReceivedMessage message, boolean complete) {
        try {
            if (complete) {
                receiver.completeMessage(message);
            } else {
                receiver.abandonMessage(message);
            }
        } catch (RuntimeException e) {
            report(e, complete ? ServiceBusErrorSource.COMPLETE : ServiceBusErrorSource.ABANDON);
        }
    }

    private void report(Throwable error, ServiceBusErrorSource source) {
        Throwable reported = error instanceof ServiceBusException ? error
                : source == ServiceBusErrorSource.USER_CALLBACK ? error : ServiceBusExceptions.unwrap(error);
        try {
            onError.accept(new ProcessErrorContext(reported, source, core.address(),
                    asyncReceiver.client().getFullyQualifiedNamespace()));
        } catch (RuntimeException e) {
            LOG.warn("The processor's error handler threw", e);
        }
    }

    private Duration nextBackOff(Duration previous) {
        RetryOptions retry = asyncReceiver.client().retry().options();
        Duration next = previous.isZero() ? retry.getDelay() : previous.multipliedBy(2);
        return next.compareTo(retry.getMaxDelay()) > 0 ? retry.getMaxDelay() : next;
    }

    /** Waits before reconnecting; false if the processor was stopped meanwhile. */
    private boolean pause(Duration delay) {
        try {
            // Not a synchronisation sleep: the back-off before the next receive; stop() interrupts it.
            TimeUnit.MILLISECONDS.sleep(delay.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the processor and closes its receiver and lock renewal. Idempotent. */
    @Override
    public void close() {
        stop();
        closed = true;
        if (renewer != null) {
            renewer.close();
        }
        receiver.close();
    }
}
