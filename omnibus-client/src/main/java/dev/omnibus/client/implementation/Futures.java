package dev.omnibus.client.implementation;

import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The waiting and handing-over every public method shares. */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for {@code future} at most {@code max}, turning every failure into the client's exceptions: the one
     * place where a blocking call blocks, so none blocks forever.
     */
    public static <T> T await(CompletableFuture<T> future, Duration max, String operation) {
        return await(future, max, operation, null);
    }

    /**
     * As {@link #await(CompletableFuture, Duration, String)}, polling first for the window's time when the answers
     * through {@code window} have been quick (see {@link AwaitWindow}).
     */
    public static <T> T await(CompletableFuture<T> future, Duration max, String operation, AwaitWindow window) {
        if (window != null && !future.isDone()) {
            long start = System.nanoTime();
            window.poll(future, start);
            try {
                return await(future, max, operation, null);
            } finally {
                window.record(System.nanoTime() - start);
            }
        }
        try {
            return future.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw ServiceBusExceptions.timeout(operation, max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new ServiceBusException(operation + " was interrupted", ServiceBusFailureReason.GENERAL_ERROR,
                    false, e);
        } catch (ExecutionException e) {
            throw ServiceBusExceptions.unwrap(e);
        }
    }

    /** Fails {@code future} with a timeout unless it completes within {@code timeout}. */
    public static <T> CompletableFuture<T> withTimeout(CompletableFuture<T> future, Duration timeout,
                                                       ScheduledExecutorService scheduler, String operation) {
        if (future.isDone()) {
            return future;
        }
        ScheduledFuture<?> timer = scheduler.schedule(
                () -> future.completeExceptionally(ServiceBusExceptions.timeout(operation, timeout)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((value, error) -> timer.cancel(false));
        return future;
    }

    /**
     * The future handed to user code: it completes on {@code callbacks}, never on the I/O thread, so user
     * continuations cannot stall the connection, and its failures are the client's exceptions.
     */
    public static <T> CompletableFuture<T> toUser(CompletableFuture<T> internal, Executor callbacks) {
        CompletableFuture<T> user = new CompletableFuture<>();
        internal.whenComplete((value, error) -> {
            Runnable complete = error == null ? () -> user.complete(value)
                    : () -> user.completeExceptionally(ServiceBusExceptions.unwrap(error));
            try {
                callbacks.execute(complete);
            } catch (RuntimeException rejected) {
                complete.run(); // The client is closing; completing here is better than never.
            }
        });
        return user;
    }
}
