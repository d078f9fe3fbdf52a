package dev.omnibus.client.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class IoWakeTest {
    /** The strategy's answer when nothing is ready. */
    private static int idle(IoWake wake) throws Exception {
        return wake.strategy().calculateStrategy(() -> 0, false);
    }

    @Test
    void theLoopSleepsUnlessACallerPolls() throws Exception {
        IoWake wake = new IoWake();
        assertThat(idle(wake)).as("nobody polls: block in the kernel").isEqualTo(SelectStrategy.SELECT);

        wake.pollStarted();
        assertThat(idle(wake)).as("a caller polls: check again").isEqualTo(SelectStrategy.CONTINUE);
        wake.pollEnded();

        long now = System.nanoTime();
        assertThat(wake.wanted(now)).as("just after the poll: the caller's next request may follow").isTrue();
        assertThat(wake.wanted(now + IoWake.GRACE_NANOS + 1)).as("after the grace").isFalse();
    }

    @Test
    void readyEventsAndTasksAreHandledWhetherOrNotACallerPolls() throws Exception {
        IoWake wake = new IoWake();
        SelectStrategy strategy = wake.strategy();

        assertThat(strategy.calculateStrategy(() -> 3, false)).isEqualTo(3);
        assertThat(strategy.calculateStrategy(() -> 0, true)).isZero();
    }

    @Test
    void aPollingCallerKeepsTheLoopAwake() throws Exception {
        IoWake wake = new IoWake();
        AwaitWindow window = new AwaitWindow(wake);
        CompletableFuture<String> answer = new CompletableFuture<>();
        if (AwaitWindow.POLLERS == 0) { // one CPU: nobody polls, the loop always sleeps
            window.poll(answer, System.nanoTime());
            assertThat(idle(wake)).isEqualTo(SelectStrategy.SELECT);
            return;
        }
        Thread answerer = new Thread(() -> {
            while (!wake.wanted(System.nanoTime())) {
                Thread.onSpinWait(); // until the caller polls
            }
            answer.complete("seen awake");
        });
        answerer.start();

        while (!answer.isDone()) {
            window.poll(answer, System.nanoTime());
        }
        answerer.join();

        assertThat(answer).isCompletedWithValue("seen awake");
    }
}
