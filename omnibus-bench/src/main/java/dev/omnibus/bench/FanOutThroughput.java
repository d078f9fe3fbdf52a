package dev.omnibus.bench;

import dev.omnibus.core.Broker;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlFilter;
import dev.omnibus.core.time.SystemTimeSource;
import dev.omnibus.store.embedded.EmbeddedMessageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Topic fan-out through the core API on the embedded (durable) store: 1 KB messages sent to a topic with ten
 * subscriptions, each with a SQL filter ({@code priority >= i AND region IN ('eu', 'us')}); priorities are spread
 * so a message matches about five subscriptions. Measures messages in per second (sends acknowledged, i.e. every
 * copy durable) and copies per second.
 *
 * <p>Args: messages (200,000), senders (4), window per sender (256), body bytes (1024).
 */
public final class FanOutThroughput {
    public static void main(String[] args) throws Exception {
        long messages = CoreThroughput.arg(args, 0, 200_000);
        int senders = (int) CoreThroughput.arg(args, 1, 4);
        int window = (int) CoreThroughput.arg(args, 2, 256);
        int size = (int) CoreThroughput.arg(args, 3, 1024);
        int subscriptions = 10;
        Path dir = Files.createTempDirectory("omnibus-bench-fanout");
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        try (SystemTimeSource time = new SystemTimeSource();
             Broker broker = Broker.open(EmbeddedMessageStore.open(dir), time, pool)) {
            broker.namespace().createTopic(TopicDescription.builder("fan").maxSizeInMegabytes(100_000).build()).join();
            for (int i = 0; i < subscriptions; i++) {
                broker.namespace().createSubscription(SubscriptionDescription.builder("fan", "s" + i).build(),
                        new Rule("r", SqlFilter.parse("priority >= " + i + " AND region IN ('eu', 'us')"))).join();
            }
            QueueEndpoint topic = broker.namespace().queue("fan");
            byte[] body = new byte[size];
            AtomicLong sent = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            long start = System.nanoTime();
            Thread[] threads = new Thread[senders];
            for (int s = 0; s < senders; s++) {
                threads[s] = new Thread(() -> {
                    Semaphore inFlight = new Semaphore(window);
                    long n;
                    while ((n = sent.getAndIncrement()) < messages) {
                        Map<String, Object> props = Map.of("priority", n % subscriptions,
                                "region", n % 4 == 0 ? "apac" : "eu");
                        inFlight.acquireUninterruptibly();
                        topic.send(List.of(IncomingMessage.builder(body).applicationProperties(props).build()))
                                .whenComplete((v, e) -> {
                                    if (e != null) {
                                        failures.incrementAndGet();
                                    }
                                    inFlight.release();
                                });
                    }
                    inFlight.acquireUninterruptibly(window);
                }, "sender-" + s);
                threads[s].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long copies = 0;
            for (int i = 0; i < subscriptions; i++) {
                copies += broker.namespace().subscriptionRuntimeInfo("fan", "s" + i).join().activeMessageCount();
            }
            new BenchResult("fan-out")
                    .put("store", "embedded (RocksDB, fsync per group commit)")
                    .put("messages", messages)
                    .put("bodyBytes", size)
                    .put("subscriptions", subscriptions)
                    .put("senders", senders)
                    .put("windowPerSender", window)
                    .put("seconds", Math.round(seconds * 100) / 100.0)
                    .put("messagesInPerSec", Math.round(messages / seconds))
                    .put("copies", copies)
                    .put("copiesPerSec", Math.round(copies / seconds))
                    .put("failures", failures.get())
                    .report();
        } finally {
            pool.shutdownNow();
        }
    }
}
