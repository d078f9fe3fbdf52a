package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.omnibus.client.AutoLockRenewer;
import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusAsyncClient;
import dev.omnibus.client.ServiceBusAsyncReceiver;
import dev.omnibus.client.ServiceBusAsyncSession;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSession;
import dev.omnibus.client.exceptions.OperationTimeoutException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import dev.omnibus.client.exceptions.SessionCannotBeLockedException;
import dev.omnibus.client.exceptions.SessionLockLostException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageState;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Session receivers of the Omnibus client: a named session or the next available one, the session's messages in
 * order, its state and lock (renewal by hand and by {@link AutoLockRenewer}, loss after expiry), settlement, and the
 * errors: a session held elsewhere, no session available, sessions where there are none.
 */
class SessionIT extends ClientTestSupport {

    private static ServiceBusMessage inSession(String id, String session) {
        return new ServiceBusMessage(id).setMessageId(id).setSessionId(session);
    }

    private static List<String> ids(List<ServiceBusReceivedMessage> messages) {
        return messages.stream().map(ServiceBusReceivedMessage::getMessageId).toList();
    }

    private void send(String queue, ServiceBusMessage... messages) {
        closeLater(client.getQueueSender(queue)).sendMessages(List.of(messages));
    }

    private ServiceBusReceiver session(String queue, String sessionId) {
        return closeLater(client.getQueueReceiver(queue, ReceiverOptions.defaults().sessionId(sessionId)));
    }

    @Test
    void aNamedSessionReceiverGetsOnlyThatSessionsMessagesInOrder() {
        String q = sessionQueue();
        send(q, inSession("a1", "a"), inSession("b1", "b"), inSession("a2", "a"), inSession("a3", "a"));

        ServiceBusReceiver a = session(q, "a");

        ServiceBusSession session = a.session();
        assertThat(a.isSessionReceiver()).isTrue();
        assertThat(session.sessionId()).isEqualTo("a");
        assertThat(session.lockedUntil()).isAfter(OffsetDateTime.now());
        List<ServiceBusReceivedMessage> got = receive(a, 3);
        assertThat(ids(got)).containsExactly("a1", "a2", "a3");
        assertThat(got).allSatisfy(m -> {
            assertThat(m.getSessionId()).isEqualTo("a");
            assertThat(m.getLockToken()).isNotNull();
        });
        got.forEach(a::completeMessage);
        assertThat(a.receiveMessages(1, Duration.ofMillis(300))).as("nothing left in a").isEmpty();
        assertThat(ids(a.peekMessages(10))).isEmpty();
        ServiceBusReceiver b = session(q, "b");
        assertThat(ids(b.peekMessages(10))).containsExactly("b1");
    }

