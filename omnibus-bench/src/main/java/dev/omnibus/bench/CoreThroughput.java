package dev.omnibus.bench;

import dev.omnibus.core.Broker;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.Receiver;
import dev.omnibus.core.time.SystemTimeSource;
import dev.omnibus.store.embedded.EmbeddedMessageStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable send → PeekLock receive → complete through the core API on the embedded store, 1 KB bodies. Senders send
 * one message per call with a window of calls in flight; receivers complete each message and give the credit back.
 *
 * <p>Args: messages (1,000,000), senders (4), window per sender (512), receivers (2), credit per receiver (512),
 * body bytes (1024), messages per send call (1), and {@code drain} to send everything first and then receive the
 * backlog (the read path: payloads from the store rather than the just-arrived ring, behind the tombstones of what
 * was completed before).
 */
public final class CoreThroughput {
    public static void main(String[] args) throws Exception {
        long messages = arg(args, 0, 1_000_000);
        int senders = (int) arg(args, 1, 4);
        int window = (int) arg(args, 2, 512);
        int receivers = (int) arg(args, 3, 2);
        int credit = (int) arg(args, 4, 512);
        int size = (int) arg(args, 5, 1024);
        int perSend = (int) arg(args, 6, 1);
        boolean drain = args.length > 7 && args[7].equals("drain");

        Path dir = Files.createTempDirectory("omnibus-bench-core");
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        boolean sync = Boolean.parseBoolean(System.getProperty("bench.sync", "true"));
        EmbeddedMessageStore store = EmbeddedMessageStore.open(
                dev.omnibus.store.embedded.EmbeddedStoreOptions.defaults(dir).withSyncWrites(sync));
        try (SystemTimeSource time = new SystemTimeSource();
             Broker broker = Broker.open(store, time, pool)) {
            broker.namespace().createQueue(QueueDescription.builder("bench").maxSizeInMegabytes(10_240).build()).join();
            QueueEndpoint q = broker.namespace().queue("bench");
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong completed = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            if (!drain) {
                for (int i = 0; i < receivers; i++) {
                    startReceiver(q, credit, messages, completed, failures, done);
                }
            }
            byte[] body = new byte[size];
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            Thread[] threads = new Thread[senders];
            AtomicLong sent = new AtomicLong();
            for (int s = 0; s < senders; s++) {
                threads[s] = new Thread(() -> sendLoop(q, body, messages, window, perSend, sent, failures), "sender-" + s);
                threads[s].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            long sendNanos = System.nanoTime() - start;
            long drainStart = System.nanoTime();
            if (drain) {
                for (int i = 0; i < receivers; i++) {
                    startReceiver(q, credit, messages, completed, failures, done);
                }
            }
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not finished: " + completed.get() + " of " + messages);
            }
            long nanos = System.nanoTime() - start;
            long drainNanos = System.nanoTime() - drainStart;
            long cpuNanos = processCpuNanos() - cpuStart;
            double seconds = nanos / 1e9;
            new BenchResult("core-throughput")
                    .put("store", sync ? "embedded (RocksDB, fsync per group commit)" : "embedded (RocksDB, no fsync)")
                    .put("messages", messages)
                    .put("bodyBytes", size)
                    .put("senders", senders)
                    .put("messagesPerSend", perSend)
                    .put("windowPerSender", window)
                    .put("receivers", receivers)
                    .put("creditPerReceiver", credit)
                    .put("seconds", Math.round(seconds * 100) / 100.0)
                    .put("sendPhaseMsgPerSec", Math.round(messages / (sendNanos / 1e9)))
                    .put("endToEndMsgPerSec", Math.round(messages / seconds))
                    .put("mode", drain ? "send all, then drain the backlog" : "send and receive together")
                    .put("drainMsgPerSec", drain ? Math.round(messages / (drainNanos / 1e9)) : 0)
                    // CPU of the whole process (RocksDB's threads too) per message: steadier than the rate when other
                    // work shares the machine.
                    .put("cpuMicrosPerMessage", Math.round(cpuNanos / 10.0 / messages) / 100.0)
                    .put("storeBatches", store.committedBatches())
                    .put("storeGroupCommits", store.groupCommits())
                    .put("failures", failures.get())
                    .report();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sendLoop(QueueEndpoint q, byte[] body, long total, int window, int perSend, AtomicLong sent,
                                 AtomicLong failures) {
        Semaphore inFlight = new Semaphore(window);
        while (true) {
            long first = sent.getAndAdd(perSend);
            if (first >= total) {
                break;
            }
            int n = (int) Math.min(perSend, total - first);
            List<IncomingMessage> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(IncomingMessage.builder(body).build());
            }
            inFlight.acquireUninterruptibly();
            q.send(batch).whenComplete((v, e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquireUninterruptibly(window);
    }

    private static void startReceiver(QueueEndpoint q, int credit, long total, AtomicLong completed,
                                      AtomicLong failures, CountDownLatch done) {
        Receiver[] self = new Receiver[1];
        // Credit comes back in chunks, as AMQP receivers replenish their link credit.
        int chunk = Math.max(1, credit / 4);
        AtomicLong settled = new AtomicLong();
        DeliverySink sink = new DeliverySink() {
            @Override
            public void onMessage(ReceivedMessage m) {
                q.complete(m.lockToken()).whenComplete((v, e) -> {
                    if (e != null) {
                        failures.incrementAndGet();
                    }
                    if (completed.incrementAndGet() == total) {
                        done.countDown();
                    }
                    if (settled.incrementAndGet() % chunk == 0) {
                        self[0].addCredit(chunk);
                    }
                });
            }

            @Override
            public void onDrained() {
            }

            @Override
            public void onClosed(BrokerException reason) {
            }
        };
        self[0] = q.openReceiver(ReceiveMode.PEEK_LOCK, sink).join();
        self[0].addCredit(credit);
    }

    /** CPU time of this process so far, all threads; -1 where the JVM cannot tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    static long arg(String[] args, int i, long fallback) {
        return args.length > i ? Long.parseLong(args[i].replace("_", "")) : fallback;
    }
}
