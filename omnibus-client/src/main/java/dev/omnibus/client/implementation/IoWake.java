package dev.omnibus.client.implementation;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a client's I/O thread awake while one of its blocking callers polls for an answer ({@link AwaitWindow}), and
 * for a short grace after: the loop then checks its sockets and tasks without sleeping in the kernel, yielding the CPU
 * on each empty turn. The broker's answer then needs no wake-up of the I/O thread, and neither does the caller's next
 * request (Netty skips the wake-up of a loop that is not asleep). Without a polling caller the loop sleeps as usual,
 * so an idle client, or one talking to a remote namespace, costs nothing.
 *
 * <p>Measured on the 2-core benchmark machine: a blocking completion's round trip p50 went from ≈ 26 µs to ≈ 21 µs.
 */
public final class IoWake {
    /** How long the loop stays awake after the last poll ended: a caller's next request usually comes sooner. */
    static final long GRACE_NANOS = 50_000;

    private final AtomicInteger pollers = new AtomicInteger();
    private volatile long lastPollEnded = System.nanoTime() - 2 * GRACE_NANOS;

    /** A caller started polling for an answer. */
    void pollStarted() {
        pollers.incrementAndGet();
    }

    /** That caller stopped polling (answered, or parked). */
    void pollEnded() {
        lastPollEnded = System.nanoTime();
        pollers.decrementAndGet();
    }

    /** @return whether the I/O thread should stay awake at {@code now} ({@link System#nanoTime()}) */
    boolean wanted(long now) {
        return pollers.get() > 0 || now - lastPollEnded < GRACE_NANOS;
    }

    /** The event loop's select strategy: poll while {@link #wanted}, else block as Netty's default does. */
    SelectStrategy strategy() {
        return (selectNow, hasTasks) -> {
            int ready = selectNow.get();
            if (ready > 0 || hasTasks) {
                return ready;
            }
            if (wanted(System.nanoTime())) {
                Thread.yield();
                return SelectStrategy.CONTINUE;
            }
            return SelectStrategy.SELECT;
        };
    }
}
