package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.LockTokens;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.SubQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Modified;
import org.apache.qpid.protonj2.types.messaging.Rejected;
import org.apache.qpid.protonj2.types.messaging.Released;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transactions.Coordinator;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sender and receiver links at frame level: attach replies, credit, drain, transfers and dispositions. */
class LinkFlowTest {
    private TestPeer peer;

    @BeforeEach
    void open() {
        peer = new TestPeer().open();
        peer.createQueue("q");
        peer.putToken("sb://localhost/");
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private void sendAll(String... bodies) {
        Sender s = peer.sender("q");
        for (String b : bodies) {
            peer.send(s, Messages.message(b), false);
        }
        peer.pump();
    }

    private static String condition(ErrorCondition e) {
        return e == null ? null : e.getCondition().toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<Symbol, Object> mixedKeys(Object... kv) {
        Map map = new java.util.LinkedHashMap();
        for (int i = 0; i < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    @Test
    void senderAttachAdvertisesTheQueueMessageSizeAndGivesCredit() {
        Sender s = peer.sender("q");

        assertThat(s.getRemoteMaxMessageSize()).isEqualTo(UnsignedLong.valueOf(256 * 1024));
        assertThat(s.getCredit()).isEqualTo(1000);
        assertThat(s.<Target>getRemoteTarget().getAddress()).isEqualTo("q");
    }

    @Test
    void acceptedTransferIsStored() {
        Sender s = peer.sender("q");

        OutgoingDelivery d = peer.send(s, Messages.message("hello", "m1", Map.of("k", 1)), false);
        peer.pump();

        assertThat(d.getRemoteState()).isInstanceOf(Accepted.class);
        assertThat(d.isRemotelySettled()).isTrue();
        assertThat(peer.broker.namespace().queue("q").peek(0, 10).join()).hasSize(1);
    }

    @Test
    void batchTransferStoresEveryInnerMessage() {
        Sender s = peer.sender("q");

        OutgoingDelivery d = peer.send(s, Messages.batch(Messages.message("a"), Messages.message("b"),
                Messages.message("c")), false, 0x80013700);
        peer.pump();

        assertThat(d.getRemoteState()).isInstanceOf(Accepted.class);
        assertThat(peer.broker.namespace().queue("q").peek(0, 10).join())
                .extracting(m -> Messages.body(m.payload())).containsExactly("a", "b", "c");
    }

    @Test
    void transfersAcceptedTogetherAreAcknowledgedWithOneRangeAndAnOutcomeOfItsOwnSplitsIt() {
        Sender s = peer.sender("q");
        int before = peer.transport.dispositionFrames;
        List<OutgoingDelivery> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(peer.send(s, Messages.message("m" + i), false));
        }
        peer.pump();
        assertThat(first).allSatisfy(d -> {
            assertThat(d.getRemoteState()).isInstanceOf(Accepted.class);
            assertThat(d.isRemotelySettled()).isTrue();
        });
        assertThat(peer.transport.dispositionFrames - before).as("one frame for 20 acknowledgements").isEqualTo(1);

        before = peer.transport.dispositionFrames;
        OutgoingDelivery a = peer.send(s, Messages.message("a"), false);
        OutgoingDelivery b = peer.send(s, Messages.message("b"), false);
        OutgoingDelivery bad = peer.send(s, new byte[] {1, 2, 3}, false);
        OutgoingDelivery c = peer.send(s, Messages.message("c"), false);
        peer.pump();
        assertThat(List.of(a, b, c)).allSatisfy(d -> assertThat(d.getRemoteState()).isInstanceOf(Accepted.class));
        assertThat(bad.getRemoteState()).isInstanceOf(Rejected.class);
        assertThat(peer.transport.dispositionFrames - before).as("a, b | the rejection | c").isEqualTo(3);
        assertThat(peer.broker.namespace().queue("q").peek(0, 100).join()).hasSize(23);
    }

    @Test
    void transferLargerThanTheLinkAllowsIsRejected() {
        peer.createQueue(QueueDescription.builder("small").maxMessageSizeInKilobytes(1).build());
        Sender s = peer.sender("small");

        OutgoingDelivery d = peer.send(s, Messages.message("x".repeat(4000)), false);
        peer.pump();

        assertThat(d.getRemoteState()).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(condition(r.getError())).isEqualTo("amqp:link:message-size-exceeded"));
        assertThat(s.isRemotelyOpen()).isTrue();
    }

    @Test
    void undecodableTransferIsRejectedAndTheLinkGoesOn() {
        Sender s = peer.sender("q");

        OutgoingDelivery bad = peer.send(s, new byte[] {1, 2, 3}, false);
        OutgoingDelivery good = peer.send(s, Messages.message("fine"), false);
        peer.pump();

        assertThat(bad.getRemoteState()).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(condition(r.getError())).isEqualTo("amqp:decode-error"));
        assertThat(good.getRemoteState()).isInstanceOf(Accepted.class);
    }

    @Test
    void unknownEntityIsRefusedWithTheWordingTheSdksMatch() {
        Sender s = peer.sender("missing");

        assertThat(s.<Target>getRemoteTarget()).isNull();
        assertThat(s.isRemotelyClosed()).isTrue();
        assertThat(condition(s.getRemoteCondition())).isEqualTo("amqp:not-found");
        assertThat(s.getRemoteCondition().getDescription())
                .contains("The messaging entity 'sbemulatorns:Queue:missing' could not be found");
    }

    @Test
    void sendingToADeadLetterQueueIsNotAllowed() {
        Sender s = peer.sender("q/$DeadLetterQueue");

        assertThat(condition(s.getRemoteCondition())).isEqualTo("amqp:not-allowed");
    }

    @Test
    void receiverAttachEchoesTerminiAndModes() {
        Receiver r = peer.receiver("q", true, new ArrayList<>());

        assertThat(r.getRemoteSource().getAddress()).isEqualTo("q");
        assertThat(r.<Target>getRemoteTarget().getAddress()).isEqualTo("client-q");
        assertThat(r.getRemoteSenderSettleMode()).isEqualTo(SenderSettleMode.UNSETTLED);
        assertThat(r.getRemoteReceiverSettleMode()).isEqualTo(ReceiverSettleMode.SECOND);
    }

    @Test
    void peekLockDeliveryCarriesTheLockAndTheBrokerAnnotations() {
        sendAll("hello");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("q", true, got);

        r.addCredit(1);
        peer.pump();

        assertThat(got).hasSize(1);
        IncomingDelivery d = got.get(0);
        byte[] m = AmqpConnection.readAll(d);
        UUID token = LockTokens.fromDeliveryTag(d.getTag().tagBytes());
        assertThat(d.isSettled()).isFalse();
        assertThat(Messages.deliveryAnnotation(m, "x-opt-lock-token")).isEqualTo(token);
        assertThat(Messages.annotation(m, "x-opt-sequence-number")).isEqualTo(1L);
        assertThat(Messages.annotation(m, "x-opt-enqueued-time")).isInstanceOf(Instant.class);
        assertThat(Messages.annotation(m, "x-opt-locked-until")).isInstanceOf(Instant.class);
        assertThat(Messages.annotation(m, "x-opt-message-state")).isEqualTo(0);
        assertThat(Messages.annotation(m, "x-custom")).isEqualTo("kept");
        assertThat(Messages.header(m).getDeliveryCount()).isZero();
        assertThat(Messages.header(m).isDurable()).isTrue();
        assertThat(Messages.body(m)).isEqualTo("hello");
    }

    @Test
    void creditIsNeverExceeded() {
        sendAll("1", "2", "3", "4", "5");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("q", true, got);

        r.addCredit(2);
        peer.pump();
        assertThat(got).hasSize(2);
        r.addCredit(1);
        peer.pump();

        assertThat(got).hasSize(3);
    }

    @Test
    void drainDeliversWhatThereIsThenConsumesTheRest() {
        sendAll("1", "2", "3");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("q", false, got);

        r.drain(10);
        peer.pump();

        assertThat(got).hasSize(3);
        assertThat(got).allSatisfy(d -> assertThat(d.isRemotelySettled()).isTrue());
        assertThat(r.getCredit()).isZero();
        assertThat(r.isDraining()).isFalse();
        assertThat(peer.broker.namespace().queue("q").peek(0, 10).join()).isEmpty();
    }

    @Test
    void aDrainThatArrivesAfterItsCreditWasUsedNeedsNothingAndTheNextCreditsMessageComesFirst() {
        sendAll("1", "2");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("q", true, got);

        // Credit 1, and the server sends message 1 at once; the client drains before it has seen that transfer, so
        // its drain reaches a link whose credit is already used up.
        r.addCredit(1);
        while (!peer.transport.toServer.isEmpty()) {
            peer.server.ingest(peer.transport.toServer.poll());
        }
        while (!peer.transport.tasks.isEmpty()) {
            peer.transport.tasks.poll().run();
        }
        r.drain();
        peer.pump(); // before the fix, the server drained its core receiver over and over: never quiet

        assertThat(got).hasSize(1);
        assertThat(r.getCredit()).isZero();
        assertThat(r.isDraining()).isFalse();

        // The next round (credit, then drain) gets message 2 before the drain's answer, within its credit.
        got.get(0).disposition(Accepted.getInstance(), true);
        r.addCredit(1);
        r.drain();
        peer.pump();

        assertThat(got).hasSize(2);
        assertThat(Messages.body(AmqpConnection.readAll(got.get(1)))).isEqualTo("2");
        assertThat(r.getCredit()).isZero();
        assertThat(r.isDraining()).isFalse();
    }

    @Test
    void outcomesAreEchoedWithTheSameTypeAndApplied() {
        sendAll("complete", "abandon", "defer", "deadletter", "release");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("q", true, got);
        r.addCredit(5);
        peer.pump();

        got.get(0).disposition(Accepted.getInstance());
        got.get(1).disposition(new Modified(false, false, Map.of(Symbol.valueOf("reason"), "retry")));
        got.get(2).disposition(new Modified(false, true));
        got.get(3).disposition(new Rejected(new ErrorCondition(Symbol.valueOf("com.microsoft:dead-letter"), null,
                Map.of(Symbol.valueOf("DeadLetterReason"), "Bad", Symbol.valueOf("DeadLetterErrorDescription"), "why"))));
        got.get(4).disposition(Released.getInstance());
        peer.pump();

        assertThat(got.get(0).getRemoteState()).isInstanceOf(Accepted.class);
        assertThat(got.get(1).getRemoteState()).isInstanceOf(Modified.class);
        assertThat(got.get(2).getRemoteState()).isInstanceOf(Modified.class);
        assertThat(got.get(3).getRemoteState()).isInstanceOfSatisfying(Rejected.class,
                rej -> assertThat(rej.getError()).isNull());
        assertThat(got.get(4).getRemoteState()).isInstanceOf(Released.class);
        assertThat(got).allSatisfy(d -> assertThat(d.isRemotelySettled()).isTrue());

        var dead = peer.broker.namespace().endpoint("q", SubQueue.DEAD_LETTER).peek(0, 10).join();
        assertThat(dead).hasSize(1);
        assertThat(Messages.applicationProperty(dead.get(0).payload(), "DeadLetterReason")).isNull();
        assertThat(dead.get(0).meta().deadLetterReason()).isEqualTo("Bad");
        assertThat(dead.get(0).meta().deadLetterDescription()).isEqualTo("why");

        r.addCredit(5);
        peer.pump();
        // The abandoned and the released message come back; the deferred one does not.
        List<IncomingDelivery> again = got.subList(5, got.size());
        assertThat(again).extracting(d -> Messages.body(AmqpConnection.readAll(d)))
                .containsExactlyInAnyOrder("abandon", "release");
    }

    @Test
    void outcomesTheClientSettledAreAppliedWithoutAnAnswer() {
        sendAll("complete", "deadletter", "abandon");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("q", true, got);
        r.addCredit(3);
        peer.pump();

        got.get(0).disposition(Accepted.getInstance(), true);
        got.get(1).disposition(new Rejected(new ErrorCondition(Symbol.valueOf("com.microsoft:dead-letter"), null,
                Map.of(Symbol.valueOf("DeadLetterReason"), "Bad"))), true);
        got.get(2).disposition(new Modified(false, false), true);
        peer.pump();

        // Nothing comes back for a settled outcome, but each one was applied.
        assertThat(got).allSatisfy(d -> assertThat(d.getRemoteState()).isNull());
        var dead = peer.broker.namespace().endpoint("q", SubQueue.DEAD_LETTER).peek(0, 10).join();
        assertThat(dead).extracting(m -> m.meta().deadLetterReason()).containsExactly("Bad");
        r.addCredit(3);
        peer.pump();
        assertThat(got.subList(3, got.size())).extracting(d -> Messages.body(AmqpConnection.readAll(d)))
                .containsExactly("abandon");
    }

    @Test
    void abandonedMessageComesBackCountedWithItsNewProperties() {
        sendAll("again");
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("q", true, got);
        r.addCredit(1);
        peer.pump();

        // Keys may be symbols (.NET) or strings (Java, as here for "count").
        got.get(0).disposition(new Modified(true, false, mixedKeys(Symbol.valueOf("note"), "x", "count", 2)));
        r.addCredit(1);
        peer.pump();

        byte[] m = AmqpConnection.readAll(got.get(1));
        assertThat(Messages.header(m).getDeliveryCount()).isEqualTo(1);
        assertThat(Messages.applicationProperty(m, "note")).isEqualTo("x");
        assertThat(Messages.applicationProperty(m, "count")).isEqualTo(2);
    }

    @Test
    void settlingAfterTheLockExpiredIsRejectedWithLockLost() {
        peer.createQueue(QueueDescription.builder("short").lockDuration(Duration.ofSeconds(5)).build());
        Sender s = peer.sender("short");
        peer.send(s, Messages.message("x"), false);
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("short", true, got);
        r.addCredit(1);
        peer.pump();

        peer.advance(Duration.ofSeconds(6));
        got.get(0).disposition(Accepted.getInstance());
        peer.pump();

        assertThat(got.get(0).getRemoteState()).isInstanceOfSatisfying(Rejected.class,
                rej -> assertThat(condition(rej.getError())).isEqualTo("com.microsoft:message-lock-lost"));
    }

    @Test
    void deletingTheQueueDetachesItsReceivers() {
        Receiver r = peer.receiver("q", true, new ArrayList<>());

        peer.broker.namespace().deleteQueue("q").join();
        peer.pump();

        assertThat(r.isRemotelyClosed()).isTrue();
        assertThat(condition(r.getRemoteCondition())).isEqualTo("amqp:not-found");
    }

    @Test
    void transferDeadLetterQueueIsReceivable() {
        Receiver r = peer.receiver("q/$Transfer/$DeadLetterQueue", true, new ArrayList<>());

        assertThat(r.getRemoteCondition()).isNull();
        assertThat(r.getRemoteSource().getAddress()).isEqualTo("q/$Transfer/$DeadLetterQueue");
    }

    @Test
    void receivingFromAReceiveDisabledQueueIsRefusedAsDisabled() {
        peer.createQueue(QueueDescription.builder("off").status(dev.omnibus.core.EntityStatus.RECEIVE_DISABLED).build());

        Receiver r = peer.receiver("off", true, new ArrayList<>());

        assertThat(r.getRemoteSource()).isNull();
        assertThat(condition(r.getRemoteCondition())).isEqualTo("com.microsoft:entity-disabled");
    }

    @Test
    void transactionCoordinatorsAreRefusedAsNotImplemented() {
        Sender coordinator = peer.session.sender("coordinator").setSource(new Source())
                .setTarget(new Coordinator().setCapabilities(Symbol.valueOf("amqp:local-transactions"))).open();
        peer.pump();

        assertThat(coordinator.isRemotelyClosed()).isTrue();
        assertThat(condition(coordinator.getRemoteCondition())).isEqualTo("amqp:not-implemented");
    }
}
