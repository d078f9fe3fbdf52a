package dev.omnibus.core;

import static dev.omnibus.core.BrokerAssertions.failsWith;
import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.messageBuilder;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.ServiceBusError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private final CoreHarness h = new CoreHarness();

    private Instant in(Duration d) {
        return Instant.ofEpochMilli(h.time.now()).plus(d);
    }

    @Test
    void aMessageWithScheduledEnqueueTimeAppearsAtItsTime() {
        QueueEndpoint q = h.queue("q");
        q.send(List.of(messageBuilder("later").scheduledEnqueueTime(in(Duration.ofMinutes(1))).build())).join();
        assertThat(receive(q, 5)).isEmpty();
        ReceivedMessage peeked = q.peek(0, 5).join().get(0);
        assertThat(peeked.meta().state()).isEqualTo(MessageState.SCHEDULED);
        assertThat(h.ns().queueRuntimeInfo("q").join().scheduledMessageCount()).isEqualTo(1);
        h.advance(Duration.ofSeconds(59));
        assertThat(receive(q, 5)).isEmpty();
        h.advance(Duration.ofSeconds(1));
        ReceivedMessage m = receive(q, 5).get(0);
        assertThat(m.meta().state()).isEqualTo(MessageState.ACTIVE);
        assertThat(m.meta().enqueuedAt()).isEqualTo(h.time.now());
        assertThat(m.sequenceNumber()).as("keeps the number it was scheduled with").isEqualTo(peeked.sequenceNumber());
    }

    @Test
    void scheduleReturnsSequenceNumbersThatCancel() {
        QueueEndpoint q = h.queue("q");
        long[] seqs = q.schedule(List.of(
                messageBuilder("a").scheduledEnqueueTime(in(Duration.ofMinutes(1))).build(),
                messageBuilder("b").scheduledEnqueueTime(in(Duration.ofMinutes(2))).build())).join();
        assertThat(seqs).containsExactly(1, 2);
        q.cancelScheduled(new long[] {seqs[0]}).join();
        failsWith(q.cancelScheduled(new long[] {seqs[0]}), ServiceBusError.MESSAGE_NOT_FOUND);
        h.advance(Duration.ofMinutes(2));
        assertThat(bodies(receive(q, 5))).containsExactly("b");
    }

    @Test
    void aScheduledTimeInThePastEnqueuesAtOnce() {
        QueueEndpoint q = h.queue("q");
        long[] seqs = q.schedule(List.of(messageBuilder("now").scheduledEnqueueTime(in(Duration.ofMinutes(-1)))
                .build())).join();
        assertThat(seqs).hasSize(1);
        assertThat(bodies(receive(q, 5))).containsExactly("now");
    }

    @Test
    void activatedMessagesExpireFromTheirActivation() {
        QueueEndpoint q = h.queue("q");
        q.send(List.of(messageBuilder("m").scheduledEnqueueTime(in(Duration.ofMinutes(10)))
                .timeToLive(Duration.ofMinutes(5)).build())).join();
        h.advance(Duration.ofMinutes(12));
        assertThat(receive(q, 5)).hasSize(1);
    }
}
