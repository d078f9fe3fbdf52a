package dev.omnibus.core;

import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.messageBuilder;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateDetectionTest {
    private final CoreHarness h = new CoreHarness();

    private QueueEndpoint dedupQueue() {
        return h.queue("q", b -> b.requiresDuplicateDetection(true)
                .duplicateDetectionHistoryTimeWindow(Duration.ofMinutes(1)));
    }

    private void send(QueueEndpoint q, String body, String messageId) {
        q.send(List.of(messageBuilder(body).messageId(messageId).build())).join();
    }

    @Test
    void aMessageIdSeenWithinTheWindowIsAcceptedAndDropped() {
        QueueEndpoint q = dedupQueue();
        send(q, "first", "id-1");
        send(q, "again", "id-1");
        send(q, "other", "id-2");
        assertThat(bodies(receive(q, 5))).containsExactly("first", "other");
    }

    @Test
    void duplicatesWithinOneBatchAreDroppedAndSchedulingReturnsZeroForThem() {
        QueueEndpoint q = dedupQueue();
        long[] seqs = q.schedule(List.of(messageBuilder("a").messageId("x").build(),
                messageBuilder("b").messageId("x").build())).join();
        assertThat(seqs[0]).isPositive();
        assertThat(seqs[1]).isZero();
        assertThat(bodies(receive(q, 5))).containsExactly("a");
    }

    @Test
    void theWindowEnds() {
        QueueEndpoint q = dedupQueue();
        send(q, "first", "id-1");
        h.advance(Duration.ofMinutes(1));
        send(q, "after the window", "id-1");
        assertThat(bodies(receive(q, 5))).containsExactly("first", "after the window");
    }

    @Test
    void aFailedSendDoesNotRegisterItsId() {
        QueueEndpoint q = h.queue("q", b -> b.requiresDuplicateDetection(true).maxMessageSizeInKilobytes(1));
        BrokerAssertions.failure(q.send(List.of(IncomingMessage.builder(new byte[2048]).messageId("id").build())));
        send(q, "retry", "id");
        assertThat(bodies(receive(q, 5))).containsExactly("retry");
    }

    @Test
    void theHistorySurvivesARestart() {
        QueueEndpoint q = dedupQueue();
        send(q, "first", "id-1");
        h.restart();
        QueueEndpoint again = h.ns().queue("q");
        send(again, "again", "id-1");
        assertThat(bodies(receive(again, 5))).containsExactly("first");
    }

    @Test
    void withoutDetectionEveryMessageIsKept() {
        QueueEndpoint q = h.queue("q");
        send(q, "a", "same");
        send(q, "b", "same");
        assertThat(receive(q, 5)).hasSize(2);
    }
}
