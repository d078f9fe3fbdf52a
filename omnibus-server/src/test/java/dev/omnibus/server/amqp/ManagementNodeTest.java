package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.LockTokens;
import java.time.Instant;
import java.util.ArrayList;
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
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code $management} node at frame level: envelope types, routing, and the body types of each operation. */
class ManagementNodeTest {
    private TestPeer peer;
    private TestPeer.Node mgmt;
    private long id;

    @BeforeEach
    void open() {
        peer = new TestPeer().open();
        peer.createQueue("q");
        peer.putToken("amqp://localhost/q");
        mgmt = peer.node("q/$management", "q/management-client-reply-to");
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private List<Object> call(String operation, Map<String, Object> body) {
        return mgmt.request(UnsignedLong.valueOf(++id), "q/management-client-reply-to",
                Map.of("operation", operation, "com.microsoft:server-timeout", 60_000L), body);
    }

    private static Map<String, Object> props(List<Object> response) {
        return ((ApplicationProperties) response.get(1)).getValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(List<Object> response) {
        return (Map<String, Object>) ((AmqpValue<?>) response.get(2)).getValue();
    }

    /** Sends n messages and receives them in PeekLock on a link; returns the deliveries. */
    private List<IncomingDelivery> lockMessages(int n) {
        Sender s = peer.sender("q");
        for (int i = 0; i < n; i++) {
            peer.send(s, Messages.message("m" + i), false);
        }
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("q", true, got);
        r.addCredit(n);
        peer.pump();
        return got;
    }

    @Test
    void unknownOperationIs501WithASymbolCondition() {
        List<Object> response = call("com.microsoft:no-such-operation", Map.of());

        assertThat(((Properties) response.get(0)).getCorrelationId()).isEqualTo(UnsignedLong.valueOf(1));
        assertThat(props(response)).containsEntry("statusCode", 501)
                .containsEntry("errorCondition", Symbol.valueOf("amqp:not-implemented"));
        assertThat(props(response).get("statusDescription")).isInstanceOf(String.class);
    }

    @Test
    void peekOnAnEmptyQueueIs204WithoutBody() {
        List<Object> response = call("com.microsoft:peek-message",
                Map.of("from-sequence-number", 0L, "message-count", 10));

        assertThat(props(response)).containsEntry("statusCode", 204);
        assertThat(response).hasSize(2);
    }

    @Test
    void peekReturnsEncodedMessagesWithStringKeys() {
        lockMessages(2);

        List<Object> response = call("com.microsoft:peek-message",
                Map.of("from-sequence-number", 2L, "message-count", 10));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) body(response).get("messages");
        assertThat(messages).hasSize(1);
        byte[] m = ((Binary) messages.get(0).get("message")).asByteArray();
        assertThat(Messages.body(m)).isEqualTo("m1");
        assertThat(Messages.annotation(m, "x-opt-locked-until")).isInstanceOf(Instant.class);
        assertThat(Messages.deliveryAnnotation(m, "x-opt-lock-token")).isNull();
    }

    @Test
    void renewLockAnswersAnArrayOfTimestamps() {
        UUID token = LockTokens.fromDeliveryTag(lockMessages(1).get(0).getTag().tagBytes());

        List<Object> response = call("com.microsoft:renew-lock", Map.of("lock-tokens", new UUID[] {token}));

        assertThat(props(response)).containsEntry("statusCode", 200);
        // expirations must be array<timestamp>: constructor 0xf0 (array32), element constructor 0x83.
        byte[] raw = mgmt.lastRaw();
        int at = indexOf(raw, "expirations".getBytes());
        assertThat(at).isPositive();
        int value = at + "expirations".length();
        assertThat(raw[value] & 0xff).isEqualTo(0xf0);
        assertThat(raw[value + 9] & 0xff).isEqualTo(0x83);
    }

    @Test
    void renewingAnUnknownLockIs410LockLost() {
        List<Object> response = call("com.microsoft:renew-lock", Map.of("lock-tokens", new UUID[] {UUID.randomUUID()}));

        assertThat(props(response)).containsEntry("statusCode", 410)
                .containsEntry("errorCondition", Symbol.valueOf("com.microsoft:message-lock-lost"));
    }

    @Test
    void scheduleAnswersLongSequenceNumbersAndCancelRemovesThem() {
        byte[] scheduled = ProtonCodec.encode(
                new org.apache.qpid.protonj2.types.messaging.MessageAnnotations(Map.of(
                        Symbol.valueOf("x-opt-scheduled-enqueue-time"), new java.util.Date(peer.time.now() + 60_000))),
                new org.apache.qpid.protonj2.types.messaging.Data(new Binary("later".getBytes())));

        List<Object> response = call("com.microsoft:schedule-message", Map.of("messages",
                List.of(Map.of("message-id", "s1", "message", new Binary(scheduled)))));

        long[] seqs = (long[]) body(response).get("sequence-numbers");
        assertThat(seqs).containsExactly(1L);
        assertThat(peer.broker.namespace().queueRuntimeInfo("q").join().scheduledMessageCount()).isEqualTo(1);

        assertThat(props(call("com.microsoft:cancel-scheduled-message", Map.of("sequence-numbers", seqs))))
                .containsEntry("statusCode", 200);
        assertThat(peer.broker.namespace().queueRuntimeInfo("q").join().scheduledMessageCount()).isZero();
        assertThat(props(call("com.microsoft:cancel-scheduled-message", Map.of("sequence-numbers", seqs))))
                .containsEntry("statusCode", 404)
                .containsEntry("errorCondition", Symbol.valueOf("com.microsoft:message-not-found"));
    }

    @Test
    void deferredMessagesAreReceivedBySequenceNumberAndSettledByDisposition() {
        IncomingDelivery d = lockMessages(1).get(0);
        d.disposition(new Modified(false, true));
        peer.pump();

        List<Object> response = call("com.microsoft:receive-by-sequence-number",
                Map.of("sequence-numbers", new long[] {1L}, "receiver-settle-mode", UnsignedInteger.valueOf(1)));

        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) body(response).get("messages")).get(0);
        UUID token = (UUID) entry.get("lock-token");
        byte[] m = ((Binary) entry.get("message")).asByteArray();
        assertThat(Messages.deliveryAnnotation(m, "x-opt-lock-token")).isEqualTo(token);
        assertThat(Messages.annotation(m, "x-opt-message-state")).isEqualTo(1);

