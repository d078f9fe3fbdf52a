package dev.omnibus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LockTableTest {
    private static MessageMeta meta(long seq) {
        return new MessageMeta(seq, MessageState.ACTIVE, 1, 0, Long.MAX_VALUE, Long.MAX_VALUE, 0, 10, null, null,
                null, null, null, null, 0, null);
    }

    @Test
    void findsLocksByTokenOnlyWithTheWholeToken() {
        LockTable table = new LockTable();
        LockTable.Lock lock = table.add(meta(7), null, 1000);
        assertThat(lock.token.version()).isEqualTo(4);
        assertThat(lock.token.variant()).isEqualTo(2);
        assertThat(table.get(lock.token)).isSameAs(lock);
        assertThat(table.bySequence(7)).isSameAs(lock);
        UUID sameSequenceOtherToken = new UUID(lock.token.getMostSignificantBits() ^ 1,
                lock.token.getLeastSignificantBits());
        assertThat(table.get(sameSequenceOtherToken)).isNull();
        assertThat(table.remove(sameSequenceOtherToken)).isNull();
        assertThat(table.size()).isEqualTo(1);

        LockTable.Lock again = table.add(meta(8), null, 1000);
        assertThat(again.token).isNotEqualTo(lock.token);
        assertThat(table.remove(lock.token)).isSameAs(lock);
        assertThat(table.get(lock.token)).isNull();
        assertThat(table.get(again.token)).isSameAs(again);
    }

    @Test
    void expiresInTimeOrderThroughRenewalsSettlementsAndShorterLocks() {
        LockTable table = new LockTable();
        LockTable.Lock a = table.add(meta(1), null, 100);
        LockTable.Lock b = table.add(meta(2), null, 200);
        LockTable.Lock c = table.add(meta(3), null, 300);
        LockTable.Lock d = table.add(meta(4), null, 150); // the lock duration was shortened meanwhile
        table.renew(a, 400);
        table.remove(c.token);
        assertThat(table.nextExpiry()).isEqualTo(150);

        assertThat(table.removeExpired(149)).isEmpty();
        assertThat(table.removeExpired(250)).containsExactly(d, b);
        assertThat(table.nextExpiry()).isEqualTo(400);
        assertThat(table.removeExpired(1000)).containsExactly(a);
        assertThat(table.nextExpiry()).isEqualTo(Long.MAX_VALUE);
        assertThat(table.size()).isZero();
    }

    @Test
    void settledLocksDoNotPileUpInTheExpiryQueue() {
        LockTable table = new LockTable();
        for (long seq = 1; seq <= 100_000; seq++) {
            LockTable.Lock lock = table.add(meta(seq), null, seq);
            assertThat(table.get(lock.token)).isSameAs(lock);
            table.remove(lock);
            assertThat(table.queuedExpiries()).isLessThanOrEqualTo(1);
        }
        assertThat(table.size()).isZero();
        assertThat(table.nextExpiry()).isEqualTo(Long.MAX_VALUE);
        assertThat(table.removeExpired(Long.MAX_VALUE - 1)).isEmpty();
    }
}
