package dev.omnibus.bench;

import dev.omnibus.core.Broker;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.SessionReceiver;
import dev.omnibus.core.time.SystemTimeSource;
import dev.omnibus.store.embedded.EmbeddedMessageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Session hand-over through the core API on the embedded store: sessions × messages-per-session 1 KB messages in a
 * session queue, consumed by concurrent session workers. A worker takes the next available session, receives in
 * rounds (credit, then drain), completes every message, and when a round comes back empty closes the session and
 * takes the next one. Reports msg/s and the gap between completing one session's last message and receiving the
 * next session's first message on the same worker.
 *
 * <p>Args: sessions (1000), messages per session (100), workers (8), credit per round (32).
 */
public final class SessionHandover {
    public static void main(String[] args) throws Exception {
        int sessions = (int) CoreThroughput.arg(args, 0, 1000);
        int perSession = (int) CoreThroughput.arg(args, 1, 100);
        int workers = (int) CoreThroughput.arg(args, 2, 8);
        int credit = (int) CoreThroughput.arg(args, 3, 32);
        long total = (long) sessions * perSession;
        Path dir = Files.createTempDirectory("omnibus-bench-sessions");
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        try (SystemTimeSource time = new SystemTimeSource();
             Broker broker = Broker.open(EmbeddedMessageStore.open(dir), time, pool)) {
            broker.namespace().createQueue(QueueDescription.builder("sessions").requiresSession(true)
                    .maxSizeInMegabytes(100_000).build()).join();
            QueueEndpoint q = broker.namespace().queue("sessions");
            byte[] body = new byte[1024];
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                List<IncomingMessage> batch = new ArrayList<>(perSession);
                for (int i = 0; i < perSession; i++) {
                    batch.add(IncomingMessage.builder(body).sessionId("s" + s).build());
                }
                sends.add(q.send(batch));
            }
            sends.forEach(CompletableFuture::join);

            AtomicLong done = new AtomicLong();
            List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch finished = new CountDownLatch(workers);
            long start = System.nanoTime();
            for (int w = 0; w < workers; w++) {
                new Worker(q, credit, total, done, gaps, finished).next(0);
            }
            if (!finished.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not finished: " + done.get() + " of " + total);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> sorted = new ArrayList<>(gaps);
            Collections.sort(sorted);
            new BenchResult("session-handover")
                    .put("store", "embedded (RocksDB, fsync per group commit)")
                    .put("sessions", sessions)
                    .put("messagesPerSession", perSession)
                    .put("workers", workers)
                    .put("creditPerRound", credit)
                    .put("messages", done.get())
                    .put("seconds", Math.round(seconds * 100) / 100.0)
                    .put("msgPerSec", Math.round(done.get() / seconds))
                    .put("handovers", sorted.size())
                    .put("handoverP50Millis", millis(percentile(sorted, 0.50)))
                    .put("handoverP99Millis", millis(percentile(sorted, 0.99)))
                    .put("handoverMaxMillis", millis(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)))
                    .report();
        } finally {
            pool.shutdownNow();
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** One session worker, driven by callbacks. */
    private static final class Worker implements DeliverySink {
        private final QueueEndpoint q;
        private final int credit;
        private final long total;
        private final AtomicLong done;
        private final List<Long> gaps;
        private final CountDownLatch finished;
        private final ConcurrentLinkedQueue<ReceivedMessage> round = new ConcurrentLinkedQueue<>();
        private volatile SessionReceiver session;
        private volatile long lastCompletedAt;
        private volatile boolean firstOfSession;

        Worker(QueueEndpoint q, int credit, long total, AtomicLong done, List<Long> gaps, CountDownLatch finished) {
            this.q = q;
            this.credit = credit;
            this.total = total;
            this.done = done;
            this.gaps = gaps;
            this.finished = finished;
        }

        /** Takes the next available session, or stops when everything is done. */
        void next(long previousLastCompletedAt) {
            if (done.get() >= total) {
                finished.countDown();
                return;
            }
            lastCompletedAt = previousLastCompletedAt;
            firstOfSession = true;
            q.acceptSession(null, ReceiveMode.PEEK_LOCK, this, Duration.ofSeconds(1)).whenComplete((s, e) -> {
                if (e != null) {
                    finished.countDown(); // no session left within the timeout
                    return;
                }
                session = s;
                s.addCredit(credit);
                s.drain();
            });
        }

        @Override
        public void onMessage(ReceivedMessage m) {
            if (firstOfSession) {
                firstOfSession = false;
                if (lastCompletedAt != 0) {
                    gaps.add(System.nanoTime() - lastCompletedAt);
                }
            }
            round.add(m);
        }

        @Override
        public void onDrained() {
            List<ReceivedMessage> got = new ArrayList<>(round);
            round.clear();
            if (got.isEmpty()) {
                long last = lastCompletedAt;
                session.close().whenComplete((v, e) -> next(last));
                return;
            }
            CompletableFuture<?>[] completes = new CompletableFuture<?>[got.size()];
            for (int i = 0; i < got.size(); i++) {
                completes[i] = q.complete(got.get(i).lockToken());
            }
            CompletableFuture.allOf(completes).whenComplete((v, e) -> {
                lastCompletedAt = System.nanoTime();
                done.addAndGet(got.size());
                session.addCredit(credit);
                session.drain();
            });
        }

        @Override
        public void onClosed(BrokerException reason) {
        }
    }
}
