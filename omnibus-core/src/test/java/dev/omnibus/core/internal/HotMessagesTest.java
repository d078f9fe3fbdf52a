package dev.omnibus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.store.StoredMessage;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HotMessagesTest {
    private static StoredMessage message(long seq, int bytes) {
        return new StoredMessage(new MessageMeta(seq, MessageState.ACTIVE, 0, 0, Long.MAX_VALUE, Long.MAX_VALUE, 0,
                bytes, null, null, null, null, null, null, 0, null), new byte[bytes]);
    }

    @Test
    void takesInOrderAndOutOfOrderAndNeverReturnsWhatWasNotCached() {
        HotMessages hot = new HotMessages();
        TreeMap<Long, StoredMessage> model = new TreeMap<>();
        Random random = new Random(7);
        long next = 1;
        int misses = 0;
        for (int step = 0; step < 200_000; step++) {
            if (random.nextInt(3) > 0) {
                StoredMessage m = message(next++, random.nextInt(100));
                hot.offer(m, 1 << 20);
                if (hot.get(m.meta().sequenceNumber()) == m) {
                    model.put(m.meta().sequenceNumber(), m);
                }
            } else if (!model.isEmpty()) {
                // Mostly the oldest, as deliveries take them; sometimes any (dead-lettered, purged).
                Long any = model.ceilingKey(model.firstKey() + random.nextInt((int) (next - model.firstKey())));
                long seq = random.nextInt(4) > 0 || any == null ? model.firstKey() : any;
                StoredMessage expected = model.remove(seq);
                StoredMessage taken = hot.remove(seq);
                assertThat(taken == null || taken == expected).isTrue();
                if (taken == null) {
                    misses++; // evicted: the caller reads it from the store
                }
                assertThat(hot.remove(seq)).isNull();
            }
            if (step % 1000 == 0) {
                assertThat(hot.size()).isLessThanOrEqualTo(model.size());
                for (var e : model.entrySet()) {
                    StoredMessage held = hot.get(e.getKey());
                    // An evicted message is gone from the cache, never replaced by another.
                    assertThat(held == null || held == e.getValue()).isTrue();
                }
            }
        }
        assertThat(hot.get(next + 5)).isNull();
        assertThat(misses).isLessThan(1000); // of about 65,000 taken
    }

    @Test
    void keepsToTheBudgetAndRefusesArrivalsOutOfOrder() {
        HotMessages hot = new HotMessages();
        for (long seq = 1; seq <= 100; seq++) {
            hot.offer(message(seq, 1000), 10 * 1064);
        }
        assertThat(hot.size()).isEqualTo(10);
        assertThat(hot.bytes()).isLessThanOrEqualTo(10 * 1064);
        assertThat(hot.get(10)).isNotNull();
        assertThat(hot.get(11)).isNull();
        hot.remove(3);
        hot.offer(message(2, 10), 1 << 20);
        assertThat(hot.get(2)).isNotNull(); // still the original
        assertThat(hot.get(2).payload()).hasSize(1000);
        assertThat(hot.size()).isEqualTo(9);
    }

    @Test
    void anOldMessageNobodyTakesDoesNotHoldTheRingOpenForever() {
        HotMessages hot = new HotMessages();
        hot.offer(message(1, 0), 1 << 30);
        for (long seq = 2; seq < 1_000_000; seq++) {
            hot.offer(message(seq, 0), 1 << 30);
            hot.remove(seq);
        }
        assertThat(hot.size()).isLessThanOrEqualTo(1);
        hot.offer(message(1_000_000, 5), 1 << 30);
        assertThat(hot.get(1_000_000)).isNotNull();
    }
}
