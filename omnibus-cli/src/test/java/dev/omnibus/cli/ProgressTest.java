package dev.omnibus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines of long transfers, with a clock moved by hand. */
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong(5 * SECOND);

    private Progress progress(long total, boolean enabled) {
        return new Progress(new PrintWriter(text, true), "sent", total, enabled, now::get);
    }

    private String[] lines() {
        return text.toString().lines().toArray(String[]::new);
    }

    @Test
    void quietForTheFirstSecondThenAtMostOneLineASecondAndAFinalLine() {
        Progress p = progress(5000, true);

        now.addAndGet(SECOND / 2);
        p.update(500);
        assertThat(lines()).as("a short transfer shows nothing").isEmpty();
        now.addAndGet(SECOND / 2);
        p.update(1000);
        now.addAndGet(SECOND / 2);
        p.update(1500);
        now.addAndGet(SECOND / 2);
        p.update(2000);
        now.addAndGet(SECOND);
        p.finish(5000);

        assertThat(lines()).containsExactly("sent 1000/5000 messages (1000/s)", "sent 2000/5000 messages (1000/s)",
                "sent 5000/5000 messages (1667/s)");
        assertThat(p.elapsedSeconds()).isEqualTo(3.0);
    }

    @Test
    void aTransferOverWithinASecondPrintsNothingEvenAtTheEnd() {
        Progress p = progress(10, true);
        now.addAndGet(SECOND / 10);
        p.update(10);
        p.finish(10);

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void anUnknownTotalIsLeftOutAndQuietPrintsNothing() {
        Progress unknown = progress(-1, true);
        StringWriter quietText = new StringWriter();
        Progress quiet = new Progress(new PrintWriter(quietText, true), "purged", 10, false, now::get);
        now.addAndGet(2 * SECOND);
        unknown.update(40);
        quiet.update(40);
        quiet.finish(40);

        assertThat(lines()).containsExactly("sent 40 messages (20/s)");
        assertThat(quietText.toString()).isEmpty();
    }
}
