package dev.omnibus.client.implementation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a blocking call polls for its answer before it parks, learnt from the answers it got.
 *
 * <p>Why poll at all: the answer is completed by the connection's I/O thread, and waking a parked thread costs a
 * context switch, and on a virtual machine whose idle CPUs halt (no guest halt-polling) an interrupt to another CPU
 * and its exit from halt: tens of microseconds, more than a whole round trip to a broker on the same host. A caller
 * that polls a little is not asleep when its answer comes.
 *
 * <p>Why only a little, and only sometimes: polling burns the caller's CPU. A call polls only while the recent
 * typical wait (a moving average, long waits clipped) is at most {@link #POLL_BELOW_NANOS}, and then for at most
 * {@link #MAX_NANOS}: long enough to catch answers that came a little late (a round trip that met a burst of
 * deliveries), short enough that the rare long wait wastes little. When answers typically take longer (a remote
 * service, a large batch), the call parks at once. At most one thread per spare core polls at a time in the whole
 * JVM, so pollers never take the CPUs the answers need; the others park at once.
 *
 * <p>Shared by the threads that block on one sender or receiver; races between them only blur the average.
 */
public final class AwaitWindow {
    /** Answers that typically come within this are worth polling for. */
    static final long POLL_BELOW_NANOS = 100_000;
    /** The longest poll: past it, a wake-up costs little next to the wait. */
    static final long MAX_NANOS = 250_000;
    /**
     * Waits count at most this much in the average: one stall among quick answers does not switch polling off, two
     * in a row do.
     */
    private static final long CLIP_NANOS = 2 * MAX_NANOS;
    /** How many threads may poll at once: one per core beyond the first. */
    static final int POLLERS = Runtime.getRuntime().availableProcessors() - 1;
    private static final AtomicInteger polling = new AtomicInteger();

    private final IoWake ioWake;
    /** Moving average of recent waits, in nanoseconds (weight 1/8 for each new wait). */
    private volatile long averageNanos;

    /**
     * @param ioWake kept informed while this window polls, so that the client's I/O thread stays awake meanwhile
     */
    public AwaitWindow(IoWake ioWake) {
        this.ioWake = ioWake;
    }

    /** @return the current polling window in nanoseconds (0: park at once) */
    long windowNanos() {
        long average = averageNanos;
        return average > POLL_BELOW_NANOS ? 0 : MAX_NANOS;
    }

    /**
     * Polls {@code future} for up to the current window, if a poller slot is free.
     *
     * @param start when the wait began ({@link System#nanoTime()})
     */
    void poll(CompletableFuture<?> future, long start) {
        long window = windowNanos();
        if (window == 0 || future.isDone() || !claim()) {
            return;
        }
        ioWake.pollStarted();
        try {
            // Yielding, not spinning in place: the thread that completes the answer may be waiting for this CPU.
            while (!future.isDone() && System.nanoTime() - start < window) {
                Thread.yield();
            }
        } finally {
            ioWake.pollEnded();
            polling.decrementAndGet();
        }
    }

    /** Learns from a wait that took {@code nanos}. */
    void record(long nanos) {
        long average = averageNanos;
        averageNanos = average + (Math.min(nanos, CLIP_NANOS) - average) / 8;
    }

    private static boolean claim() {
        int now;
        do {
            now = polling.get();
            if (now >= POLLERS) {
                return false;
            }
        } while (!polling.compareAndSet(now, now + 1));
        return true;
    }
}
