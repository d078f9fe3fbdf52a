package dev.omnibus.bench;

import dev.omnibus.core.Broker;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.time.SystemTimeSource;
import dev.omnibus.store.embedded.EmbeddedMessageStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * Heap used while a queue holds a large backlog: sends {@code backlogBytes} of 1 KB messages (nobody receives),
 * then measures the live heap after a full GC, and again after a restart recovered the backlog. Run it with a
 * small -Xmx (the bench profile uses 256 MB) to show the backlog fits.
 *
 * <p>Args: backlog bytes (2 GiB), body bytes (1024), batch size (100).
 */
public final class BacklogHeap {
    public static void main(String[] args) throws Exception {
        long backlogBytes = CoreThroughput.arg(args, 0, 2L << 30);
        int size = (int) CoreThroughput.arg(args, 1, 1024);
        int batch = (int) CoreThroughput.arg(args, 2, 100);
        long messages = backlogBytes / size;
        Path dir = Files.createTempDirectory("omnibus-bench-backlog");
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        long start = System.nanoTime();
        long heapFilled;
        long heapRecovered;
        long recoverMillis;
        try (SystemTimeSource time = new SystemTimeSource()) {
            try (Broker broker = Broker.open(EmbeddedMessageStore.open(dir), time, pool)) {
                broker.namespace().createQueue(QueueDescription.builder("backlog")
                        .maxSizeInMegabytes(backlogBytes / (1 << 20) + 1024).build()).join();
                QueueEndpoint q = broker.namespace().queue("backlog");
                byte[] body = new byte[size];
                List<CompletableFuture<Void>> window = new ArrayList<>();
                for (long sent = 0; sent < messages; sent += batch) {
                    List<IncomingMessage> msgs = new ArrayList<>(batch);
                    for (int i = 0; i < batch && sent + i < messages; i++) {
                        msgs.add(IncomingMessage.builder(body).build());
                    }
                    window.add(q.send(msgs));
                    if (window.size() == 64) {
                        window.forEach(CompletableFuture::join);
                        window.clear();
                    }
                }
                window.forEach(CompletableFuture::join);
                heapFilled = liveHeap();
                if (broker.namespace().queueRuntimeInfo("backlog").join().activeMessageCount() != messages) {
                    throw new IllegalStateException("backlog incomplete");
                }
            }
            long fillSeconds = (System.nanoTime() - start) / 1_000_000_000L;
            long t0 = System.nanoTime();
            try (Broker broker = Broker.open(EmbeddedMessageStore.open(dir), time, pool)) {
                recoverMillis = (System.nanoTime() - t0) / 1_000_000;
                long recovered = broker.namespace().queueRuntimeInfo("backlog").join().activeMessageCount();
                heapRecovered = liveHeap();
                new BenchResult("backlog-heap")
                        .put("backlogBytes", backlogBytes)
                        .put("messages", messages)
                        .put("bodyBytes", size)
                        .put("fillSeconds", fillSeconds)
                        .put("liveHeapAfterFillBytes", heapFilled)
                        .put("recoveredMessages", recovered)
                        .put("recoveryMillis", recoverMillis)
                        .put("liveHeapAfterRecoveryBytes", heapRecovered)
                        .report();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
