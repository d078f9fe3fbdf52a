package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.DotNetTicks;
import dev.omnibus.amqp.LockTokens;
import dev.omnibus.core.QueueDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Modified;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Session receivers at frame level (protocol §3.4): the attach reply, waiting for a session, refusals, lock loss. */
@Timeout(20)
class SessionLinkTest {
    private static final Symbol SESSION_FILTER = Symbol.valueOf("com.microsoft:session-filter");
    private static final Symbol LOCKED_UNTIL_UTC = Symbol.valueOf("com.microsoft:locked-until-utc");
    private static final Duration LOCK = Duration.ofSeconds(5);

    private TestPeer peer;

    @BeforeEach
    void open() {
        peer = new TestPeer().open();
        peer.createQueue(QueueDescription.builder("sq").requiresSession(true).lockDuration(LOCK).build());
        peer.createQueue("plain");
        peer.putToken("sb://localhost/");
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private void send(String sessionId, String... bodies) {
        Sender s = peer.sender("sq");
        for (String body : bodies) {
            peer.send(s, Messages.sessionMessage(body, sessionId), false);
        }
        peer.pump();
    }

    private static String condition(ErrorCondition e) {
        return e == null ? null : e.getCondition().toString();
    }

    private final Map<IncomingDelivery, byte[]> payloads = new java.util.IdentityHashMap<>();

    /** A delivery's message; reading a delivery consumes it, so each is read once and kept. */
    private byte[] payload(IncomingDelivery d) {
        return payloads.computeIfAbsent(d, AmqpConnection::readAll);
    }

    private List<String> bodies(List<IncomingDelivery> deliveries) {
        return deliveries.stream().map(d -> Messages.body(payload(d))).toList();
    }

    @Test
    void namedSessionAttachEchoesTheAddressAndNamesTheSessionAndItsLock() {
        send("s1", "a", "b");
        send("s2", "other");
        long lockedUntil = peer.time.now() + LOCK.toMillis();
        List<IncomingDelivery> got = new ArrayList<>();

        // Python sends the full URI and reads the reply only when the address comes back exactly as sent.
        Receiver r = peer.sessionReceiver("amqps://localhost:5671/SQ", "s1", 5_000L, got);

        assertThat(r.isRemotelyOpen()).isTrue();
        assertThat(r.getRemoteSource().getAddress()).isEqualTo("amqps://localhost:5671/SQ");
        assertThat(r.getRemoteSource().getFilter()).containsEntry(SESSION_FILTER, "s1");
        assertThat(r.getRemoteProperties()).containsEntry(LOCKED_UNTIL_UTC, DotNetTicks.fromEpochMillis(lockedUntil));
        assertThat(r.getRemoteProperties().get(LOCKED_UNTIL_UTC)).isInstanceOf(Long.class);

        r.addCredit(10);
        peer.pump();
        assertThat(bodies(got)).containsExactly("a", "b");
        byte[] first = payload(got.get(0));
        assertThat(Messages.annotation(first, "x-opt-locked-until")).isEqualTo(Instant.ofEpochMilli(lockedUntil));
        assertThat(Messages.properties(first).getGroupId()).isEqualTo("s1");
    }

    @Test
    void nullFilterValueLocksTheNextSessionWithMessages() {
        send("s2", "x");
        List<IncomingDelivery> got = new ArrayList<>();

        Receiver r = peer.sessionReceiver("sq", null, 5_000L, got);

        assertThat(r.getRemoteSource().getFilter()).containsEntry(SESSION_FILTER, "s2");
        r.addCredit(1);
        peer.pump();
        assertThat(bodies(got)).containsExactly("x");
    }

    @Test
    void nextAvailableWaitsUntilASessionArrives() {
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.sessionReceiver("sq", null, 5_000L, got);
        assertThat(r.isRemotelyOpen()).isFalse();

        send("late", "m");

        assertThat(r.isRemotelyOpen()).isTrue();
        assertThat(r.getRemoteSource().getFilter()).containsEntry(SESSION_FILTER, "late");
    }

    @Test
    void noSessionWithinTheTimeoutIsANullSourceAndComMicrosoftTimeout() {
        Receiver r = peer.sessionReceiver("sq", null, 5_000L, new ArrayList<>());
        peer.advance(Duration.ofMillis(4_999));
        assertThat(r.isRemotelyOpen()).isFalse();

        peer.advance(Duration.ofMillis(1));

        assertThat(r.getRemoteSource()).isNull();
        assertThat(r.isRemotelyClosed()).isTrue();
        assertThat(condition(r.getRemoteCondition())).isEqualTo("com.microsoft:timeout");
    }

    @Test
    void theWaitIsAtMostSixtySeconds() {
        Receiver r = peer.sessionReceiver("sq", null, 600_000L, new ArrayList<>());

        peer.advance(Duration.ofSeconds(60));

        assertThat(condition(r.getRemoteCondition())).isEqualTo("com.microsoft:timeout");
    }

    @Test
    void aSessionHeldElsewhereCannotBeLocked() {
        send("s1", "a");
        peer.sessionReceiver("sq", "s1", 5_000L, new ArrayList<>());

        Receiver second = peer.sessionReceiver("sq", "s1", 5_000L, new ArrayList<>());

        assertThat(second.getRemoteSource()).isNull();
        assertThat(condition(second.getRemoteCondition())).isEqualTo("com.microsoft:session-cannot-be-locked");
    }

    @Test
    void sessionReceiverOnANonSessionQueueIsNotAllowed() {
        Receiver r = peer.sessionReceiver("plain", "s1", 5_000L, new ArrayList<>());

        assertThat(r.getRemoteSource()).isNull();
        assertThat(condition(r.getRemoteCondition())).isEqualTo("amqp:not-allowed");
    }

    @Test
    void plainReceiverOnASessionQueueIsNotAllowed() {
        Receiver r = peer.receiver("sq", true, new ArrayList<>());

        assertThat(r.getRemoteSource()).isNull();
        assertThat(condition(r.getRemoteCondition())).isEqualTo("amqp:not-allowed");
        assertThat(r.getRemoteCondition().getDescription()).contains("requires sessions");
    }

    @Test
    void dispositionsOnASessionLinkSettleAndAbandonedMessagesComeBackFirst() {
        send("s1", "a", "b");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.sessionReceiver("sq", "s1", 5_000L, got);
        r.addCredit(1);
        peer.pump();

        got.get(0).disposition(new Modified(), false);
        peer.pump();
        assertThat(got.get(0).getRemoteState()).isInstanceOf(Modified.class);
        r.addCredit(1);
        peer.pump();
        got.get(1).disposition(Accepted.getInstance(), false);
        peer.pump();

        assertThat(bodies(got)).containsExactly("a", "a");
        assertThat(Messages.header(payload(got.get(1))).getDeliveryCount()).isEqualTo(1);
        assertThat(got.get(1).getRemoteState()).isInstanceOf(Accepted.class);
        assertThat(got.get(1).isRemotelySettled()).isTrue();
    }

    @Test
    void anExpiredSessionLockDetachesWithSessionLockLostAndSettlingFailsTheSameWay() {
        send("s1", "a");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.sessionReceiver("sq", "s1", 5_000L, got);
        r.addCredit(1);
        peer.pump();
        UUID token = LockTokens.fromDeliveryTag(got.get(0).getTag().tagBytes());

        peer.advance(LOCK.plusMillis(1));

        assertThat(r.isRemotelyClosed()).isTrue();
        assertThat(condition(r.getRemoteCondition())).isEqualTo("com.microsoft:session-lock-lost");
        TestPeer.Node mgmt = peer.node("sq/$management", "sq/management-client-reply-to");
        List<Object> response = mgmt.request(UnsignedLong.valueOf(1), "sq/management-client-reply-to",
                Map.of("operation", "com.microsoft:update-disposition"),
                Map.of("lock-tokens", new UUID[] {token}, "disposition-status", "completed", "session-id", "s1"));
        Map<String, Object> status = ((ApplicationProperties) response.get(1)).getValue();
        assertThat(status).containsEntry("statusCode", 410)
                .containsEntry("errorCondition", Symbol.valueOf("com.microsoft:session-lock-lost"));
    }

    @Test
    void closingTheLinkFreesTheSessionForTheNextReceiver() {
        send("s1", "a");
        Receiver first = peer.sessionReceiver("sq", "s1", 5_000L, new ArrayList<>());
        first.close();
        peer.pump();

        List<IncomingDelivery> got = new ArrayList<>();
        Receiver second = peer.sessionReceiver("sq", null, 5_000L, got);
        second.addCredit(1);
        peer.pump();

        assertThat(second.getRemoteSource().getFilter()).containsEntry(SESSION_FILTER, "s1");
        assertThat(bodies(got)).containsExactly("a");
    }

    @Test
    void aClientThatGivesUpWaitingKeepsItsConnectionAndLeavesNoSessionLocked() {
        Receiver waiting = peer.sessionReceiver("sq", null, 5_000L, new ArrayList<>());
        waiting.close();
        peer.pump();
        // protonj2 cannot answer an attach its peer already detached; what matters is that the connection lives on.
        assertThat(peer.transport.closed).isFalse();

        send("s1", "a");
        Receiver next = peer.sessionReceiver("sq", "s1", 5_000L, new ArrayList<>());

        assertThat(next.getRemoteCondition()).isNull();
        assertThat(next.isRemotelyOpen()).isTrue();
    }
}
