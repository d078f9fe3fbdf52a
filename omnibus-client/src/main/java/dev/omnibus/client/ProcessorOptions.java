package dev.omnibus.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ServiceBusProcessor} runs. Immutable; each method returns a changed copy:
 *
 * <pre>{@code
 * ProcessorOptions options = ProcessorOptions.defaults()
 *         .maxConcurrentCalls(8)
 *         .maxAutoLockRenewDuration(Duration.ofMinutes(10));
 * }</pre>
 */
public final class ProcessorOptions {
    private static final ProcessorOptions DEFAULTS = new ProcessorOptions(1, true, Duration.ofMinutes(5),
            ReceiverOptions.defaults());

    private final int maxConcurrentCalls;
    private final boolean autoCompleteMessages;
    private final Duration maxAutoLockRenewDuration;
    private final ReceiverOptions receiverOptions;

    private ProcessorOptions(int maxConcurrentCalls, boolean autoCompleteMessages, Duration maxAutoLockRenewDuration,
                             ReceiverOptions receiverOptions) {
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.autoCompleteMessages = autoCompleteMessages;
        this.maxAutoLockRenewDuration = maxAutoLockRenewDuration;
        this.receiverOptions = receiverOptions;
    }

    /** @return one call at a time, auto-complete on, lock renewal for up to 5 minutes, default receiver options */
    public static ProcessorOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param maxConcurrentCalls how many messages are handled at once, each on its own thread
     * @return a copy with this value
     * @throws IllegalArgumentException if not positive
     */
    public ProcessorOptions maxConcurrentCalls(int maxConcurrentCalls) {
        if (maxConcurrentCalls <= 0) {
            throw new IllegalArgumentException("maxConcurrentCalls must be positive: " + maxConcurrentCalls);
        }
        return new ProcessorOptions(maxConcurrentCalls, autoCompleteMessages, maxAutoLockRenewDuration,
                receiverOptions);
    }

    /**
     * @param autoCompleteMessages whether a message is completed when the handler returns and abandoned when it
     *                             throws (unless the handler settled it itself)
     * @return a copy with this value
     */
    public ProcessorOptions autoCompleteMessages(boolean autoCompleteMessages) {
        return new ProcessorOptions(maxConcurrentCalls, autoCompleteMessages, maxAutoLockRenewDuration,
                receiverOptions);
    }

    /**
     * @param maxAutoLockRenewDuration how long a message's lock is kept alive while its handler runs; zero disables
     * @return a copy with this value
     * @throws IllegalArgumentException if negative
     */
    public ProcessorOptions maxAutoLockRenewDuration(Duration maxAutoLockRenewDuration) {
        Objects.requireNonNull(maxAutoLockRenewDuration, "maxAutoLockRenewDuration");
        if (maxAutoLockRenewDuration.isNegative()) {
            throw new IllegalArgumentException("maxAutoLockRenewDuration must not be negative");
        }
        return new ProcessorOptions(maxConcurrentCalls, autoCompleteMessages, maxAutoLockRenewDuration,
                receiverOptions);
    }

    /**
     * @param receiverOptions receive mode, sub-queue and prefetch of the processor's receiver
     * @return a copy with this value
     */
    public ProcessorOptions receiverOptions(ReceiverOptions receiverOptions) {
        return new ProcessorOptions(maxConcurrentCalls, autoCompleteMessages, maxAutoLockRenewDuration,
                Objects.requireNonNull(receiverOptions, "receiverOptions"));
    }

    /** @return how many messages are handled at once */
    public int getMaxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** @return whether messages are completed (or abandoned on failure) automatically */
    public boolean isAutoCompleteMessages() {
        return autoCompleteMessages;
    }

    /** @return how long locks are renewed while handlers run */
    public Duration getMaxAutoLockRenewDuration() {
        return maxAutoLockRenewDuration;
    }

    /** @return the receiver options */
    public ReceiverOptions getReceiverOptions() {
        return receiverOptions;
    }
}
