package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.omnibus.client.ProcessErrorContext;
import dev.omnibus.client.ProcessMessageContext;
import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusErrorSource;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSessionProcessor;
import dev.omnibus.client.SessionProcessorOptions;
import dev.omnibus.client.exceptions.SessionCannotBeLockedException;
import dev.omnibus.client.models.ServiceBusMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session processor: several sessions at once, each session's messages in order, auto-complete, handler
 * failures, session state from the handler, session lock renewal, and the point of it all: a worker lets an idle
 * session go within its idle timeout and moves on to the next one.
 */
@Timeout(90)
class SessionProcessorIT extends ClientTestSupport {

    private static ServiceBusMessage inSession(String id, String session) {
        return new ServiceBusMessage(id).setMessageId(id).setSessionId(session);
    }

    /** {@code sessions} × {@code perSession} messages, interleaved: s0-0, s1-0, ..., s0-1, s1-1, ... */
    private void sendInterleaved(String queue, int sessions, int perSession) {
        List<ServiceBusMessage> messages = new ArrayList<>();
        for (int i = 0; i < perSession; i++) {
            for (int s = 0; s < sessions; s++) {
                messages.add(inSession("s" + s + "-" + i, "s" + s));
            }
        }
        closeLater(client.getQueueSender(queue)).sendMessages(messages);
    }

    private ServiceBusSessionProcessor processor(String queue, SessionProcessorOptions options,
                                                 Consumer<ProcessMessageContext> onMessage,
                                                 List<ProcessErrorContext> errors) {
        return closeLater(client.createSessionProcessor(queue, options, onMessage, errors::add));
    }

    private void awaitEmpty(String queue) {
        await("everything completed").atMost(PATIENCE).untilAsserted(() ->
                assertThat(closeLater(client.getQueueReceiver(queue)).peekMessages(50)).isEmpty());
    }

    @Test
    void concurrentSessionsEachGetEveryMessageInOrder() throws Exception {
        String q = sessionQueue();
        int sessions = 6;
        int perSession = 10;
        sendInterleaved(q, sessions, perSession);
        Map<String, List<String>> received = new ConcurrentHashMap<>();
        Set<String> active = ConcurrentHashMap.newKeySet();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(sessions * perSession);
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();
        List<String> wrongSession = new CopyOnWriteArrayList<>();

        ServiceBusSessionProcessor processor = processor(q,
                SessionProcessorOptions.defaults().maxConcurrentSessions(3).sessionIdleTimeout(Duration.ZERO),
                context -> {
                    String session = context.getMessage().getSessionId();
                    if (!session.equals(context.getSession().sessionId())) {
                        wrongSession.add(context.getMessage().getMessageId());
                    }
                    active.add(session);
                    peak.accumulateAndGet(active.size(), Math::max);
                    // Hold each message a little, so the sessions overlap in time.
                    await().pollDelay(Duration.ofMillis(10)).until(() -> true);
                    received.computeIfAbsent(session, k -> new CopyOnWriteArrayList<>())
                            .add(context.getMessage().getMessageId());
                    active.remove(session);
                    all.countDown();
                }, errors);

        processor.start();
        assertThat(all.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("every message handled").isTrue();
        awaitEmpty(q);
        processor.close();

        assertThat(received).hasSize(sessions);
        for (int s = 0; s < sessions; s++) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perSession; i++) {
                expected.add("s" + s + "-" + i);
            }
            assertThat(received.get("s" + s)).as("session s" + s).containsExactlyElementsOf(expected);
        }
        assertThat(peak.get()).as("sessions handled at the same moment").isBetween(2, 3);
        assertThat(wrongSession).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void anIdleSessionIsLetGoWithinItsIdleTimeoutAndTheWorkerMovesOn() {
        Duration idle = Duration.ofMillis(800);
        String q = sessionQueue();
        closeLater(client.getQueueSender(q)).sendMessages(List.of(inSession("a1", "a"), inSession("a2", "a")));
        AtomicLong lastOfA = new AtomicLong();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();

        ServiceBusSessionProcessor processor = processor(q,
                SessionProcessorOptions.defaults().maxConcurrentSessions(1).sessionIdleTimeout(idle),
                context -> {
                    seen.add(context.getMessage().getMessageId());
                    if (context.getMessage().getMessageId().equals("a2")) {
                        lastOfA.set(System.nanoTime());
                    }
                }, errors);
        processor.start();
        await().atMost(PATIENCE).until(() -> lastOfA.get() != 0);

        // Session a is released once it has been idle for the timeout: then it can be locked here.
        ServiceBusReceiver[] a = new ServiceBusReceiver[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).ignoreException(
                SessionCannotBeLockedException.class).until(() -> {
                    a[0] = client.getQueueReceiver(q, ReceiverOptions.defaults().sessionId("a"));
                    return true;
                });
        Duration held = Duration.ofNanos(System.nanoTime() - lastOfA.get());
        closeLater(a[0]);
        assertThat(held).as("how long the worker kept session a after its last message")
                .isLessThan(idle.plusMillis(700));
        assertThat(a[0].peekMessages(10)).as("a's messages were completed").isEmpty();
        a[0].close();

        // The single worker took the next session: b, sent only now.
        closeLater(client.getQueueSender(q)).sendMessages(inSession("b1", "b"));
        await().atMost(PATIENCE).until(() -> seen.contains("b1"));
        assertThat(seen).containsExactly("a1", "a2", "b1");
        assertThat(errors).isEmpty();
    }