    @Test
    void nextAvailableTakesASessionWithMessages() {
        String q = sessionQueue();
        send(q, inSession("only", "the-one"));

        ServiceBusReceiver next = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().nextAvailableSession(true)));

        assertThat(next.session().sessionId()).isEqualTo("the-one");
        ServiceBusReceivedMessage m = receiveOne(next);
        assertThat(m.getMessageId()).isEqualTo("only");
        next.completeMessage(m);
    }

    @Test
    void iteratingASessionReceiverEndsWhenTheSessionIsDrained() {
        String q = sessionQueue();
        send(q, inSession("x1", "x"), inSession("x2", "x"), inSession("y1", "y"));
        ServiceBusReceiver x = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().sessionId("x").maxWaitTime(Duration.ofMillis(500))));

        List<String> seen = new java.util.ArrayList<>();
        for (ServiceBusReceivedMessage m : x) {
            seen.add(m.getMessageId());
            x.completeMessage(m);
        }

        assertThat(seen).containsExactly("x1", "x2");
    }

    @Test
    void sessionStateIsSetReadAndCleared() {
        String q = sessionQueue();
        send(q, inSession("m", "s"));
        ServiceBusSession session = session(q, "s").session();

        assertThat(session.getState()).isNull();
        session.setState("step-2".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(session.getState(), StandardCharsets.UTF_8)).isEqualTo("step-2");
        session.setState(new byte[0]);
        assertThat(session.getState()).isEmpty();
        session.setState(null);
        assertThat(session.getState()).isNull();
    }

    @Test
    void sessionStateOutlivesTheReceiverAndTheSessionsMessages() {
        String q = sessionQueue();
        send(q, inSession("m", "s"));
        try (ServiceBusReceiver first = client.getQueueReceiver(q, ReceiverOptions.defaults().sessionId("s"))) {
            first.completeMessage(receiveOne(first));
            first.session().setState(new byte[] {1, 2, 3});
        }

        ServiceBusReceiver again = session(q, "s");

        assertThat(again.session().getState()).containsExactly(1, 2, 3);
    }

    @Test
    void renewLockMovesTheSessionLockForward() {
        String q = sessionQueue(Duration.ofSeconds(10));
        send(q, inSession("m", "s"));
        ServiceBusReceiver s = session(q, "s");
        OffsetDateTime before = s.session().lockedUntil();
        ServiceBusReceivedMessage m = receiveOne(s);

        OffsetDateTime renewed = s.session().renewLock();

        assertThat(renewed).isAfterOrEqualTo(before);
        assertThat(renewed).isAfter(OffsetDateTime.now().plusSeconds(8));
        assertThat(s.session().lockedUntil()).isEqualTo(renewed);
        assertThatThrownBy(() -> s.renewMessageLock(m)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("session");
        s.completeMessage(m);
    }

    @Test
    void theSessionLockIsLostWhenItExpiresAndEverythingFailsWithSessionLockLost() {
        String q = sessionQueue(Duration.ofSeconds(5));
        send(q, inSession("m1", "s"), inSession("m2", "s"));
        ServiceBusReceiver s = session(q, "s");
        ServiceBusReceivedMessage m = receiveOne(s);
        OffsetDateTime expiry = s.session().lockedUntil();
        assertThat(expiry).isBefore(OffsetDateTime.now().plusSeconds(6));

        // The service ends the session link when the lock expires; the next receive reports it.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThatThrownBy(() -> s.receiveMessages(1, Duration.ofMillis(200)))
                        .isInstanceOf(SessionLockLostException.class));

        assertThat(OffsetDateTime.now()).isAfterOrEqualTo(expiry.minusSeconds(1));
        assertThatThrownBy(() -> s.completeMessage(m)).isInstanceOf(SessionLockLostException.class);
        assertThatThrownBy(() -> s.session().getState()).isInstanceOf(SessionLockLostException.class);
        assertThatThrownBy(() -> s.session().renewLock()).isInstanceOf(SessionLockLostException.class);
        // The session is free again, its messages back with the lost attempt counted.
        ServiceBusReceiver again = session(q, "s");
        List<ServiceBusReceivedMessage> back = receive(again, 2);
        assertThat(ids(back)).containsExactly("m1", "m2");
        assertThat(back.get(0).getDeliveryCount()).isEqualTo(1);
        back.forEach(again::completeMessage);
    }

    @Test
    void anAutoLockRenewerKeepsTheSessionPastItsLockDuration() {
        String q = sessionQueue(Duration.ofSeconds(5));
        send(q, inSession("m", "s"));
        ServiceBusReceiver s = session(q, "s");
        ServiceBusReceivedMessage m = receiveOne(s);
        OffsetDateTime firstExpiry = s.session().lockedUntil();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AutoLockRenewer renewer = closeLater(new AutoLockRenewer(null, (id, error) -> failures.add(id + ": " + error)));

        renewer.register(s, s.session(), Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(15)).until(() -> OffsetDateTime.now().isAfter(firstExpiry.plusSeconds(2)));
        assertThat(s.session().lockedUntil()).isAfter(firstExpiry);
        s.completeMessage(m);
        assertThat(s.session().getState()).isNull();
        assertThat(failures).isEmpty();
        assertThat(s.session().getAutoRenewError()).isNull();
        assertThatThrownBy(() -> renewer.register(s, m, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSessionHeldByOneReceiverCannotBeLockedByAnother() {
        String q = sessionQueue();
        send(q, inSession("m", "s"));
        session(q, "s");

        assertThatThrownBy(() -> client.getQueueReceiver(q, ReceiverOptions.defaults().sessionId("s")))
                .isInstanceOf(SessionCannotBeLockedException.class);
    }

    @Test
    void closingTheReceiverGivesTheSessionBackWithItsUnsettledMessages() {
        String q = sessionQueue();
        send(q, inSession("m1", "s"), inSession("m2", "s"));
        ServiceBusReceiver first = client.getQueueReceiver(q, ReceiverOptions.defaults().sessionId("s"));
        first.completeMessage(receiveOne(first));
        ServiceBusReceivedMessage unsettled = receiveOne(first);
        assertThat(unsettled.getMessageId()).isEqualTo("m2");

        first.close();

        ServiceBusReceiver second = session(q, "s");
        ServiceBusReceivedMessage back = receiveOne(second);
        assertThat(back.getMessageId()).isEqualTo("m2");
        second.completeMessage(back);
        assertThatThrownBy(() -> first.receiveMessages(1, Duration.ofMillis(100)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nextAvailableWithNoSessionFailsWithATimeoutWithinTheTryTimeout() {
        String q = sessionQueue();
        Duration tryTimeout = Duration.ofSeconds(3);
        ServiceBusClient quick = closeLater(builder().retryOptions(fastRetries().tryTimeout(tryTimeout))
                .buildClient());

        long started = System.nanoTime();
        assertThatThrownBy(() -> quick.getQueueReceiver(q, ReceiverOptions.defaults().nextAvailableSession(true)))
                .isInstanceOfSatisfying(OperationTimeoutException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.SERVICE_TIMEOUT);
                    assertThat(e.getMessage()).contains("com.microsoft:timeout");
                });
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // The service waited as asked, once: no retry of "no session".
        assertThat(took).isGreaterThanOrEqualTo(tryTimeout.minusMillis(500)).isLessThan(tryTimeout.multipliedBy(2));
    }

    @Test
    void sessionsWhereThereAreNoneAndNoneWhereTheyAreRequiredAreInvalidOperations() {
        String plain = queue();
        assertThatThrownBy(() -> client.getQueueReceiver(plain, ReceiverOptions.defaults().sessionId("s")))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                        .isEqualTo(ServiceBusFailureReason.INVALID_OPERATION));

        String sessions = sessionQueue();
        send(sessions, inSession("m", "s"));
        ServiceBusReceiver notASessionReceiver = closeLater(client.getQueueReceiver(sessions));
        assertThatThrownBy(() -> notASessionReceiver.receiveMessages(1, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                        .isEqualTo(ServiceBusFailureReason.INVALID_OPERATION));
        assertThatThrownBy(notASessionReceiver::session).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.getQueueReceiver(sessions,
                ReceiverOptions.defaults().sessionId("s").subQueue(SubQueue.DEAD_LETTER)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageWithoutASessionIdIsRefusedByASessionQueue() {
        String sessions = sessionQueue();

        assertThatThrownBy(() -> send(sessions, new ServiceBusMessage("no session")))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.INVALID_OPERATION);
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessageContaining("The SessionId was not set on a message");
        send(sessions, inSession("with", "s"));
        assertThat(ids(session(sessions, "s").peekMessages(10))).containsExactly("with");
    }

    @Test
    void sessionMessagesAreAbandonedDeferredAndDeadLetteredWithinTheSession() {
        String q = sessionQueue();
        send(q, inSession("a1", "a"), inSession("a2", "a"), inSession("a3", "a"), inSession("b1", "b"));
        ServiceBusReceiver a = session(q, "a");

        ServiceBusReceivedMessage first = receiveOne(a);
        a.abandonMessage(first);
        ServiceBusReceivedMessage again = receiveOne(a);
        assertThat(again.getMessageId()).as("an abandoned message comes back first").isEqualTo("a1");
        assertThat(again.getDeliveryCount()).isEqualTo(1);
        a.deferMessage(again);
        ServiceBusReceivedMessage second = receiveOne(a);
        assertThat(second.getMessageId()).isEqualTo("a2");
        a.deadLetterMessage(second, "Poison", "in a session");
        ServiceBusReceivedMessage third = receiveOne(a);
        a.completeMessage(third);

        assertThat(ids(a.peekMessages(10))).as("peek stays in the session").containsExactly("a1");
        ServiceBusReceivedMessage deferred = a.receiveDeferredMessages(List.of(again.getSequenceNumber())).get(0);
        assertThat(deferred.getState()).isEqualTo(ServiceBusMessageState.DEFERRED);
        a.completeMessage(deferred);
        assertThat(a.peekMessages(10)).isEmpty();

        ServiceBusReceiver dlq = closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER)));
        ServiceBusReceivedMessage dead = receiveOne(dlq);
        assertThat(dead.getMessageId()).isEqualTo("a2");
        assertThat(dead.getSessionId()).isEqualTo("a");
        assertThat(dead.getDeadLetterReason()).isEqualTo("Poison");
        dlq.completeMessage(dead);
    }

    @Test
    void aSessionOfASubscriptionIsReceivedLikeOneOfAQueue() {
        String topic = topic();
        subscription(topic, "sessions", b -> b.requiresSession(true));
        closeLater(client.getTopicSender(topic)).sendMessages(List.of(inSession("x1", "x"), inSession("y1", "y"),
                inSession("x2", "x")));

        ServiceBusReceiver x = closeLater(client.getSubscriptionReceiver(topic, "sessions",
                ReceiverOptions.defaults().sessionId("x")));
        List<ServiceBusReceivedMessage> got = receive(x, 2);
        assertThat(ids(got)).containsExactly("x1", "x2");
        got.forEach(x::completeMessage);

        ServiceBusReceiver next = closeLater(client.getSubscriptionReceiver(topic, "sessions",
                ReceiverOptions.defaults().nextAvailableSession(true)));
        assertThat(next.session().sessionId()).isEqualTo("y");
        next.completeMessage(receiveOne(next));
    }

    @Test
    void theAsyncSessionReceiverWaitsForItsSession() {
        String q = sessionQueue();
        send(q, inSession("m1", "s"), inSession("m2", "s"));
        ServiceBusAsyncClient async = client.getAsyncClient();

        ServiceBusAsyncReceiver receiver = closeLater(async.getQueueReceiver(q,
                ReceiverOptions.defaults().nextAvailableSession(true)));
        ServiceBusAsyncSession session = receiver.session().accepted().join();

        assertThat(session.sessionId()).isEqualTo("s");
        session.setState(new byte[] {7}).join();
        assertThat(session.getState().join()).containsExactly(7);
        assertThat(session.renewLock().join()).isAfter(OffsetDateTime.now());
        List<ServiceBusReceivedMessage> got = receiver.receiveMessages(2, Duration.ofSeconds(5)).join();
        assertThat(ids(got)).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("m"));
        got.forEach(m -> receiver.completeMessage(m).join());

        ServiceBusAsyncReceiver held = closeLater(async.getQueueReceiver(q, ReceiverOptions.defaults()
                .sessionId("s")));
        assertThat(held.session().accepted()).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(SessionCannotBeLockedException.class);
    }
}
