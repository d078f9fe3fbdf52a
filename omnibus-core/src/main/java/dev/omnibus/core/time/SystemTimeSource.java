package dev.omnibus.core.time;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Wall-clock time and one daemon timer thread. The composition root creates it; nothing else reads the clock. */
public final class SystemTimeSource implements TimeSource, AutoCloseable {
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;

    public SystemTimeSource() {
        this(Clock.systemUTC());
    }

    public SystemTimeSource(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "omnibus-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long now() {
        return clock.millis();
    }

    @Override
    public Timer schedule(long atMillis, Runnable task) {
        long delay = Math.max(0, atMillis - now());
        ScheduledFuture<?> f = timer.schedule(task, delay, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
