package dev.omnibus.core.time;

/**
 * The broker's only source of time: the current time and timers. Production uses {@link SystemTimeSource}; tests
 * use {@link ManualTimeSource} and move time themselves. Timer tasks must be short: they post work into a mailbox.
 */
public interface TimeSource {
    /** Current time, epoch millis. */
    long now();

    /** Runs {@code task} once at or after {@code atMillis}. */
    Timer schedule(long atMillis, Runnable task);

    /** A pending timer. */
    interface Timer {
        /** Stops the timer if it has not fired; harmless afterwards. */
        void cancel();
    }
}
