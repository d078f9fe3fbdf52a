package dev.omnibus.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries operations that fail with a transient error, and how long one try may take. Immutable;
 * each method returns a changed copy:
 *
 * <pre>{@code
 * RetryOptions retry = RetryOptions.defaults().maxRetries(5).tryTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>The delay before retry {@code n} (1-based) is {@code delay * 2^(n-1)}, capped at {@link #getMaxDelay()}, with up
 * to 20% random jitter so that many clients do not retry in step.
 */
public final class RetryOptions {
    private static final RetryOptions DEFAULTS = new RetryOptions(3, Duration.ofMillis(800), Duration.ofMinutes(1),
            Duration.ofMinutes(1));

    private final int maxRetries;
    private final Duration delay;
    private final Duration maxDelay;
    private final Duration tryTimeout;

    private RetryOptions(int maxRetries, Duration delay, Duration maxDelay, Duration tryTimeout) {
        this.maxRetries = maxRetries;
        this.delay = delay;
        this.maxDelay = maxDelay;
        this.tryTimeout = tryTimeout;
    }

    /** @return 3 retries, 0.8 s first delay, 1 min maximum delay, 1 min per try (the official SDKs' defaults) */
    public static RetryOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param maxRetries how many times a failed operation is tried again; 0 disables retries
     * @return a copy with this value
     * @throws IllegalArgumentException if negative
     */
    public RetryOptions maxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        return new RetryOptions(maxRetries, delay, maxDelay, tryTimeout);
    }

    /**
     * @param delay the delay before the first retry
     * @return a copy with this value
     * @throws IllegalArgumentException if negative
     */
    public RetryOptions delay(Duration delay) {
        return new RetryOptions(maxRetries, nonNegative(delay, "delay"), maxDelay, tryTimeout);
    }

    /**
     * @param maxDelay the longest delay between tries
     * @return a copy with this value
     * @throws IllegalArgumentException if negative
     */
    public RetryOptions maxDelay(Duration maxDelay) {
        return new RetryOptions(maxRetries, delay, nonNegative(maxDelay, "maxDelay"), tryTimeout);
    }

    /**
     * @param tryTimeout how long one try of an operation may take (connecting, attaching a link, sending, settling,
     *                   a management request); no blocking call waits longer per try
     * @return a copy with this value
     * @throws IllegalArgumentException if not positive
     */
    public RetryOptions tryTimeout(Duration tryTimeout) {
        Objects.requireNonNull(tryTimeout, "tryTimeout");
        if (tryTimeout.isZero() || tryTimeout.isNegative()) {
            throw new IllegalArgumentException("tryTimeout must be positive: " + tryTimeout);
        }
        return new RetryOptions(maxRetries, delay, maxDelay, tryTimeout);
    }

    /** @return how many times a failed operation is tried again */
    public int getMaxRetries() {
        return maxRetries;
    }

    /** @return the delay before the first retry */
    public Duration getDelay() {
        return delay;
    }

    /** @return the longest delay between tries */
    public Duration getMaxDelay() {
        return maxDelay;
    }

    /** @return how long one try may take */
    public Duration getTryTimeout() {
        return tryTimeout;
    }

    private static Duration nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "RetryOptions{maxRetries=" + maxRetries + ", delay=" + delay + ", maxDelay=" + maxDelay
                + ", tryTimeout=" + tryTimeout + "}";
    }
}
