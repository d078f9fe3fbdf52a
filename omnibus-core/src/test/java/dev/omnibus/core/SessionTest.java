package dev.omnibus.core;

import static dev.omnibus.core.BrokerAssertions.failsWith;
import static dev.omnibus.core.BrokerAssertions.failure;
import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.messageBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.ServiceBusError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SessionTest {
    private final CoreHarness h = new CoreHarness();
    private final QueueEndpoint q = h.queue("sq", b -> b.requiresSession(true).lockDuration(Duration.ofSeconds(30)));

    private void send(String session, String... bodies) {
        for (String body : bodies) {
            q.send(List.of(messageBuilder(body).sessionId(session).build())).join();
        }
    }

    private static final class Taker extends CoreHarness.Collector {
        SessionReceiver session;
    }

    private Taker accept(String sessionId) {
        Taker t = new Taker();
        t.session = q.acceptSession(sessionId, ReceiveMode.PEEK_LOCK, t, Duration.ofSeconds(5)).join();
        t.receiver = t.session;
        return t;
    }

    @Test
    void aNamedSessionDeliversOnlyItsMessagesInOrder() {
        send("a", "a1", "a2");
        send("b", "b1");
        send("a", "a3");
        Taker a = accept("a");
        a.receiver.addCredit(10);
        assertThat(bodies(a.take())).containsExactly("a1", "a2", "a3");
        assertThat(a.session.sessionId()).isEqualTo("a");
        assertThat(a.session.lockedUntil()).isEqualTo(h.time.now() + 30_000);
    }

    @Test
    void theNextAvailableSessionIsTheOldestUnlockedOneWithMessages() {
        send("first", "f1");
        send("second", "s1");
        Taker one = accept(null);
        Taker two = accept(null);
        assertThat(one.session.sessionId()).isEqualTo("first");
        assertThat(two.session.sessionId()).isEqualTo("second");
    }

    @Test
    void aLockedSessionCannotBeAcceptedTwice() {
        send("a", "a1");
        accept("a");
        failsWith(q.acceptSession("a", ReceiveMode.PEEK_LOCK, new CoreHarness.Collector(), Duration.ofSeconds(1)),
                ServiceBusError.SESSION_CANNOT_BE_LOCKED);
    }

    @Test
    void nextAvailableWaitsThenTimesOut() {
        CompletableFuture<SessionReceiver> waiting = q.acceptSession(null, ReceiveMode.PEEK_LOCK,
                new CoreHarness.Collector(), Duration.ofSeconds(10));
        assertThat(waiting).isNotDone();
        send("late", "l1");
        assertThat(waiting.join().sessionId()).isEqualTo("late");

        CompletableFuture<SessionReceiver> nothing = q.acceptSession(null, ReceiveMode.PEEK_LOCK,
                new CoreHarness.Collector(), Duration.ofSeconds(10));
        h.advance(Duration.ofSeconds(10));
        assertThat(failure(nothing).error()).isEqualTo(ServiceBusError.TIMEOUT);
    }

    @Test
    void aCancelledWaitLocksNothing() {
        CompletableFuture<SessionReceiver> gaveUp = q.acceptSession(null, ReceiveMode.PEEK_LOCK,
                new CoreHarness.Collector(), Duration.ofSeconds(10));
        gaveUp.cancel(false);
        send("s", "m");
        Taker next = accept(null);
        assertThat(next.session.sessionId()).as("the session was not taken by the cancelled wait").isEqualTo("s");
    }

    @Test
    void closingTheSessionReceiverFreesTheSessionAndItsUnsettledMessages() {
        send("a", "a1", "a2");
        Taker a = accept("a");
        a.receiver.addCredit(1);
        ReceivedMessage m = a.take().get(0);
        a.receiver.close().join();
        failsWith(q.complete(m.lockToken()), ServiceBusError.SESSION_LOCK_LOST);
        Taker again = accept(null);
        again.receiver.addCredit(10);
        List<ReceivedMessage> got = again.take();
        assertThat(bodies(got)).containsExactly("a1", "a2");
        assertThat(got.get(0).meta().deliveryCount()).isEqualTo(1);
    }

    @Test
    void sessionLockExpiryClosesTheReceiverAndSettlementFails() {
        send("a", "a1");
        Taker a = accept("a");
        a.receiver.addCredit(1);
        ReceivedMessage m = a.take().get(0);
        assertThat(m.lockedUntil()).isEqualTo(a.session.lockedUntil());
        h.advance(Duration.ofSeconds(30));
        assertThat(a.closedWith.error()).isEqualTo(ServiceBusError.SESSION_LOCK_LOST);
        failsWith(q.complete(m.lockToken()), ServiceBusError.SESSION_LOCK_LOST);
        failsWith(q.renewSessionLock("a"), ServiceBusError.SESSION_LOCK_LOST);
    }

    @Test
    void renewingTheSessionLockKeepsItAndItsMessages() {
        send("a", "a1");
        Taker a = accept("a");
        a.receiver.addCredit(1);
        ReceivedMessage m = a.take().get(0);
        h.advance(Duration.ofSeconds(20));
        Instant renewed = q.renewSessionLock("a").join();
        assertThat(renewed.toEpochMilli()).isEqualTo(h.time.now() + 30_000);
        h.advance(Duration.ofSeconds(20));
        assertThat(a.closedWith).isNull();
        q.complete(m.lockToken()).join();
        assertThat(q.peek(0, 10).join()).isEmpty();
    }

    @Test
    void stateIsKeptPerSessionAndSurvivesARestart() {
        send("a", "a1");
        accept("a");
        assertThat(q.getSessionState("a").join()).isNull();
        q.setSessionState("a", "step-2".getBytes(StandardCharsets.UTF_8)).join();
        assertThat(new String(q.getSessionState("a").join(), StandardCharsets.UTF_8)).isEqualTo("step-2");
        failsWith(q.getSessionState("b"), ServiceBusError.SESSION_LOCK_LOST);

        h.restart();
        QueueEndpoint after = h.ns().queue("sq");
        after.acceptSession("a", ReceiveMode.PEEK_LOCK, new CoreHarness.Collector(), Duration.ofSeconds(1)).join();
        assertThat(new String(after.getSessionState("a").join(), StandardCharsets.UTF_8)).isEqualTo("step-2");
        after.setSessionState("a", null).join();
        assertThat(after.getSessionState("a").join()).isNull();
    }

    @Test
    void listsSessionsWithMessagesOrState() {
        send("b", "b1");
        send("a", "a1");
        assertThat(q.listSessions(Instant.EPOCH, 0, 10).join()).containsExactly("a", "b");
        assertThat(q.listSessions(Instant.EPOCH, 1, 10).join()).containsExactly("b");
        assertThat(q.listSessions(Instant.ofEpochMilli(h.time.now() + 1), 0, 10).join()).isEmpty();
    }

    @Test
    void sessionAndNonSessionReceiversAreNotMixed() {
        BrokerException e = failure(q.openReceiver(ReceiveMode.PEEK_LOCK, new CoreHarness.Collector()));
        assertThat(e.error()).isEqualTo(ServiceBusError.NOT_ALLOWED);
        assertThat(e.getMessage()).contains("requires sessions");
        QueueEndpoint plain = h.queue("plain");
        assertThat(failure(plain.acceptSession("x", ReceiveMode.PEEK_LOCK, new CoreHarness.Collector(),
                Duration.ofSeconds(1))).error()).isEqualTo(ServiceBusError.NOT_ALLOWED);
    }

    @Test
    void peeksAndReceivesDeferredWithinASession() {
        send("a", "a1", "a2");
        send("b", "b1");
        assertThat(bodies(q.peekSession("a", 0, 10).join())).containsExactly("a1", "a2");
        Taker a = accept("a");
        a.receiver.addCredit(1);
        ReceivedMessage first = a.take().get(0);
        q.defer(first.lockToken(), Map.of()).join();
        List<ReceivedMessage> byNumber = q.receiveDeferred(new long[] {first.sequenceNumber()},
                ReceiveMode.PEEK_LOCK, "a").join();
        assertThat(bodies(byNumber)).containsExactly("a1");
        q.complete(byNumber.get(0).lockToken()).join();
    }

    @Test
    void receiveAndDeleteInASession() {
        send("a", "a1", "a2");
        CoreHarness.Collector c = new CoreHarness.Collector();
        SessionReceiver r = q.acceptSession("a", ReceiveMode.RECEIVE_AND_DELETE, c, Duration.ofSeconds(1)).join();
        r.addCredit(5);
        assertThat(bodies(c.take())).containsExactly("a1", "a2");
        assertThat(q.peek(0, 5).join()).isEmpty();
    }
}
