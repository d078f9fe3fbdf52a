package dev.omnibus.cli;

import java.io.PrintWriter;

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
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean shown;

    /**
     * @param total how many there will be, or -1 when unknown
     * @param enabled false for {@code --quiet}
     */
    Progress(PrintWriter err, String verb, long total, boolean enabled) {
        this.err = err;
        this.verb = verb;
        this.total = total;
        this.enabled = enabled;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (enabled && now - lastShown >= INTERVAL_NANOS) {
            lastShown = now;
            shown = true;
            err.println(line(done, now));
        }
    }

    void finish(long done) {
        if (enabled && shown) {
            err.println(line(done, System.nanoTime()));
        }
    }

    private String line(long done, long now) {
        double seconds = (now - started) / 1e9;
        String of = total >= 0 ? "/" + total : "";
        return String.format(java.util.Locale.ROOT, "%s %d%s messages (%.0f/s)", verb, done, of,
                seconds > 0 ? done / seconds : 0.0);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
