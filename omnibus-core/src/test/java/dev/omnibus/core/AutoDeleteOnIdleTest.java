package dev.omnibus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AutoDeleteOnIdleTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void anIdleQueueIsDeletedAfterItsPeriod() {
        h.queue("idle", b -> b.autoDeleteOnIdle(Duration.ofMinutes(5)));
        h.advance(Duration.ofMinutes(4));
        assertThat(h.ns().hasQueue("idle")).isTrue();
        h.advance(Duration.ofMinutes(1));
        assertThat(h.ns().hasQueue("idle")).isFalse();
    }

    @Test
    void activityPostponesTheDeletion() {
        QueueEndpoint q = h.queue("busy", b -> b.autoDeleteOnIdle(Duration.ofMinutes(5)));
        h.advance(Duration.ofMinutes(4));
        CoreHarness.send(q, "activity");
        h.advance(Duration.ofMinutes(4));
        assertThat(h.ns().hasQueue("busy")).isTrue();
        h.advance(Duration.ofMinutes(1));
        assertThat(h.ns().hasQueue("busy")).isFalse();
    }

    @Test
    void anOpenReceiverKeepsTheQueue() {
        QueueEndpoint q = h.queue("watched", b -> b.autoDeleteOnIdle(Duration.ofMinutes(5)));
        CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        h.advance(Duration.ofMinutes(30));
        assertThat(h.ns().hasQueue("watched")).isTrue();
    }

    @Test
    void queuesWithoutAutoDeleteStay() {
        h.queue("kept");
        h.advance(Duration.ofDays(365));
        assertThat(h.ns().hasQueue("kept")).isTrue();
    }
}
