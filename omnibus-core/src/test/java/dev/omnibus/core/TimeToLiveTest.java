package dev.omnibus.core;

import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.messageBuilder;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeToLiveTest {
    private final CoreHarness h = new CoreHarness();

    private void sendWithTtl(QueueEndpoint q, String body, Duration ttl) {
        q.send(List.of(messageBuilder(body).timeToLive(ttl).build())).join();
    }

    @Test
    void anExpiredMessageIsNeverDeliveredAndIsDropped() {
        QueueEndpoint q = h.queue("q");
        sendWithTtl(q, "short", Duration.ofSeconds(10));
        CoreHarness.send(q, "forever");
        h.advance(Duration.ofSeconds(10));
        assertThat(bodies(receive(q, 5))).containsExactly("forever");
        assertThat(receive(h.ns().endpoint("q", SubQueue.DEAD_LETTER), 5)).isEmpty();
        assertThat(h.ns().queueRuntimeInfo("q").join().activeMessageCount()).isEqualTo(1);
    }

    @Test
    void expiryDeadLettersWhenTheEntityAsksForIt() {
        QueueEndpoint q = h.queue("q", b -> b.deadLetteringOnMessageExpiration(true));
        sendWithTtl(q, "short", Duration.ofSeconds(10));
        h.advance(Duration.ofSeconds(10));
        ReceivedMessage dead = receive(h.ns().endpoint("q", SubQueue.DEAD_LETTER), 5).get(0);
        assertThat(dead.meta().deadLetterReason()).isEqualTo("TTLExpiredException");
        assertThat(h.ns().queueRuntimeInfo("q").join().deadLetterMessageCount()).isEqualTo(1);
        h.advance(Duration.ofDays(1));
        assertThat(receive(h.ns().endpoint("q", SubQueue.DEAD_LETTER), 5)).as("dead letters do not expire")
                .hasSize(1);
    }

    @Test
    void theEntityDefaultCapsTheMessageTtl() {
        QueueEndpoint q = h.queue("q", b -> b.defaultMessageTimeToLive(Duration.ofSeconds(30)));
        sendWithTtl(q, "asks for an hour", Duration.ofHours(1));
        CoreHarness.send(q, "asks nothing");
        ReceivedMessage peeked = q.peek(0, 1).join().get(0);
        assertThat(peeked.meta().timeToLive()).isEqualTo(30_000);
        assertThat(peeked.meta().expiresAt()).isEqualTo(peeked.meta().enqueuedAt() + 30_000);
        h.advance(Duration.ofSeconds(30));
        assertThat(receive(q, 5)).isEmpty();
    }

    @Test
    void aLockedMessageExpiresWhenItsLockEnds() {
        QueueEndpoint q = h.queue("q", b -> b.lockDuration(Duration.ofSeconds(20)).deadLetteringOnMessageExpiration(true));
        sendWithTtl(q, "m", Duration.ofSeconds(10));
        ReceivedMessage m = receive(q, 1).get(0);
        h.advance(Duration.ofSeconds(15));
        q.abandon(m.lockToken(), Map.of()).join();
        assertThat(receive(q, 1)).isEmpty();
        assertThat(receive(h.ns().endpoint("q", SubQueue.DEAD_LETTER), 1)).hasSize(1);
    }

    @Test
    void deferredMessagesExpireToo() {
        QueueEndpoint q = h.queue("q", b -> b.deadLetteringOnMessageExpiration(true));
        sendWithTtl(q, "m", Duration.ofSeconds(10));
        ReceivedMessage m = receive(q, 1).get(0);
        q.defer(m.lockToken(), Map.of()).join();
        h.advance(Duration.ofSeconds(10));
        assertThat(receive(h.ns().endpoint("q", SubQueue.DEAD_LETTER), 1)).hasSize(1);
    }
}
