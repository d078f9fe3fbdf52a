package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.SasToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.engine.sasl.SaslOutcome;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SASL and the {@code $cbs} node at frame level: response types, token validation, what a token authorizes. */
class CbsNodeTest {
    private TestPeer peer;

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
    }

    private static int status(List<Object> response) {
        return (Integer) ((ApplicationProperties) response.get(1)).getValue().get("status-code");
    }

    @Test
    void anonymousAndMssbcbsSucceed() {
        peer = new TestPeer("MSSBCBS", null).open();
        assertThat(peer.saslOutcome).isEqualTo(SaslOutcome.SASL_OK);
        assertThat(peer.connection.isRemotelyOpen()).isTrue();
    }

    @Test
    void plainWithTheKeySucceedsAndAuthorizesTheNamespace() {
        byte[] creds = ("\0" + TestPeer.KEY_NAME + "\0" + TestPeer.KEY).getBytes();
        peer = new TestPeer("PLAIN", org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator.wrapped(creds))
                .open();
        peer.createQueue("q");

        Sender s = peer.sender("q");

        assertThat(peer.saslOutcome).isEqualTo(SaslOutcome.SASL_OK);
        assertThat(s.getRemoteCondition()).isNull();
        assertThat(s.isRemotelyOpen()).isTrue();
    }

    @Test
    void plainWithAWrongPasswordFails() {
        byte[] creds = ("\0" + TestPeer.KEY_NAME + "\0nope").getBytes();
        peer = new TestPeer("PLAIN", org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator.wrapped(creds));
        peer.connection.open();
        peer.pump();
        assertThat(peer.saslOutcome).isEqualTo(SaslOutcome.SASL_AUTH);
    }

    @Test
    void putTokenAnswersWithAnIntStatusAndTheRequestIdUnchanged() {
        peer = new TestPeer().open();

        List<Object> response = peer.putToken("amqp://localhost/q");

        Properties p = (Properties) response.get(0);
        assertThat(p.getCorrelationId()).isEqualTo(UnsignedLong.valueOf(1));
        assertThat(((ApplicationProperties) response.get(1)).getValue())
                .containsEntry("status-code", 200).containsEntry("status-description", "OK");
    }

    @Test
    void correlationIdKeepsStringAndUuidTypes() {
        peer = new TestPeer().open();
        String token = SasToken.create("sb://localhost/q", TestPeer.KEY_NAME, TestPeer.KEY,
                Instant.now().plusSeconds(60)).text();
        Map<String, Object> props = Map.of("operation", "put-token", "type", "servicebus.windows.net:sastoken",
                "name", "sb://localhost/q");
        UUID uuid = UUID.randomUUID();

        Object fromString = ((Properties) peer.cbs().request("duplex:1", "cbs-client-reply-to", props, token).get(0))
                .getCorrelationId();
        Object fromUuid = ((Properties) peer.cbs().request(uuid, "cbs-client-reply-to", props, token).get(0))
                .getCorrelationId();

        assertThat(fromString).isEqualTo("duplex:1");
        assertThat(fromUuid).isEqualTo(uuid);
    }

    @Test
    void everyAudienceFormIsAccepted() {
        peer = new TestPeer().open();
        for (String audience : List.of("amqp://localhost/q", "sb://localhost:5672/q", "https://localhost/q",
                "sb://localhost/q/$management", "amqps://host.example:5671/Q")) {
            assertThat(status(peer.putToken(audience))).as(audience).isEqualTo(200);
        }
    }

    @Test
    void badSignatureExpiredTokenAndUnknownKeyAre401() {
        peer = new TestPeer().open();
        String audience = "amqp://localhost/q";
        String wrongKey = SasToken.create(audience, TestPeer.KEY_NAME, "other", Instant.now().plusSeconds(60)).text();
        String expired = SasToken.create(audience, TestPeer.KEY_NAME, TestPeer.KEY, Instant.now().minusSeconds(1)).text();
        String unknownName = SasToken.create(audience, "Someone", TestPeer.KEY, Instant.now().plusSeconds(60)).text();

        assertThat(status(peer.putToken(audience, wrongKey))).isEqualTo(401);
        assertThat(status(peer.putToken(audience, expired))).isEqualTo(401);
        assertThat(status(peer.putToken(audience, unknownName))).isEqualTo(401);
        assertThat(status(peer.putToken(audience, "not a token"))).isEqualTo(401);
    }

    @Test
    void aTokenForOneQueueDoesNotOpenAnother() {
        peer = new TestPeer().open();
        peer.createQueue("a");
        peer.createQueue("b");
        peer.putToken("amqp://localhost/a");

        Sender toA = peer.sender("a");
        Sender toB = peer.sender("b");

        assertThat(toA.getRemoteCondition()).isNull();
        assertThat(toB.isRemotelyClosed()).isTrue();
        assertThat(toB.getRemoteCondition().getCondition().toString()).isEqualTo("amqp:unauthorized-access");
        assertThat(toB.<org.apache.qpid.protonj2.types.messaging.Target>getRemoteTarget()).isNull();
    }

    @Test
    void aNamespaceTokenOpensEverything() {
        peer = new TestPeer().open();
        peer.createQueue("a");
        peer.createQueue("b");
        peer.putToken("sb://localhost/");

        List<IncomingDelivery> got = new ArrayList<>();
        Receiver fromB = peer.receiver("b/$DeadLetterQueue", true, got);

        assertThat(peer.sender("a").getRemoteCondition()).isNull();
        assertThat(fromB.getRemoteCondition()).isNull();
        assertThat(fromB.isRemotelyOpen()).isTrue();
    }

    @Test
    void anExpiredGrantNoLongerOpensLinks() {
        peer = new TestPeer().open();
        peer.createQueue("q");
        String token = SasToken.create("amqp://localhost/q", TestPeer.KEY_NAME, TestPeer.KEY,
                Instant.ofEpochMilli(peer.time.now()).plusSeconds(60)).text();
        assertThat(status(peer.putToken("amqp://localhost/q", token))).isEqualTo(200);
        assertThat(peer.sender("q").getRemoteCondition()).isNull();

        peer.advance(java.time.Duration.ofSeconds(61));

        assertThat(peer.sender("q").getRemoteCondition().getCondition().toString())
                .isEqualTo("amqp:unauthorized-access");
    }

    @Test
    void linksWithoutATokenAreRefused() {
        peer = new TestPeer().open();
        peer.createQueue("q");

        Receiver r = peer.receiver("q", true, new ArrayList<>());

        assertThat(r.getRemoteCondition().getCondition().toString()).isEqualTo("amqp:unauthorized-access");
        assertThat(r.getRemoteSource()).isNull();
    }
}
