package dev.omnibus.core;

import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.messageBuilder;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recovery through the store: entities, messages and their states come back; locks do not. */
class RestartTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void recoversEveryEntityAndMessageExactly() {
        QueueEndpoint q = h.queue("q", b -> b.maxDeliveryCount(5).lockDuration(Duration.ofSeconds(30)));
        h.queue("other");
        CoreHarness.send(q, "a", "b", "c", "d");
        q.send(List.of(messageBuilder("s").scheduledEnqueueTime(Instant.ofEpochMilli(h.time.now())
                .plus(Duration.ofMinutes(1))).build())).join();
        List<ReceivedMessage> got = receive(q, 4);
        q.complete(got.get(0).lockToken()).join();
        q.abandon(got.get(1).lockToken(), Map.of("k", "v")).join();
        q.defer(got.get(2).lockToken(), Map.of()).join();
        // d stays locked across the restart

        h.restart();
        Namespace ns = h.ns();
        assertThat(ns.listQueues()).extracting(QueueDescription::name).containsExactly("other", "q");
        assertThat(ns.getQueue("q").orElseThrow().maxDeliveryCount()).isEqualTo(5);
        QueueEndpoint after = ns.queue("q");
        List<ReceivedMessage> peeked = after.peek(0, 10).join();
        assertThat(bodies(peeked)).containsExactly("b", "c", "d", "s");
        assertThat(peeked).extracting(m -> m.meta().state()).containsExactly(MessageState.ACTIVE,
                MessageState.DEFERRED, MessageState.ACTIVE, MessageState.SCHEDULED);

        List<ReceivedMessage> again = receive(after, 5);
        assertThat(bodies(again)).as("the lock on d was dropped").containsExactly("b", "d");
        assertThat(again.get(0).meta().propertyChanges()).containsEntry("k", "v");
        assertThat(again).extracting(m -> m.meta().deliveryCount()).as("delivery counts kept").containsExactly(1, 1);
        again.forEach(m -> after.complete(m.lockToken()).join());

        h.advance(Duration.ofMinutes(1));
        assertThat(bodies(receive(after, 5))).as("the schedule survives").containsExactly("s");
    }

    @Test
    void sequenceNumbersAreNeverReused() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "1", "2", "3");
        receive(q, ReceiveMode.RECEIVE_AND_DELETE, 3);
        h.restart();
        CoreHarness.send(h.ns().queue("q"), "4");
        assertThat(receive(h.ns().queue("q"), 1).get(0).sequenceNumber()).isEqualTo(4);
    }

    @Test
    void newEntitiesGetFreshIdsAfterARestart() {
        h.queue("first");
        CoreHarness.send(h.ns().queue("first"), "kept");
        h.restart();
        QueueEndpoint second = h.queue("second");
        CoreHarness.send(second, "new");
        assertThat(bodies(receive(h.ns().queue("first"), 5))).containsExactly("kept");
        assertThat(bodies(receive(second, 5))).containsExactly("new");
    }
}
