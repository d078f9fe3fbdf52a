package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.LockTokens;
import dev.omnibus.core.QueueDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.Binary;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedInteger;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Modified;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The session operations of {@code $management} (protocol §6.2) at frame level, with their exact body types. */
@Timeout(20)
class SessionManagementTest {
    private static final Duration LOCK = Duration.ofSeconds(5);

    private TestPeer peer;
    private TestPeer.Node mgmt;
    private long id;

    @BeforeEach
    void open() {
        peer = new TestPeer().open();
        peer.createQueue(QueueDescription.builder("sq").requiresSession(true).lockDuration(LOCK).build());
        peer.putToken("sb://localhost/");
        mgmt = peer.node("sq/$management", "sq/management-client-reply-to");
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private List<Object> call(String operation, Map<String, Object> body) {
        return mgmt.request(UnsignedLong.valueOf(++id), "sq/management-client-reply-to",
                Map.of("operation", "com.microsoft:" + operation), body);
    }

    private static Map<String, Object> status(List<Object> response) {
        return ((ApplicationProperties) response.get(1)).getValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(List<Object> response) {
        return (Map<String, Object>) ((AmqpValue<?>) response.get(2)).getValue();
    }

    private void send(String sessionId, String... bodies) {
        Sender s = peer.sender("sq");
        for (String body : bodies) {
            peer.send(s, Messages.sessionMessage(body, sessionId), false);
        }
        peer.pump();
    }

    /** Locks the session on a link and receives {@code n} of its messages. */
    private List<IncomingDelivery> holdSession(String sessionId, int n) {
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.sessionReceiver("sq", sessionId, 5_000L, got);
        r.addCredit(n);
        peer.pump();
        return got;
    }

    /** The AMQP constructor of the value that follows {@code key} in the last raw response. */
    private int constructorAfter(String key) {
        byte[] raw = mgmt.lastRaw();
        byte[] k = key.getBytes();
        for (int i = 0; i <= raw.length - k.length; i++) {
            if (java.util.Arrays.equals(raw, i, i + k.length, k, 0, k.length)) {
                return raw[i + k.length] & 0xff;
            }
        }
        throw new AssertionError(key + " not in the response");
    }

    @Test
    void renewSessionLockAnswersTheNewExpiryAsATimestamp() {
        send("s1", "a");
        holdSession("s1", 0);
        peer.advance(Duration.ofSeconds(3));

        List<Object> response = call("renew-session-lock", Map.of("session-id", "s1"));

        assertThat(status(response)).containsEntry("statusCode", 200);
        assertThat(constructorAfter("expiration")).isEqualTo(0x83);
        assertThat(peer.broker.namespace().queue("sq").renewSessionLock("s1").join().toEpochMilli())
                .isEqualTo(peer.time.now() + LOCK.toMillis());
    }

    @Test
    void sessionOperationsOnASessionNobodyHoldsAre410SessionLockLost() {
        for (String operation : List.of("renew-session-lock", "get-session-state")) {
            assertThat(status(call(operation, Map.of("session-id", "nobody"))))
                    .containsEntry("statusCode", 410)
                    .containsEntry("errorCondition", Symbol.valueOf("com.microsoft:session-lock-lost"));
        }
    }

    @Test
    void sessionStateIsSetReadAndClearedAsBinaryOrNull() {
        send("s1", "a");
        holdSession("s1", 0);

        assertThat(status(call("set-session-state", Map.of("session-id", "s1",
                "session-state", new Binary(new byte[] {1, 2, 3}))))).containsEntry("statusCode", 200);
        assertThat(body(call("get-session-state", Map.of("session-id", "s1"))))
                .containsEntry("session-state", new Binary(new byte[] {1, 2, 3}));

        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("session-id", "s1");
        clear.put("session-state", null);
        call("set-session-state", clear);
        Map<String, Object> after = body(call("get-session-state", Map.of("session-id", "s1")));
        assertThat(after).containsKey("session-state");
        assertThat(after.get("session-state")).isNull();
    }

    @Test
    void getMessageSessionsListsIdsAsAStringArrayAnd204WhenThereAreNone() {
        assertThat(status(call("get-message-sessions", Map.of("skip", 0, "top", 10,
                "last-updated-time", new Date(0))))).containsEntry("statusCode", 204);
        send("s1", "a");
        send("s2", "b");

        List<Object> response = call("get-message-sessions", Map.of("skip", 0, "top", 10,
                "last-updated-time", new Date(0)));

        assertThat((Object[]) body(response).get("sessions-ids")).containsExactly("s1", "s2");
        assertThat(constructorAfter("sessions-ids")).isEqualTo(0xf0);
        assertThat(body(response)).containsEntry("skip", 2);
        assertThat((Object[]) body(call("get-message-sessions", Map.of("skip", 1, "top", 10)))
                .get("sessions-ids")).containsExactly("s2");
    }

    @Test
    void getMessageSessionsWithALastUpdatedTimeListsOnlySessionsUpdatedSinceAndMaxValueMeansAll() {
        send("old", "a");
        peer.time.advance(Duration.ofMinutes(1));
        Date cut = new Date(peer.time.now());
        peer.time.advance(Duration.ofMinutes(1));
        send("new", "b");

        assertThat((Object[]) body(call("get-message-sessions", Map.of("skip", 0, "top", 10,
                "last-updated-time", cut))).get("sessions-ids")).containsExactly("new");
        // .NET asks with DateTime.MaxValue for every session.
        assertThat((Object[]) body(call("get-message-sessions", Map.of("skip", 0, "top", 10,
                "last-updated-time", Date.from(java.time.Instant.parse("9999-12-31T23:59:59Z")))))
                .get("sessions-ids")).containsExactly("new", "old");
        assertThat(status(call("get-message-sessions", Map.of("skip", 0, "top", 10,
                "last-updated-time", new Date(peer.time.now() + 1_000))))).containsEntry("statusCode", 204);

        // Setting the state of the old session updates it.
        holdSession("old", 0);
        peer.time.advance(Duration.ofSeconds(2));
        assertThat((Object[]) body(call("get-message-sessions", Map.of("skip", 0, "top", 10,
                "last-updated-time", cut))).get("sessions-ids")).as("locking is no update").containsExactly("new");
        call("set-session-state", Map.of("session-id", "old", "session-state", new Binary(new byte[] {7})));
        assertThat((Object[]) body(call("get-message-sessions", Map.of("skip", 0, "top", 10,
                "last-updated-time", cut))).get("sessions-ids")).containsExactly("new", "old");
    }

    @Test
    void peekWithASessionIdStaysInThatSession() {
        send("s1", "a");
        send("s2", "b");
        send("s1", "c");

        List<Object> response = call("peek-message", Map.of("from-sequence-number", 0L, "message-count", 10,
                "session-id", "s1"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) body(response).get("messages");
        assertThat(messages).extracting(m -> Messages.body(((Binary) m.get("message")).asByteArray()))
                .containsExactly("a", "c");
    }

    @Test
    void deferredSessionMessagesAreReceivedBySequenceNumberWithinTheSessionAndSettledByDisposition() {
        send("s1", "a");
        IncomingDelivery d = holdSession("s1", 1).get(0);
        d.disposition(new Modified(false, true));
        peer.pump();

        List<Object> response = call("receive-by-sequence-number", Map.of("sequence-numbers", new long[] {1L},
                "receiver-settle-mode", UnsignedInteger.valueOf(1), "session-id", "s1"));

        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) body(response).get("messages")).get(0);
        UUID token = (UUID) entry.get("lock-token");
        assertThat(Messages.annotation(((Binary) entry.get("message")).asByteArray(), "x-opt-message-state"))
                .isEqualTo(1);
        assertThat(status(call("update-disposition", Map.of("lock-tokens", new UUID[] {token},
                "disposition-status", "completed", "session-id", "s1")))).containsEntry("statusCode", 200);
        assertThat(peer.broker.namespace().queue("sq").peek(0, 10).join()).isEmpty();
    }

    @Test
    void renewLockOfASessionMessageRenewsItsSession() {
        send("s1", "a");
        UUID token = LockTokens.fromDeliveryTag(holdSession("s1", 1).get(0).getTag().tagBytes());
        peer.advance(Duration.ofSeconds(2));

        List<Object> response = call("renew-lock", Map.of("lock-tokens", new UUID[] {token}));

        assertThat(status(response)).containsEntry("statusCode", 200);
        // Without the renewal the session lock would have ended 5 s after the accept, closing the link.
        peer.advance(Duration.ofSeconds(4));
        assertThat(status(call("renew-session-lock", Map.of("session-id", "s1")))).containsEntry("statusCode", 200);
    }
}