    @Test
    void withAZeroIdleTimeoutOneWorkerHandsOverFromSessionToSessionAtOnce() {
        String q = sessionQueue();
        sendInterleaved(q, 5, 3);
        List<String> order = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();

        processor(q, SessionProcessorOptions.defaults().maxConcurrentSessions(1).sessionIdleTimeout(Duration.ZERO),
                context -> {
                    order.add(context.getMessage().getMessageId());
                    at.add(System.nanoTime());
                }, errors).start();

        await().atMost(PATIENCE).until(() -> order.size() == 15);
        // One worker: sessions one after another, each complete and in order before the next starts.
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 15; i += 3) {
            String session = order.get(i).substring(0, 2);
            assertThat(order.subList(i, i + 3)).containsExactly(session + "-0", session + "-1", session + "-2");
            sessions.add(session);
        }
        assertThat(sessions).containsExactlyInAnyOrder("s0", "s1", "s2", "s3", "s4");
        for (int i = 3; i < 15; i += 3) {
            assertThat(Duration.ofNanos(at.get(i) - at.get(i - 1))).as("hand-over before message " + i)
                    .isLessThan(Duration.ofMillis(500));
        }
        awaitEmpty(q);
        assertThat(errors).isEmpty();
    }

    @Test
    void aFailingHandlerIsReportedAndItsMessageComesBackFirstInItsSession() {
        String q = sessionQueue();
        closeLater(client.getQueueSender(q)).sendMessages(List.of(inSession("m1", "s"), inSession("m2", "s")));
        List<String> attempts = new CopyOnWriteArrayList<>();
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();

        processor(q, SessionProcessorOptions.defaults().maxConcurrentSessions(1), context -> {
            attempts.add(context.getMessage().getMessageId() + "#" + context.getMessage().getDeliveryCount());
            if (context.getMessage().getDeliveryCount() == 0 && context.getMessage().getMessageId().equals("m1")) {
                throw new IllegalStateException("first attempt fails");
            }
        }, errors).start();

        await().atMost(PATIENCE).until(() -> attempts.size() == 3);
        assertThat(attempts).containsExactly("m1#0", "m1#1", "m2#0");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getErrorSource()).isEqualTo(ServiceBusErrorSource.USER_CALLBACK);
        assertThat(errors.get(0).getException()).hasMessage("first attempt fails");
        awaitEmpty(q);
    }

    @Test
    void handlersSettleThemselvesAndKeepSessionState() {
        String q = sessionQueue();
        closeLater(client.getQueueSender(q)).sendMessages(List.of(inSession("keep", "s"), inSession("drop", "s")));
        CountDownLatch done = new CountDownLatch(2);
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();

        ServiceBusSessionProcessor processor = processor(q,
                SessionProcessorOptions.defaults().autoCompleteMessages(false).sessionIdleTimeout(Duration.ZERO),
                context -> {
                    byte[] state = context.getSession().getState();
                    String seen = (state == null ? "" : new String(state, StandardCharsets.UTF_8))
                            + context.getMessage().getMessageId() + ";";
                    context.getSession().setState(seen.getBytes(StandardCharsets.UTF_8));
                    if (context.getMessage().getMessageId().equals("drop")) {
                        context.deadLetter("Dropped", "by the handler");
                    } else {
                        context.complete();
                    }
                    done.countDown();
                }, errors);
        processor.start();

        await().atMost(PATIENCE).until(() -> done.getCount() == 0);
        processor.close();
        ServiceBusReceiver s = closeLater(client.getQueueReceiver(q, ReceiverOptions.defaults().sessionId("s")));
        assertThat(new String(s.session().getState(), StandardCharsets.UTF_8)).isEqualTo("keep;drop;");
        assertThat(s.peekMessages(10)).isEmpty();
        ServiceBusReceiver dlq = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().subQueue(dev.omnibus.client.models.SubQueue.DEAD_LETTER)));
        assertThat(receiveOne(dlq).getDeadLetterReason()).isEqualTo("Dropped");
        assertThat(errors).isEmpty();
    }

    @Test
    void theSessionLockIsRenewedWhileAHandlerOutlastsIt() {
        String q = sessionQueue(Duration.ofSeconds(5));
        closeLater(client.getQueueSender(q)).sendMessages(inSession("slow", "s"));
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();
        List<OffsetDateTime> expiries = new CopyOnWriteArrayList<>();
        AtomicInteger handled = new AtomicInteger();

        processor(q, SessionProcessorOptions.defaults().maxConcurrentSessions(1), context -> {
            OffsetDateTime first = context.getSession().lockedUntil();
            expiries.add(first);
            // Outlast the session's first lock by two seconds; the processor renews it meanwhile.
            await().atMost(Duration.ofSeconds(20)).until(() -> OffsetDateTime.now().isAfter(first.plusSeconds(2)));
            expiries.add(context.getSession().lockedUntil());
            handled.incrementAndGet();
        }, errors).start();

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == 1);
        awaitEmpty(q);
        assertThat(expiries.get(1)).isAfter(expiries.get(0));
        assertThat(errors).as("the auto-complete after the first lock's expiry succeeded").isEmpty();
    }

    @Test
    void severalCallsPerSessionRunAtOnceAndASubscriptionsSessionsAreProcessedToo() {
        String topic = topic();
        subscription(topic, "sessions", b -> b.requiresSession(true));
        List<ServiceBusMessage> messages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            messages.add(inSession("m" + i, "only"));
        }
        closeLater(client.getTopicSender(topic)).sendMessages(messages);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();

        closeLater(client.createSessionProcessor(topic, "sessions", SessionProcessorOptions.defaults()
                .maxConcurrentSessions(1).maxConcurrentCallsPerSession(4).prefetchCount(8), context -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    await().pollDelay(Duration.ofMillis(50)).until(() -> true);
                    seen.add(context.getMessage().getMessageId());
                    running.decrementAndGet();
                }, errors::add)).start();

        await().atMost(PATIENCE).until(() -> seen.size() == 8);
        assertThat(peak.get()).isBetween(2, 4);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(closeLater(client.getSubscriptionReceiver(topic,
                "sessions")).peekMessages(10)).isEmpty());
        assertThat(errors).isEmpty();
    }

    @Test
    void stopGivesTheSessionsBackAndStartTakesThemAgain() {
        String q = sessionQueue();
        closeLater(client.getQueueSender(q)).sendMessages(inSession("first", "s"));
        List<String> seen = new CopyOnWriteArrayList<>();
        List<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();
        ServiceBusSessionProcessor processor = processor(q,
                SessionProcessorOptions.defaults().maxConcurrentSessions(2).sessionIdleTimeout(Duration.ofSeconds(30)),
                context -> seen.add(context.getMessage().getMessageId()), errors);
        processor.start();
        await().atMost(PATIENCE).until(() -> seen.contains("first"));

        processor.stop();
        assertThat(processor.isRunning()).isFalse();
        // Although its idle timeout is long, the stopped processor gives the session back.
        await().atMost(PATIENCE).ignoreException(SessionCannotBeLockedException.class).until(() -> {
            client.getQueueReceiver(q, ReceiverOptions.defaults().sessionId("s")).close();
            return true;
        });
        closeLater(client.getQueueSender(q)).sendMessages(inSession("second", "s"));
        processor.start();
        await().atMost(PATIENCE).until(() -> seen.contains("second"));
        processor.close();
        assertThatThrownBy(processor::start).isInstanceOf(IllegalStateException.class);
        assertThat(errors).isEmpty();
    }
}