        List<Object> settled = call("com.microsoft:update-disposition", Map.of("lock-tokens", new UUID[] {token},
                "disposition-status", "suspended", "deadletter-reason", "Why", "deadletter-description", "Because",
                "properties-to-modify", Map.of("k", "v")));

        assertThat(props(settled)).containsEntry("statusCode", 200);
        var dead = peer.broker.namespace().endpoint("q", dev.omnibus.core.SubQueue.DEAD_LETTER).peek(0, 1).join();
        assertThat(dead.get(0).meta().deadLetterReason()).isEqualTo("Why");
        assertThat(dead.get(0).meta().propertyChanges()).containsEntry("k", "v");
    }

    @Test
    void batchDeleteAnswersTheCount() {
        Sender s = peer.sender("q");
        for (int i = 0; i < 3; i++) {
            peer.send(s, Messages.message("m" + i), false);
        }
        peer.pump();

        List<Object> response = call("com.microsoft:batch-delete-messages",
                Map.of("message-count", 10, "enqueued-time-utc", new java.util.Date(peer.time.now() + 1000)));

        assertThat(body(response)).containsEntry("message-count", 3);
    }

    @Test
    void responsesAreRoutedByLinkNameWhenTheReplyLinkHasNoTargetAddress() {
        // JavaScript: reply-to is the receiver link's name, the receiver's target has no address.
        TestPeer.Node js = peer.new Node("q/$management", null, "js-mgmt-link");

        List<Object> response = js.request("uuid-text-id", "js-mgmt-link",
                Map.of("operation", "com.microsoft:peek-message"), Map.of("from-sequence-number", 0L,
                        "message-count", 1));

        assertThat(((Properties) response.get(0)).getCorrelationId()).isEqualTo("uuid-text-id");
    }

    @Test
    void responsesAreRoutedByNodeAndSessionWithoutReplyTo() {
        // Python: no reply-to at all.
        TestPeer.Node py = peer.new Node("q/$management", null, "py-mgmt-link");

        List<Object> response = py.request(UnsignedLong.valueOf(7), null, Map.of("operation", "com.microsoft:peek-message"),
                Map.of("from-sequence-number", 0L, "message-count", 1));

        assertThat(((Properties) response.get(0)).getCorrelationId()).isEqualTo(UnsignedLong.valueOf(7));
    }

    @Test
    void managementOfAMissingQueueIsRefused() {
        peer.putToken("amqp://localhost/missing");
        Sender s = peer.sender("missing/$management");

        assertThat(s.getRemoteCondition().getCondition().toString()).isEqualTo("amqp:not-found");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
