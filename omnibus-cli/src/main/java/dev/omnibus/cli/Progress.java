package dev.omnibus.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress of a long transfer on standard error: nothing for the first second, then one line a second at most,
 * and a last line when a shown transfer ends. Never on standard output, so results stay clean for scripts.
 */
final class Progress {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final String verb;
    private final long total;
    private final boolean enabled;
    private final LongSupplier nanoTime;
    private final long started;
    private long lastShown;
    private boolean shown;

    /**
     * @param total how many there will be, or -1 when unknown
     * @param enabled false for {@code --quiet}
     */
    Progress(PrintWriter err, String verb, long total, boolean enabled) {
        this(err, verb, total, enabled, System::nanoTime);
    }

    /** With the given monotonic clock in nanoseconds (tests move it by hand). */
    Progress(PrintWriter err, String verb, long total, boolean enabled, LongSupplier nanoTime) {
        this.err = err;
        this.verb = verb;
        this.total = total;
        this.enabled = enabled;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.lastShown = started;
    }

    void update(long done) {
        long now = nanoTime.getAsLong();
        if (enabled && now - lastShown >= INTERVAL_NANOS) {
            lastShown = now;
            shown = true;
            err.println(line(done, now));
        }
    }

    void finish(long done) {
        if (enabled && shown) {
            err.println(line(done, nanoTime.getAsLong()));
        }
    }

    private String line(long done, long now) {
        double seconds = (now - started) / 1e9;
        String of = total >= 0 ? "/" + total : "";
        return String.format(java.util.Locale.ROOT, "%s %d%s messages (%.0f/s)", verb, done, of,
                seconds > 0 ? done / seconds : 0.0);
    }

    double elapsedSeconds() {
        return (nanoTime.getAsLong() - started) / 1e9;
    }
}
