package dev.omnibus.core;

import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardingTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void forwardToMovesArrivingMessagesToTheTarget() {
        QueueEndpoint target = h.queue("target");
        QueueEndpoint source = h.queue("source", b -> b.forwardTo("TARGET"));
        CoreHarness.send(source, "a", "b");
        assertThat(receive(source, 5)).isEmpty();
        assertThat(bodies(receive(target, 5))).containsExactly("a", "b");
    }

    @Test
    void chainsUpToFourHopsThenTransferDeadLetters() {
        h.queue("q5");
        h.queue("q4", b -> b.forwardTo("q5"));
        h.queue("q3", b -> b.forwardTo("q4"));
        h.queue("q2", b -> b.forwardTo("q3"));
        h.queue("q1", b -> b.forwardTo("q2"));
        h.queue("q0", b -> b.forwardTo("q1"));
        CoreHarness.send(h.ns().queue("q1"), "four hops");
        assertThat(bodies(receive(h.ns().queue("q5"), 5))).containsExactly("four hops");
        CoreHarness.send(h.ns().queue("q0"), "five hops");
        assertThat(receive(h.ns().queue("q5"), 5)).isEmpty();
        ReceivedMessage dead = receive(h.ns().endpoint("q4", SubQueue.TRANSFER_DEAD_LETTER), 5).get(0);
        assertThat(dead.meta().deadLetterReason()).isEqualTo("MaxTransferHopCountExceeded");
    }

    @Test
    void aMissingTargetSendsToTheTransferDeadLetterQueue() {
        h.queue("target");
        QueueEndpoint source = h.queue("source", b -> b.forwardTo("target"));
        h.ns().deleteQueue("target").join();
        CoreHarness.send(source, "lost target");
        assertThat(h.ns().queueRuntimeInfo("source").join().transferDeadLetterMessageCount()).isEqualTo(1);
        QueueEndpoint tdlq = h.ns().endpoint("source", SubQueue.TRANSFER_DEAD_LETTER);
        ReceivedMessage dead = receive(tdlq, 5).get(0);
        assertThat(CoreHarness.body(dead)).isEqualTo("lost target");
        assertThat(dead.meta().deadLetterReason()).isEqualTo("MessagingEntityNotFound");
    }

    @Test
    void deadLettersMoveToForwardDeadLetteredMessagesTo() {
        QueueEndpoint archive = h.queue("archive");
        QueueEndpoint q = h.queue("q", b -> b.forwardDeadLetteredMessagesTo("archive"));
        CoreHarness.send(q, "bad");
        q.deadLetter(receive(q, 1).get(0).lockToken(), "Poison", "cannot parse", Map.of()).join();
        assertThat(receive(h.ns().endpoint("q", SubQueue.DEAD_LETTER), 5)).isEmpty();
        ReceivedMessage moved = receive(archive, 5).get(0);
        assertThat(CoreHarness.body(moved)).isEqualTo("bad");
        assertThat(moved.meta().deadLetterReason()).isEqualTo("Poison");
        assertThat(moved.meta().deadLetterSource()).isEqualTo("q");
        assertThat(moved.meta().enqueueSequenceNumber()).isEqualTo(1);
        assertThat(h.ns().queueRuntimeInfo("q").join().sizeInBytes()).isZero();
        assertThat(h.ns().queueRuntimeInfo("archive").join().activeMessageCount()).isEqualTo(1);
    }

    @Test
    void forwardedSendsObeyTheTargetsRules() {
        h.queue("target", b -> b.maxMessageSizeInKilobytes(1));
        QueueEndpoint source = h.queue("source", b -> b.forwardTo("target"));
        BrokerAssertions.failure(source.send(List.of(IncomingMessage.builder(new byte[2048]).build())));
        assertThat(receive(h.ns().queue("target"), 5)).isEmpty();
    }
}
