package dev.omnibus.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Time that moves only when a test moves it. Due timers run on the thread that calls {@link #advance(Duration)},
 * in due-time order, each seeing {@link #now()} equal to its due time.
 */
public final class ManualTimeSource implements TimeSource {
    private long now;
    private long sequence;
    private final PriorityQueue<Entry> timers = new PriorityQueue<>();

    private final class Entry implements Comparable<Entry>, Timer {
        final long at;
        final long order;
        final Runnable task;
        boolean cancelled;

        Entry(long at, long order, Runnable task) {
            this.at = at;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            synchronized (ManualTimeSource.this) {
                cancelled = true;
                timers.remove(this);
            }
        }
    }

    public ManualTimeSource() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualTimeSource(Instant start) {
        this.now = start.toEpochMilli();
    }

    @Override
    public synchronized long now() {
        return now;
    }

    @Override
    public synchronized Timer schedule(long atMillis, Runnable task) {
        Entry e = new Entry(atMillis, sequence++, task);
        timers.add(e);
        return e;
    }

    /** Moves time forward, running every timer that falls due on the way. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toMillis();
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.at > target) {
                    now = target;
                    return;
                }
                timers.poll();
                now = Math.max(now, next.at);
            }
            next.task.run();
        }
    }

    /** Number of timers not yet run (for tests). */
    public synchronized int pendingTimers() {
        return timers.size();
    }
}
