package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The official SDK's session processor: several sessions at once, each one's messages in order. */
class SessionProcessorIT extends SdkTestSupport {
    private static final int SESSIONS = 4;
    private static final int PER_SESSION = 5;

    @Test
    void concurrentSessionsEachGetEveryMessageInOrder() throws Exception {
        String q = sessionQueue();
        List<ServiceBusMessage> interleaved = new ArrayList<>();
        for (int i = 0; i < PER_SESSION; i++) {
            for (int s = 0; s < SESSIONS; s++) {
                interleaved.add(new ServiceBusMessage("s" + s + "-" + i).setSessionId("s" + s));
            }
        }
        sender(q).sendMessages(interleaved);

        Map<String, List<String>> received = new ConcurrentHashMap<>();
        CountDownLatch twoSessionsAtOnce = new CountDownLatch(2);
        CountDownLatch all = new CountDownLatch(SESSIONS * PER_SESSION);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ServiceBusProcessorClient processor = client().sessionProcessor().queueName(q).maxConcurrentSessions(2)
                .sessionIdleTimeout(Duration.ofSeconds(1))
                .processMessage(context -> {
                    String session = context.getMessage().getSessionId();
                    boolean first = received.computeIfAbsent(session, k -> new CopyOnWriteArrayList<>()).isEmpty();
                    received.get(session).add(context.getMessage().getBody().toString());
                    if (first && twoSessionsAtOnce.getCount() > 0) {
                        awaitSecondSession(twoSessionsAtOnce, context);
                    }
                    all.countDown();
                })
                .processError(context -> errors.add(context.getException()))
                .buildProcessorClient();

        processor.start();
        try {
            assertThat(all.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("all messages processed").isTrue();
            // The processor completes a message after its handler returns: wait for the last completions before
            // closing, or closing would give their locks back.
            org.awaitility.Awaitility.await("everything completed").atMost(PATIENCE)
                    .until(() -> receiver(q).peekMessage() == null);
        } finally {
            processor.close();
        }

        assertThat(twoSessionsAtOnce.getCount()).as("two sessions were processed at the same time").isZero();
        assertThat(received).hasSize(SESSIONS);
        for (int s = 0; s < SESSIONS; s++) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < PER_SESSION; i++) {
                expected.add("s" + s + "-" + i);
            }
            assertThat(received.get("s" + s)).as("session s" + s).containsExactlyElementsOf(expected);
        }
        assertThat(receiver(q).peekMessage()).as("everything was completed").isNull();
        assertThat(errors).isEmpty();
    }

    /**
     * Holds the first message of each of the first two sessions until both have arrived: it only returns once two
     * sessions are being handled concurrently (or the patience runs out, which the test then reports).
     */
    private static void awaitSecondSession(CountDownLatch latch, ServiceBusReceivedMessageContext context) {
        latch.countDown();
        try {
            latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
