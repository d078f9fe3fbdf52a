package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.LockTokens;
import dev.omnibus.core.QueueDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Link;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.engine.Session;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Links that carry nothing for the link idle timeout are detached with {@code amqp:link:detach-forced} and Service
 * Bus's wording; traffic (transfers, flows, dispositions, lock renewals through {@code $management}) keeps a link.
 * The broker and the connection's timers run on a manual clock, so every step is exact.
 */
@Timeout(20)
class IdleLinkTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private TestPeer peer;

    private TestPeer open(AmqpServerOptions options) {
        peer = new TestPeer(options).open();
        peer.createQueue(QueueDescription.builder("q").lockDuration(Duration.ofMinutes(5)).build());
        peer.createQueue("other");
        peer.putToken("sb://localhost/");
        return peer;
    }

    private TestPeer open() {
        return open(AmqpServerOptions.defaults());
    }

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
    }

    /** Puts messages into a queue through the core, so no sender link is involved. */
    private void enqueue(String queue, String... bodies) {
        List<dev.omnibus.core.IncomingMessage> messages = new ArrayList<>();
        for (String body : bodies) {
            messages.addAll(MessageReader.readTransfer(Messages.message(body), 0));
        }
        peer.broker.namespace().queue(queue).send(messages).join();
        peer.pump();
    }

    private static String condition(Link<?> link) {
        return link.getRemoteCondition() == null ? null : link.getRemoteCondition().getCondition().toString();
    }

    @Test
    void anIdleReceiverIsForceDetachedWithServiceBusWording() {
        open();
        Receiver idle = peer.receiver("q", true, new ArrayList<>());
        idle.addCredit(10);
        peer.pump();

        peer.advance(TEN_MINUTES.minusMillis(1));
        assertThat(idle.isRemotelyOpen()).as("not yet").isTrue();

        peer.advance(Duration.ofMillis(1));
        assertThat(idle.isRemotelyClosed()).as("detached with closed=true").isTrue();
        assertThat(condition(idle)).isEqualTo("amqp:link:detach-forced");
        assertThat(idle.getRemoteCondition().getDescription()).matches("The link '" + idle.getName()
                + "' is force detached\\. Code: consumer\\(link\\d+\\)\\. Details: "
                + "AmqpMessageConsumer\\.IdleTimerExpired: Idle timeout: 00:10:00\\.");
        assertThat(peer.idleLinksDetached).isEqualTo(1);
    }

    @Test
    void anActiveReceiverStaysWhileAnIdleOneGoes() {
        open();
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver active = peer.receiver("q", true, got);
        Receiver idle = peer.receiver("other", true, new ArrayList<>());
        active.addCredit(10);
        idle.addCredit(10);
        peer.pump();

        peer.advance(Duration.ofMinutes(6));
        enqueue("q", "a");                                     // minute 6: a transfer to the client
        peer.advance(Duration.ofMinutes(3));
        got.get(0).disposition(Accepted.getInstance());        // minute 9: a disposition from the client
        peer.pump();
        assertThat(got.get(0).getRemoteState()).isInstanceOf(Accepted.class);
        peer.advance(Duration.ofMinutes(3));
        assertThat(idle.isRemotelyClosed()).as("minute 12: idle since 0").isTrue();
        assertThat(active.isRemotelyOpen()).isTrue();

        peer.advance(Duration.ofMinutes(6));
        active.addCredit(1);                                   // minute 18: a flow from the client
        peer.pump();
        peer.advance(Duration.ofMinutes(9));
        assertThat(active.isRemotelyOpen()).as("minute 27").isTrue();

        peer.advance(Duration.ofMinutes(1));
        assertThat(active.isRemotelyClosed()).as("minute 28: ten minutes after its last flow").isTrue();
        assertThat(condition(active)).isEqualTo("amqp:link:detach-forced");
        assertThat(peer.idleLinksDetached).isEqualTo(2);
    }

    @Test
    void anIdleSenderIsForceDetachedAsAPublisherAndSendingKeepsItAttached() {
        open();
        Sender busy = peer.sender("q");
        Sender idle = peer.sender("other");

        for (int i = 0; i < 3; i++) {
            peer.advance(Duration.ofMinutes(6));
            peer.send(busy, Messages.message("m" + i), false);
            peer.pump();
        }

        assertThat(busy.isRemotelyOpen()).isTrue();
        assertThat(idle.isRemotelyClosed()).isTrue();
        assertThat(condition(idle)).isEqualTo("amqp:link:detach-forced");
        assertThat(idle.getRemoteCondition().getDescription()).contains("Code: publisher(link")
                .endsWith("Details: AmqpMessagePublisher.IdleTimerExpired: Idle timeout: 00:10:00.");
        assertThat(peer.broker.namespace().queue("q").peek(0, 10).join()).hasSize(3);
    }

    @Test
    void renewingALockThroughManagementKeepsTheReceiverThatHoldsItAttached() {
        open();
        enqueue("q", "long job");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver receiver = peer.receiver("q", true, got);
        receiver.addCredit(1);
        peer.pump();
        UUID token = LockTokens.fromDeliveryTag(got.get(0).getTag().tagBytes());
        TestPeer.Node mgmt = peer.node("q/$management", "q/reply");

        for (int i = 0; i < 5; i++) {
            peer.advance(Duration.ofMinutes(4));
            // As the SDKs do, the token is refreshed before it expires: management operations check it.
            peer.putToken("sb://localhost/", dev.omnibus.amqp.SasToken.create("sb://localhost/", TestPeer.KEY_NAME,
                    TestPeer.KEY, java.time.Instant.ofEpochMilli(peer.time.now()).plusSeconds(600)).text());
            List<Object> renewed = mgmt.request(UnsignedLong.valueOf(i), "q/reply",
                    Map.of("operation", "com.microsoft:renew-lock"), Map.of("lock-tokens", new UUID[] {token}));
            assertThat(((ApplicationProperties) renewed.get(1)).getValue()).containsEntry("statusCode", 200);
        }

        assertThat(receiver.isRemotelyOpen()).as("20 minutes, renewed every 4").isTrue();
        got.get(0).disposition(Accepted.getInstance());
        peer.pump();
        assertThat(got.get(0).getRemoteState()).isInstanceOf(Accepted.class);
    }

    @Test
    void cbsAndManagementLinksAreNeverDetached() {
        open();
        TestPeer.Node mgmt = peer.node("q/$management", "q/reply");

        peer.advance(Duration.ofHours(1));

        assertThat(peer.cbs().requests.isRemotelyOpen()).isTrue();
        assertThat(peer.cbs().responses.isRemotelyOpen()).isTrue();
        assertThat(mgmt.requests.isRemotelyOpen()).isTrue();
        assertThat(mgmt.responses.isRemotelyOpen()).isTrue();
        assertThat(peer.idleLinksDetached).isZero();
        assertThat(((ApplicationProperties) mgmt.request(UnsignedLong.valueOf(1), "q/reply",
                Map.of("operation", "com.microsoft:peek-message"), Map.of("from-sequence-number", 0L,
                        "message-count", 1)).get(1)).getValue()).containsKey("statusCode");
    }

    @Test
    void forceDetachingReleasesTheLocksTheLinkHeld() {
        open(AmqpServerOptions.defaults().withLinkIdleTimeout(Duration.ofMinutes(2)));
        enqueue("q", "held");
        List<IncomingDelivery> first = new ArrayList<>();
        Receiver idle = peer.receiver("q", true, first);
        idle.addCredit(1);
        peer.pump();
        assertThat(first).hasSize(1);

        peer.advance(Duration.ofMinutes(2));
        assertThat(idle.isRemotelyClosed()).isTrue();

        List<IncomingDelivery> again = new ArrayList<>();
        Receiver next = peer.receiver("q", true, again);
        next.addCredit(1);
        peer.pump();
        assertThat(again).as("available again long before its five-minute lock would end").hasSize(1);
        assertThat(Messages.header(AmqpConnection.readAll(again.get(0))).getDeliveryCount()).isEqualTo(1);
        assertThat(idle.getRemoteCondition().getDescription()).endsWith("Idle timeout: 00:02:00.");
    }

    @Test
    void zeroSwitchesIdleDetachingOff() {
        open(AmqpServerOptions.defaults().withLinkIdleTimeout(Duration.ZERO));
        Receiver receiver = peer.receiver("q", true, new ArrayList<>());
        Sender sender = peer.sender("q");

        peer.advance(Duration.ofHours(2));

        assertThat(receiver.isRemotelyOpen()).isTrue();
        assertThat(sender.isRemotelyOpen()).isTrue();
        assertThat(peer.idleLinksDetached).isZero();
    }

    @Test
    void linksOfASessionThatEndedAreForgottenNotDetached() {
        open();
        Session other = peer.connection.session().open();
        Sender orphan = other.sender("orphan").setSource(new Source()).setTarget(new Target().setAddress("q"))
                .open();
        Receiver kept = peer.receiver("other", true, new ArrayList<>());
        peer.pump();
        assertThat(orphan.isRemotelyOpen()).isTrue();

        other.close();
        peer.pump();
        peer.advance(TEN_MINUTES);

        assertThat(kept.isRemotelyClosed()).isTrue();
        assertThat(peer.idleLinksDetached).as("only the link still in an open session").isEqualTo(1);
    }

    @Test
    void timeSpansAreWrittenAsDotNetWritesThem() {
        assertThat(IdleLinks.timeSpan(TEN_MINUTES)).isEqualTo("00:10:00");
        assertThat(IdleLinks.timeSpan(Duration.ofSeconds(2))).isEqualTo("00:00:02");
        assertThat(IdleLinks.timeSpan(Duration.ofMillis(1500))).isEqualTo("00:00:01.5000000");
        assertThat(IdleLinks.timeSpan(Duration.ofHours(26))).isEqualTo("1.02:00:00");
    }
}
