package dev.omnibus.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No acknowledged send is lost when the server dies: a server in a child JVM on a data directory takes a steady load
 * from several official-SDK senders (each send awaited; every message id whose send completed is recorded), is
 * killed with SIGKILL in the middle of it, and restarted on the same directory — {@value #ROUNDS} times. Then
 * everything is received and every acknowledged id must be there. Sends that were in flight at the kill may or may
 * not have been stored; they are counted, not required.
 *
 * <p>The messages of the first round survive every later crash and recovery too, since nothing is received until the
 * end.
 */
@Timeout(120)
class CrashRecoveryIT {
    private static final String QUEUE = "queue.1"; // created by the server's default configuration
    private static final int ROUNDS = 3;
    private static final int SENDERS = 4;
    /** Acknowledged sends to wait for in each round before the kill. */
    private static final int ACKED_PER_ROUND = 1_000;
    private static final long READY_TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;
    private ServerProcess server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception ignored) {
                // the server it talked to is gone
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyAcknowledgedSendSurvivesSigkillAndRestart() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> unacked = ConcurrentHashMap.newKeySet();
        server = ServerProcess.start(data, log, READY_TIMEOUT_SECONDS);

        for (int round = 1; round <= ROUNDS; round++) {
            int before = acked.size();
            Load load = new Load(round, server.connectionString(), acked, unacked);
            load.start();
            try {
                await("round " + round + ": " + ACKED_PER_ROUND + " acknowledged sends")
                        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                        .failFast("every sender stopped", load::allStopped)
                        .until(() -> acked.size() - before >= ACKED_PER_ROUND);
                server.kill();
            } finally {
                load.stop();
            }
            System.out.printf("round %d: killed pid %d after %d acknowledged sends (%d in total, %d unacknowledged)%n",
                    round, server.pid(), acked.size() - before, acked.size(), unacked.size());
            server = ServerProcess.start(data, log, READY_TIMEOUT_SECONDS);
        }

        Set<String> received = receiveAll(server.connectionString(), acked);
        Set<String> missing = new HashSet<>(acked);
        missing.removeAll(received);
        Set<String> unackedPresent = new HashSet<>(unacked);
        unackedPresent.retainAll(received);
        System.out.printf("acknowledged %d, unacknowledged %d (of which stored anyway %d), received %d distinct,"
                + " missing %d%n", acked.size(), unacked.size(), unackedPresent.size(), received.size(), missing.size());
        assertThat(missing).as("acknowledged sends missing after %d SIGKILLs (of %d acknowledged); server log:%n%s",
                ROUNDS, acked.size(), server.logTail()).isEmpty();
        assertThat(received).as("nothing but what was sent").allMatch(id -> acked.contains(id) || unacked.contains(id));
    }

    /**
     * Receives in PeekLock and completes each message, until every expected id arrived and the queue then stays empty
     * for a second. Not ReceiveAndDelete: the SDK's receive link buffers at most 256 deliveries, and a fast broker
     * answering a large credit can overflow it; the SDK then closes the link and pre-settled messages in the buffer
     * are gone (azure-core-amqp {@code ReceiverDeliveryHandler}, "delivery-buffer-overflow"). With PeekLock the broker
     * releases such messages when the link closes, and batches of 100 stay below the buffer anyway.
     */
    private Set<String> receiveAll(String connectionString, Set<String> expected) {
        ServiceBusReceiverClient receiver = closeLater(client(connectionString).receiver().queueName(QUEUE)
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK).maxAutoLockRenewDuration(Duration.ZERO).buildClient());
        Set<String> received = new HashSet<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            boolean complete = received.containsAll(expected);
            int got = 0;
            for (ServiceBusReceivedMessage m : receiver.receiveMessages(100,
                    complete ? Duration.ofSeconds(1) : Duration.ofSeconds(3))) {
                receiver.complete(m);
                received.add(m.getMessageId());
                got++;
            }
            if (complete && got == 0) {
                break;
            }
        }
        return received;
    }

    private <T extends AutoCloseable> T closeLater(T client) {
        clients.add(client);
        return client;
    }

    /** One connection per builder; no retries, so a send to a dead server fails at once instead of waiting. */
    private static ServiceBusClientBuilder client(String connectionString) {
        return new ServiceBusClientBuilder().connectionString(connectionString)
                .retryOptions(new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(0)
                        .setTryTimeout(Duration.ofSeconds(10)));
    }

    /** {@link #SENDERS} senders, each on its own connection, each sending one message at a time and awaiting it. */
    private final class Load {
        private final int round;
        private final String connectionString;
        private final Set<String> acked;
        private final Set<String> unacked;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicInteger running = new AtomicInteger();
        private final ExecutorService threads = Executors.newFixedThreadPool(SENDERS);

        Load(int round, String connectionString, Set<String> acked, Set<String> unacked) {
            this.round = round;
            this.connectionString = connectionString;
            this.acked = acked;
            this.unacked = unacked;
        }

        void start() {
            for (int s = 0; s < SENDERS; s++) {
                ServiceBusSenderClient sender = closeLater(client(connectionString).sender().queueName(QUEUE)
                        .buildClient());
                String prefix = "r" + round + "-s" + s + "-";
                running.incrementAndGet();
                threads.execute(() -> send(sender, prefix));
            }
        }

        private void send(ServiceBusSenderClient sender, String prefix) {
            try {
                for (int n = 0; !stopping.get(); n++) {
                    String id = prefix + n;
                    try {
                        sender.sendMessage(new ServiceBusMessage("payload of " + id).setMessageId(id));
                        acked.add(id);
                    } catch (RuntimeException e) {
                        // In flight when the server died: it may or may not have been stored.
                        unacked.add(id);
                        return;
                    }
                }
            } finally {
                running.decrementAndGet();
            }
        }

        boolean allStopped() {
            return running.get() == 0;
        }

        /** Stops the senders after their current send (which fails fast once the server is gone). */
        void stop() throws InterruptedException {
            stopping.set(true);
            threads.shutdown();
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
                throw new IllegalStateException("senders still busy 30 s after the kill");
            }
        }
    }
}
