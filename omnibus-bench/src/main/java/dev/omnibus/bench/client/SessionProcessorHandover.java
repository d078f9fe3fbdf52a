package dev.omnibus.bench.client;

import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import dev.omnibus.bench.BenchResult;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.ServiceBusSessionProcessor;
import dev.omnibus.client.SessionProcessorOptions;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.testkit.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Omnibus client's session processor handing over from session to session: {@code sessions} × {@code perSession}
 * 1 KB messages in a session queue of an in-process Omnibus on the embedded durable store (a data directory), then
 * a session processor with {@code concurrency} sessions at once takes them all, one worker per session slot,
 * auto-completing each message. Reports msg/s (first handler call to last) and the hand-over gap: on one worker
 * thread, the time from the return of a session's last message's handler to the call of the next session's first
 * (which includes the auto-complete of the last message, the drain that finds the session empty, the idle wait,
 * closing the session and locking the next one). It checks every session arrived complete and in order.
 *
 * <p>Optionally, the official Java SDK's session processor (azure-messaging-servicebus) on the same broker, same
 * workload shape, with its default session idle timeout (its try timeout, 60 s): keep that run small.
 *
 * <p>Args: sessions (1000), messages per session (100), concurrent sessions (8), session idle timeout ms (the
 * processor's default, 0 = let a session go at its first empty drain), prefetch per round (0), SDK sessions (0 = skip
 * the SDK run), SDK messages per session (10). Run with {@code -Pbench}: {@code mvn -Pbench -pl omnibus-bench -am
 * -DskipTests install} then {@code java -cp ... dev.omnibus.bench.client.SessionProcessorHandover 1000 100 8}.
 * Writes {@code target/bench-results/session-processor-handover-<idle>ms.json} (and {@code -sdk.json}).
 */
public final class SessionProcessorHandover {
    private static final int BODY_BYTES = 1024;

