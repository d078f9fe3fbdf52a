package dev.omnibus.client.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AwaitWindowTest {
    private static final long QUICK = 20_000;
    private static final long SLOW = 2_000_000;

    @Test
    void pollsWhileAnswersAreQuickAndParksAtOnceOnceTheyAreSlow() {
        AwaitWindow window = new AwaitWindow(new IoWake());
        assertThat(window.windowNanos()).as("nothing learnt yet").isEqualTo(AwaitWindow.MAX_NANOS);

        for (int i = 0; i < 50; i++) {
            window.record(QUICK);
        }
        assertThat(window.windowNanos()).isEqualTo(AwaitWindow.MAX_NANOS);

        window.record(SLOW);
        window.record(SLOW);
        assertThat(window.windowNanos()).as("a remote service: answers take milliseconds").isZero();

        for (int i = 0; i < 50; i++) {
            window.record(QUICK);
        }
        assertThat(window.windowNanos()).as("quick again").isEqualTo(AwaitWindow.MAX_NANOS);
    }

    @Test
    void oneStallAmongQuickAnswersKeepsPolling() {
        AwaitWindow window = new AwaitWindow(new IoWake());
        for (int i = 0; i < 50; i++) {
            window.record(QUICK);
        }

        window.record(Duration.ofSeconds(5).toNanos()); // counted clipped, not at its full length

        assertThat(window.windowNanos()).isEqualTo(AwaitWindow.MAX_NANOS);
    }

    @Test
    void anAnswerEndsThePollAndAMissingOneDoesNotHoldItForever() throws Exception {
        AwaitWindow window = new AwaitWindow(new IoWake());
        CompletableFuture<String> answered = new CompletableFuture<>();
        CountDownLatch polling = new CountDownLatch(1);
        Thread answerer = new Thread(() -> {
            try {
                polling.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answered.complete("done");
        });
        answerer.start();
        polling.countDown();
        window.poll(answered, System.nanoTime());
        assertThat(Futures.await(answered, Duration.ofSeconds(10), "answer", window)).isEqualTo("done");
        answerer.join();

        CompletableFuture<String> never = new CompletableFuture<>();
        window.poll(never, System.nanoTime()); // returns at the end of the window
        assertThat(never).isNotDone();
    }

    @Test
    void awaitingAnAnswerThatIsAlreadyThereLearnsNothing() {
        AwaitWindow window = new AwaitWindow(new IoWake());
        window.record(SLOW);
        window.record(SLOW);
        long before = window.windowNanos();

        assertThat(Futures.await(CompletableFuture.completedFuture(7), Duration.ofSeconds(1), "done", window))
                .isEqualTo(7);
        assertThat(window.windowNanos()).isEqualTo(before);
    }
}
