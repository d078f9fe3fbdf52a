package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.SasToken;
import dev.omnibus.server.auth.AccessPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.engine.Link;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.engine.sasl.SaslOutcome;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shared access policies with rights over AMQP: what a token or PLAIN login of each policy lets a connection do. */
class AccessRightsTest {
    private static final AmqpServerOptions OPTIONS = AmqpServerOptions.defaults().withSasPolicies(List.of(
            AccessPolicy.parse("sender=send-key:Send"), AccessPolicy.parse("listener=listen-key:Listen"),
            AccessPolicy.parse("admin=admin-key:Manage")));
    private TestPeer peer;
    private long id;

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
    }

    private TestPeer withToken(String policy, String key) {
        peer = new TestPeer(OPTIONS).open();
        peer.createQueue("q");
        String token = SasToken.create("amqp://localhost/q", policy, key, Instant.now().plusSeconds(600)).text();
        Map<String, Object> response = ((ApplicationProperties) peer.putToken("amqp://localhost/q", token).get(1))
                .getValue();
        assertThat(response).as("put-token by " + policy).containsEntry("status-code", 200);
        return peer;
    }

    private static void assertRefused(Link<?> link, String claim) {
        assertThat(link.isRemotelyClosed()).isTrue();
        assertThat(link.getRemoteCondition().getCondition()).isEqualTo(Symbol.valueOf("amqp:unauthorized-access"));
        assertThat(link.getRemoteCondition().getDescription()).isEqualTo("Unauthorized access. '" + claim
                + "' claim(s) are required to perform this operation. Resource: 'q'.");
    }

    private Map<String, Object> call(TestPeer.Node mgmt, String operation, Map<String, Object> body) {
        return ((ApplicationProperties) mgmt.request(UnsignedLong.valueOf(++id), "q/management-client-reply-to",
                Map.of("operation", operation), body).get(1)).getValue();
    }

    @Test
    void aSendPolicyOpensSendersButNotReceivers() {
        withToken("sender", "send-key");

        Sender sender = peer.sender("q");
        Receiver receiver = peer.receiver("q", true, new ArrayList<>());

        assertThat(sender.getRemoteCondition()).isNull();
        assertThat(sender.isRemotelyOpen()).isTrue();
        assertRefused(receiver, "Listen");
    }

    @Test
    void aListenPolicyOpensReceiversButNotSenders() {
        withToken("listener", "listen-key");

        Receiver receiver = peer.receiver("q", true, new ArrayList<>());
        Sender sender = peer.sender("q");

        assertThat(receiver.getRemoteCondition()).isNull();
        assertThat(receiver.isRemotelyOpen()).isTrue();
        assertRefused(sender, "Send");
    }

    @Test
    void managementOperationsNeedTheirRight() {
        withToken("sender", "send-key");
        TestPeer.Node mgmt = peer.node("q/$management", "q/management-client-reply-to");

        Map<String, Object> peek = call(mgmt, "com.microsoft:peek-message",
                Map.of("from-sequence-number", 0L, "message-count", 1));
        Map<String, Object> cancel = call(mgmt, "com.microsoft:cancel-scheduled-message",
                Map.of("sequence-numbers", new long[] {42L}));
        Map<String, Object> rules = call(mgmt, "com.microsoft:enumerate-rules", Map.of("top", 10, "skip", 0));

        assertThat(peek).containsEntry("statusCode", 401)
                .containsEntry("errorCondition", Symbol.valueOf("amqp:unauthorized-access"))
                .containsEntry("statusDescription", "Unauthorized access. 'Listen' claim(s) are required to perform "
                        + "this operation. Resource: 'q'.");
        assertThat(rules).containsEntry("statusCode", 401);
        // Send may cancel: the sequence number is simply not found.
        assertThat(cancel).containsEntry("statusCode", 404);
    }

    @Test
    void aListenPolicyMayPeekButNotSchedule() {
        withToken("listener", "listen-key");
        TestPeer.Node mgmt = peer.node("q/$management", "q/management-client-reply-to");

        Map<String, Object> peek = call(mgmt, "com.microsoft:peek-message",
                Map.of("from-sequence-number", 0L, "message-count", 1));
        Map<String, Object> cancel = call(mgmt, "com.microsoft:cancel-scheduled-message",
                Map.of("sequence-numbers", new long[] {42L}));

        assertThat(peek).containsEntry("statusCode", 204);
        assertThat(cancel).containsEntry("statusCode", 401).containsEntry("statusDescription",
                "Unauthorized access. 'Send' claim(s) are required to perform this operation. Resource: 'q'.");
    }

    @Test
    void manageImpliesSendAndListen() {
        withToken("admin", "admin-key");

        assertThat(peer.sender("q").getRemoteCondition()).isNull();
        assertThat(peer.receiver("q", true, new ArrayList<>()).getRemoteCondition()).isNull();
    }

    @Test
    void tokensOfTwoPoliciesAddUp() {
        withToken("sender", "send-key");
        String listen = SasToken.create("amqp://localhost/q", "listener", "listen-key",
                Instant.now().plusSeconds(600)).text();
        peer.putToken("amqp://localhost/q", listen);

        assertThat(peer.sender("q").getRemoteCondition()).isNull();
        assertThat(peer.receiver("q", true, new ArrayList<>()).getRemoteCondition()).isNull();
    }

    @Test
    void aTokenSignedWithAnotherPolicysKeyIsRefused() {
        peer = new TestPeer(OPTIONS).open();
        String forged = SasToken.create("amqp://localhost/q", "admin", "send-key", Instant.now().plusSeconds(60))
                .text();

        Map<String, Object> response = ((ApplicationProperties) peer.putToken("amqp://localhost/q", forged).get(1))
                .getValue();

        assertThat(response).containsEntry("status-code", 401);
    }

    @Test
    void plainLoginCarriesThePolicysRights() {
        byte[] creds = "\0listener\0listen-key".getBytes();
        peer = new TestPeer(OPTIONS, "PLAIN", ProtonByteArrayBufferAllocator.wrapped(creds)).open();
        peer.createQueue("q");

        Receiver receiver = peer.receiver("q", true, new ArrayList<>());
        Sender sender = peer.sender("q");

        assertThat(peer.saslOutcome).isEqualTo(SaslOutcome.SASL_OK);
        assertThat(receiver.getRemoteCondition()).isNull();
        assertRefused(sender, "Send");
    }

    @Test
    void plainWithAPolicyNameAndAnotherPolicysKeyFails() {
        byte[] creds = "\0admin\0listen-key".getBytes();
        peer = new TestPeer(OPTIONS, "PLAIN", ProtonByteArrayBufferAllocator.wrapped(creds));
        peer.connection.open();
        peer.pump();

        assertThat(peer.saslOutcome).isEqualTo(SaslOutcome.SASL_AUTH);
    }
}
