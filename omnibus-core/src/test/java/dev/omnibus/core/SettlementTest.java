package dev.omnibus.core;

import static dev.omnibus.core.BrokerAssertions.failsWith;
import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.ServiceBusError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SettlementTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void abandonCanModifyApplicationProperties() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "m");
        q.abandon(receive(q, 1).get(0).lockToken(), Map.of("attempt", 1L, "note", "retry")).join();
        ReceivedMessage again = receive(q, 1).get(0);
        assertThat(again.meta().propertyChanges()).containsEntry("attempt", 1L).containsEntry("note", "retry");
        q.abandon(again.lockToken(), Map.of("attempt", 2L)).join();
        assertThat(receive(q, 1).get(0).meta().propertyChanges()).containsEntry("attempt", 2L)
                .containsEntry("note", "retry");
    }

    @Test
    void completeSettledRemovesTheLockedMessagesAndSkipsLostLocks() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "a", "b", "c");
        List<ReceivedMessage> got = receive(q, 2);
        q.completeSettled(List.of(got.get(0).lockToken(), UUID.randomUUID(), got.get(1).lockToken()));

        // The mailbox runs in order: the peek sees what the settlement did.
        assertThat(bodies(q.peek(0, 10).join())).containsExactly("c");
        assertThat(h.ns().queueRuntimeInfo("q").join().activeMessageCount()).isEqualTo(1);
    }

    @Test
    void deadLetterMovesWithReasonDescriptionAndProperties() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "bad");
        q.deadLetter(receive(q, 1).get(0).lockToken(), "Invalid", "Missing field", Map.of("by", "test")).join();
        assertThat(receive(q, 1)).isEmpty();
        QueueEndpoint dlq = h.ns().endpoint("q", SubQueue.DEAD_LETTER);
        ReceivedMessage dead = receive(dlq, 1).get(0);
        assertThat(CoreHarness.body(dead)).isEqualTo("bad");
        assertThat(dead.meta().deadLetterReason()).isEqualTo("Invalid");
        assertThat(dead.meta().deadLetterDescription()).isEqualTo("Missing field");
        assertThat(dead.meta().propertyChanges()).containsEntry("by", "test");
        assertThat(dead.meta().deadLetterSource()).as("set only for forwarded dead letters").isNull();
        dlq.complete(dead.lockToken()).join();
        assertThat(dlq.peek(0, 5).join()).isEmpty();
    }

    @Test
    void deadLetterQueueIsReceivedPeekedAndSettledLikeAQueue() {
        QueueEndpoint q = h.queue("q", b -> b.lockDuration(Duration.ofSeconds(5)).maxDeliveryCount(1));
        CoreHarness.send(q, "a", "b");
        for (ReceivedMessage m : receive(q, 2)) {
            q.deadLetter(m.lockToken(), "r", "d", Map.of()).join();
        }
        QueueEndpoint dlq = h.ns().endpoint("q", SubQueue.DEAD_LETTER);
        assertThat(dlq.peek(0, 10).join()).extracting(ReceivedMessage::sequenceNumber).containsExactly(1L, 2L);
        ReceivedMessage a = receive(dlq, 1).get(0);
        dlq.abandon(a.lockToken(), Map.of()).join();
        h.advance(Duration.ofSeconds(5));
        List<ReceivedMessage> again = receive(dlq, 5);
        assertThat(bodies(again)).as("no delivery limit in the dead-letter queue").containsExactly("a", "b");
        again.forEach(m -> dlq.complete(m.lockToken()).join());
        assertThat(h.ns().queueRuntimeInfo("q").join().deadLetterMessageCount()).isZero();
    }

    @Test
    void deferredMessagesAreReceivedOnlyBySequenceNumber() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "later", "now");
        ReceivedMessage later = receive(q, 1).get(0);
        q.defer(later.lockToken(), Map.of("deferred", true)).join();
        assertThat(bodies(receive(q, 5))).as("the deferred message is skipped").containsExactly("now");

        List<ReceivedMessage> byNumber = q.receiveDeferred(new long[] {later.sequenceNumber()},
                ReceiveMode.PEEK_LOCK).join();
        assertThat(bodies(byNumber)).containsExactly("later");
        ReceivedMessage m = byNumber.get(0);
        assertThat(m.meta().state()).isEqualTo(MessageState.DEFERRED);
        assertThat(m.meta().propertyChanges()).containsEntry("deferred", true);
        assertThat(m.lockToken()).isNotNull();
        q.complete(m.lockToken()).join();
        failsWith(q.receiveDeferred(new long[] {later.sequenceNumber()}, ReceiveMode.PEEK_LOCK),
                ServiceBusError.MESSAGE_NOT_FOUND);
    }

    @Test
    void abandoningADeferredMessageKeepsItDeferred() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "m");
        ReceivedMessage m = receive(q, 1).get(0);
        q.defer(m.lockToken(), Map.of()).join();
        ReceivedMessage byNumber = q.receiveDeferred(new long[] {m.sequenceNumber()}, ReceiveMode.PEEK_LOCK).join().get(0);
        assertThat(byNumber.meta().deliveryCount()).isEqualTo(1);
        q.abandon(byNumber.lockToken(), Map.of()).join();
        assertThat(receive(q, 5)).isEmpty();
        assertThat(q.receiveDeferred(new long[] {m.sequenceNumber()}, ReceiveMode.RECEIVE_AND_DELETE).join())
                .hasSize(1);
        assertThat(q.peek(0, 5).join()).isEmpty();
    }

    @Test
    void unknownSequenceNumberFailsTheWholeDeferredReceive() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "m");
        ReceivedMessage m = receive(q, 1).get(0);
        q.defer(m.lockToken(), Map.of()).join();
        failsWith(q.receiveDeferred(new long[] {m.sequenceNumber(), 99}, ReceiveMode.PEEK_LOCK),
                ServiceBusError.MESSAGE_NOT_FOUND);
        assertThat(q.receiveDeferred(new long[] {m.sequenceNumber()}, ReceiveMode.PEEK_LOCK).join()).hasSize(1);
    }
}