    private SessionProcessorHandover() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int sessions = arg(args, 0, 1000);
        int perSession = arg(args, 1, 100);
        int concurrency = arg(args, 2, 8);
        int idleMillis = arg(args, 3, (int) SessionProcessorOptions.defaults().getSessionIdleTimeout().toMillis());
        int prefetch = arg(args, 4, 0);
        int sdkSessions = arg(args, 5, 0);
        int sdkPerSession = arg(args, 6, 10);
        Path dir = Files.createTempDirectory("omnibus-bench-session-processor");
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDirectory(dir).start()) {
            omnibus(broker, sessions, perSession, concurrency, Duration.ofMillis(idleMillis), prefetch);
            if (sdkSessions > 0) {
                sdk(broker, sdkSessions, sdkPerSession, concurrency);
            }
        }
    }

    private static void omnibus(EmbeddedBroker broker, int sessions, int perSession, int concurrency,
                                Duration idle, int prefetch) throws InterruptedException {
        String queue = "sessions-omnibus";
        createQueue(broker, queue);
        try (ServiceBusClient client = ServiceBusClient.fromConnectionString(broker.connectionString())) {
            long sendStart = System.nanoTime();
            try (ServiceBusSender sender = client.getQueueSender(queue)) {
                for (int s = 0; s < sessions; s++) {
                    List<ServiceBusMessage> batch = new ArrayList<>(perSession);
                    for (int i = 0; i < perSession; i++) {
                        batch.add(new ServiceBusMessage(new byte[BODY_BYTES]).setSessionId("s" + s)
                                .setMessageId(s + ":" + i));
                    }
                    sender.sendMessages(batch);
                }
            }
            double sendSeconds = (System.nanoTime() - sendStart) / 1e9;

            Recorder recorder = new Recorder((long) sessions * perSession);
            SessionProcessorOptions options = SessionProcessorOptions.defaults().maxConcurrentSessions(concurrency)
                    .sessionIdleTimeout(idle).prefetchCount(prefetch);
            ServiceBusSessionProcessor processor = client.createSessionProcessor(queue, options,
                    context -> recorder.handled(context.getMessage().getSessionId(),
                            context.getMessage().getMessageId()),
                    error -> recorder.error(error.getErrorSource() + ": " + error.getException()));
            processor.start();
            boolean done = recorder.await(Duration.ofMinutes(30));
            processor.close();
            recorder.report("session-processor-handover-" + idle.toMillis() + "ms", "omnibus-client", done,
                    sessions, perSession, concurrency)
                    .put("sessionIdleTimeoutMillis", idle.toMillis())
                    .put("prefetchPerRound", prefetch)
                    .put("sendSeconds", round(sendSeconds))
                    .put("sendMsgPerSec", Math.round(sessions * (double) perSession / sendSeconds))
                    .report();
        }
    }

    /** The official SDK's session processor, same shape; it waits its idle timeout (60 s) on every drained session. */
    private static void sdk(EmbeddedBroker broker, int sessions, int perSession, int concurrency)
            throws InterruptedException {
        String queue = "sessions-sdk";
        createQueue(broker, queue);
        try (ServiceBusClient client = ServiceBusClient.fromConnectionString(broker.connectionString());
             ServiceBusSender sender = client.getQueueSender(queue)) {
            for (int s = 0; s < sessions; s++) {
                List<ServiceBusMessage> batch = new ArrayList<>(perSession);
                for (int i = 0; i < perSession; i++) {
                    batch.add(new ServiceBusMessage(new byte[BODY_BYTES]).setSessionId("s" + s)
                            .setMessageId(s + ":" + i));
                }
                sender.sendMessages(batch);
            }
        }
        Recorder recorder = new Recorder((long) sessions * perSession);
        ServiceBusProcessorClient processor = new com.azure.messaging.servicebus.ServiceBusClientBuilder()
                .connectionString(broker.connectionString())
                .sessionProcessor().queueName(queue).maxConcurrentSessions(concurrency)
                .processMessage(context -> recorder.handled(context.getMessage().getSessionId(),
                        context.getMessage().getMessageId()))
                .processError(context -> recorder.error(context.getErrorSource() + ": " + context.getException()))
                .buildProcessorClient();
        processor.start();
        boolean done = recorder.await(Duration.ofMinutes(30));
        processor.close();
        recorder.report("session-processor-handover-sdk", "azure-messaging-servicebus 7.17.20 (default idle timeout)",
                done, sessions, perSession, concurrency).report();
    }

    private static void createQueue(EmbeddedBroker broker, String name) {
        broker.createQueue(QueueDescription.builder(name).requiresSession(true).maxSizeInMegabytes(100_000)
                .build());
    }

    /** What the handlers saw: per worker thread its current session and when its last handler returned. */
    private static final class Recorder {
        private final long expected;
        private final AtomicLong handled = new AtomicLong();
        private final CountDownLatch all = new CountDownLatch(1);
        private final List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
        private final Map<Thread, String> sessionOf = new ConcurrentHashMap<>();
        private final Map<Thread, Long> lastReturnOf = new ConcurrentHashMap<>();
        private final Map<String, Integer> nextIndex = new ConcurrentHashMap<>();
        private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong errors = new AtomicLong();
        private volatile long first;
        private volatile long last;

        Recorder(long expected) {
            this.expected = expected;
        }

        void handled(String session, String messageId) {
            long now = System.nanoTime();
            if (first == 0) {
                first = now;
            }
            Thread worker = Thread.currentThread();
            if (!session.equals(sessionOf.put(worker, session))) {
                Long previous = lastReturnOf.get(worker);
                if (previous != null) {
                    gaps.add(now - previous);
                }
            }
            int index = Integer.parseInt(messageId.substring(messageId.indexOf(':') + 1));
            Integer expectedIndex = nextIndex.getOrDefault(session, 0);
            if (index != expectedIndex) {
                problems.add(session + ": got message " + index + ", expected " + expectedIndex);
            }
            nextIndex.put(session, index + 1);
            long count = handled.incrementAndGet();
            last = System.nanoTime();
            lastReturnOf.put(worker, last);
            if (count >= expected) {
                all.countDown();
            }
        }

        void error(String what) {
            if (errors.incrementAndGet() <= 5) {
                System.err.println("processor error: " + what);
            }
        }

        boolean await(Duration max) throws InterruptedException {
            return all.await(max.toMillis(), TimeUnit.MILLISECONDS);
        }

        BenchResult report(String name, String client, boolean done, int sessions, int perSession, int concurrency) {
            List<Long> sorted = new ArrayList<>(gaps);
            Collections.sort(sorted);
            double seconds = (last - first) / 1e9;
            return new BenchResult(name)
                    .put("client", client)
                    .put("store", "embedded (RocksDB, data directory)")
                    .put("sessions", sessions)
                    .put("messagesPerSession", perSession)
                    .put("concurrentSessions", concurrency)
                    .put("completed", done)
                    .put("messages", handled.get())
                    .put("seconds", round(seconds))
                    .put("msgPerSec", Math.round(handled.get() / Math.max(seconds, 1e-9)))
                    .put("handovers", sorted.size())
                    .put("handoverP50Millis", millis(percentile(sorted, 0.50)))
                    .put("handoverP99Millis", millis(percentile(sorted, 0.99)))
                    .put("handoverMaxMillis", millis(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)))
                    .put("outOfOrder", problems.size())
                    .put("errors", errors.get());
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
