package dev.omnibus.client.implementation;

import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.exceptions.ServiceBusException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an asynchronous operation with a deadline per try and exponential back-off between tries, retrying only
 * errors the catalogue calls transient ({@link ServiceBusException#isTransient()}).
 */
public final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    private final RetryOptions options;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier closed;

    /**
     * @param options retry options
     * @param scheduler timer for deadlines and back-off
     * @param closed stops retrying once true (the client or the sender/receiver was closed)
     */
    public RetryPolicy(RetryOptions options, ScheduledExecutorService scheduler, BooleanSupplier closed) {
        this.options = options;
        this.scheduler = scheduler;
        this.closed = closed;
    }

    /** Runs {@code attempt} with the options' try timeout per try. */
    public <T> CompletableFuture<T> run(String operation, Supplier<CompletableFuture<T>> attempt) {
        return run(operation, attempt, options.getTryTimeout());
    }

    /** Runs {@code attempt}, failing a try that takes longer than {@code tryTimeout}. */
    public <T> CompletableFuture<T> run(String operation, Supplier<CompletableFuture<T>> attempt,
                                        Duration tryTimeout) {
        return run(operation, attempt, tryTimeout, failure -> true);
    }

    /**
     * Runs {@code attempt}, failing a try that takes longer than {@code tryTimeout}, and retrying only transient
     * failures that {@code retryable} also accepts (for operations where a transient error is an answer, such as
     * "no session came in time").
     */
    public <T> CompletableFuture<T> run(String operation, Supplier<CompletableFuture<T>> attempt,
                                        Duration tryTimeout, Predicate<RuntimeException> retryable) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tryOnce(operation, attempt, tryTimeout, retryable, 0, result);
        return result;
    }

    private <T> void tryOnce(String operation, Supplier<CompletableFuture<T>> attempt, Duration tryTimeout,
                             Predicate<RuntimeException> retryable, int retry, CompletableFuture<T> result) {
        CompletableFuture<T> one;
        try {
            one = Futures.withTimeout(attempt.get(), tryTimeout, scheduler, operation);
        } catch (RuntimeException e) {
            one = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> attemptFuture = one;
        // A caller that gives up (cancels, times out) also ends the try in flight.
        result.whenComplete((value, error) -> attemptFuture.cancel(false));
        one.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            RuntimeException failure = ServiceBusExceptions.unwrap(error);
            boolean retriable = failure instanceof ServiceBusException e && e.isTransient() && retryable.test(e);
            if (!retriable || retry >= options.getMaxRetries() || closed.getAsBoolean()) {
                result.completeExceptionally(failure);
                return;
            }
            Duration delay = delay(retry + 1);
            LOG.debug("{} failed ({}); retry {} of {} in {} ms", operation, failure.getMessage(), retry + 1,
                    options.getMaxRetries(), delay.toMillis());
            scheduler.schedule(() -> tryOnce(operation, attempt, tryTimeout, retryable, retry + 1, result),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** The back-off before retry {@code n} (1-based): exponential, capped, with up to 20% jitter. */
    Duration delay(int n) {
        long base = options.getDelay().toMillis();
        long capped = Math.min(options.getMaxDelay().toMillis(), base * (1L << Math.min(n - 1, 20)));
        long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Duration.ofMillis(Math.min(options.getMaxDelay().toMillis(), capped + jitter));
    }

    /** The longest an operation can take with all its tries and delays: the bound of every blocking wait. */
    public Duration maxTotal(Duration tryTimeout) {
        int retries = options.getMaxRetries();
        // Saturating nanosecond arithmetic: Duration.multipliedBy goes through BigDecimal, and this runs per receive.
        long total = saturatedAdd(saturatedMultiply(nanos(tryTimeout), retries + 1L),
                saturatedMultiply(nanos(options.getMaxDelay()), retries));
        return Duration.ofNanos(saturatedAdd(total, 1_000_000_000L));
    }

    private static long nanos(Duration d) {
        return d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : d.toNanos();
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE; // operands are never negative here
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** @return the retry options */
    public RetryOptions options() {
        return options;
    }
}
