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

class PeekTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void peeksEveryStateWithoutLockingOrCounting() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "active", "to-defer", "to-lock");
        q.send(List.of(messageBuilder("scheduled")
                .scheduledEnqueueTime(Instant.ofEpochMilli(h.time.now()).plus(Duration.ofHours(1))).build())).join();
        List<ReceivedMessage> taken = receive(q, 3);
        q.abandon(taken.get(0).lockToken(), Map.of()).join();
        q.defer(taken.get(1).lockToken(), Map.of()).join();

        List<ReceivedMessage> peeked = q.peek(0, 10).join();
        assertThat(bodies(peeked)).containsExactly("active", "to-defer", "to-lock", "scheduled");
        assertThat(peeked).extracting(m -> m.meta().state()).containsExactly(MessageState.ACTIVE,
                MessageState.DEFERRED, MessageState.ACTIVE, MessageState.SCHEDULED);
        assertThat(peeked).allSatisfy(m -> assertThat(m.lockToken()).isNull());
        assertThat(peeked.get(2).lockedUntil()).as("a locked message shows its lock").isEqualTo(taken.get(2).lockedUntil());
        assertThat(peeked.get(0).meta().deliveryCount()).isEqualTo(1);

        assertThat(q.peek(0, 10).join()).hasSize(4);
        assertThat(bodies(receive(q, 5))).containsExactly("active");
    }

    @Test
    void peeksFromASequenceNumberAndPages() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "1", "2", "3", "4", "5");
        assertThat(bodies(q.peek(3, 2).join())).containsExactly("3", "4");
        assertThat(bodies(q.peek(5, 10).join())).containsExactly("5");
        assertThat(q.peek(6, 10).join()).isEmpty();
    }
}
