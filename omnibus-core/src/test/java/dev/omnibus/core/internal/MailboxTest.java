package dev.omnibus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.LoopTurns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MailboxTest {
    @Test
    void runsTasksOneAtATimeInSubmissionOrderPerProducer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Mailbox mailbox = new Mailbox("test", pool);
            int producers = 4;
            int perProducer = 10_000;
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            List<List<Integer>> seen = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                seen.add(new ArrayList<>());
            }
            CountDownLatch done = new CountDownLatch(producers * perProducer);
            Thread[] threads = new Thread[producers];
            for (int p = 0; p < producers; p++) {
                int producer = p;
                threads[p] = new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        int n = i;
                        mailbox.execute(() -> {
                            if (running.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            seen.get(producer).add(n);
                            running.decrementAndGet();
                            done.countDown();
                        });
                    }
                });
                threads[p].start();
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps.get()).isZero();
            for (List<Integer> s : seen) {
                List<Integer> sorted = new ArrayList<>(s);
                Collections.sort(sorted);
                assertThat(s).hasSize(perProducer).isEqualTo(sorted);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskSubmittedFromATaskRunsAfterItOnADirectPool() {
        Mailbox mailbox = new Mailbox("direct", Runnable::run);
        List<String> order = new ArrayList<>();
        mailbox.execute(() -> {
            mailbox.execute(() -> order.add("inner"));
            order.add("outer");
        });
        assertThat(order).containsExactly("outer", "inner");
    }

    @Test
    void aFailingTaskDoesNotStopTheMailbox() {
        Mailbox mailbox = new Mailbox("direct", Runnable::run);
        List<String> order = new ArrayList<>();
        mailbox.execute(() -> {
            throw new IllegalStateException("boom");
        });
        mailbox.execute(() -> order.add("after"));
        assertThat(order).containsExactly("after");
    }

    @Test
    void aTurnStartedOnARegisteredLoopRunsLaterOnThatLoopNotOnThePool() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-loop"));
        List<Runnable> pool = Collections.synchronizedList(new ArrayList<>());
        try {
            loop.submit(() -> LoopTurns.adopt(loop)).get(5, TimeUnit.SECONDS);
            Mailbox mailbox = new Mailbox("looped", pool::add);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            loop.submit(() -> {
                mailbox.execute(() -> order.add("turn on " + Thread.currentThread().getName()));
                order.add("caller done");
            }).get(5, TimeUnit.SECONDS);
            loop.submit(() -> { }).get(5, TimeUnit.SECONDS); // the loop has run what was queued behind the caller

            assertThat(order).containsExactly("caller done", "turn on test-loop");
            assertThat(pool).isEmpty();
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void aTurnStartedElsewhereOrABacklogGoesToThePool() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-loop"));
        List<Runnable> pool = Collections.synchronizedList(new ArrayList<>());
        try {
            loop.submit(() -> LoopTurns.adopt(loop)).get(5, TimeUnit.SECONDS);
            Mailbox mailbox = new Mailbox("mixed", pool::add);
            AtomicInteger ran = new AtomicInteger();

            mailbox.execute(ran::incrementAndGet); // not a loop thread
            assertThat(pool).hasSize(1);
            pool.remove(0).run();
            assertThat(ran).hasValue(1);

            // More tasks than one turn takes, queued from the loop: the first turn runs there, the rest on the pool.
            loop.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    mailbox.execute(ran::incrementAndGet);
                }
            }).get(5, TimeUnit.SECONDS);
            loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertThat(ran).hasValue(257);
            assertThat(pool).hasSize(1);
            pool.remove(0).run();
            assertThat(ran).hasValue(301);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void aThreadThatIsNotRegisteredHasNoLoop() {
        assertThat(LoopTurns.ofThisThread()).isNull();
    }
}
