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

class PurgeAndRuntimeTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void deletesUpToNUnlockedMessagesEnqueuedBeforeATime() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "1", "2", "3", "4");
        ReceivedMessage locked = receive(q, 1).get(0);
        h.advance(Duration.ofSeconds(1));
        CoreHarness.send(q, "new");
        Instant cut = Instant.ofEpochMilli(h.time.now());
        assertThat(q.deleteMessages(2, cut).join()).isEqualTo(2);
        assertThat(q.deleteMessages(10, cut).join()).isEqualTo(1);
        assertThat(q.deleteMessages(10, cut).join()).isZero();
        q.abandon(locked.lockToken(), Map.of()).join();
        assertThat(bodies(receive(q, 10))).containsExactly("1", "new");
    }

    @Test
    void runtimeInfoCountsEveryKindOfMessage() {
        QueueEndpoint q = h.queue("q");
        h.advance(Duration.ofSeconds(5));
        CoreHarness.send(q, "active", "locked", "deferred", "dead");
        q.send(List.of(messageBuilder("scheduled")
                .scheduledEnqueueTime(Instant.ofEpochMilli(h.time.now()).plus(Duration.ofHours(1))).build())).join();
        List<ReceivedMessage> got = receive(q, 4);
        q.abandon(got.get(0).lockToken(), Map.of()).join();
        q.defer(got.get(2).lockToken(), Map.of()).join();
        q.deadLetter(got.get(3).lockToken(), "r", "d", Map.of()).join();

        QueueRuntimeInfo info = h.ns().queueRuntimeInfo("q").join();
        assertThat(info.activeMessageCount()).as("waiting, locked and deferred").isEqualTo(3);
        assertThat(info.deferredMessageCount()).isEqualTo(1);
        assertThat(info.scheduledMessageCount()).isEqualTo(1);
        assertThat(info.deadLetterMessageCount()).isEqualTo(1);
        assertThat(info.totalMessageCount()).isEqualTo(5);
        assertThat(info.sizeInBytes()).isEqualTo("active".length() + "locked".length() + "deferred".length()
                + "dead".length() + "scheduled".length());
        assertThat(info.accessedAt()).isEqualTo(Instant.ofEpochMilli(h.time.now()));
        assertThat(info.createdAt()).isBefore(info.accessedAt());
    }
}
