package dev.omnibus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeqSetTest {
    @Test
    void behavesLikeASortedSetAcrossPages() {
        SeqSet set = new SeqSet();
        TreeSet<Long> model = new TreeSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            long seq = 1 + random.nextInt(20_000);
            if (random.nextBoolean()) {
                assertThat(set.add(seq)).isEqualTo(model.add(seq));
            } else {
                assertThat(set.remove(seq)).isEqualTo(model.remove(seq));
            }
            if (i % 1000 == 0) {
                assertThat(set.first()).isEqualTo(model.isEmpty() ? -1 : model.first());
                long from = 1 + random.nextInt(20_000);
                Long ceiling = model.ceiling(from);
                assertThat(set.next(from)).isEqualTo(ceiling == null ? -1 : ceiling);
            }
        }
        assertThat(set.size()).isEqualTo(model.size());
        for (long seq : model) {
            assertThat(set.contains(seq)).isTrue();
        }
    }

    @Test
    void emptiesPagesAndStaysSmall() {
        SeqSet set = new SeqSet();
        for (long s = 1; s <= 100_000; s++) {
            set.add(s);
        }
        for (long s = 1; s <= 99_999; s++) {
            set.remove(s);
        }
        assertThat(set.size()).isEqualTo(1);
        assertThat(set.first()).isEqualTo(100_000);
        set.remove(100_000);
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.first()).isEqualTo(-1);
    }

    @Test
    void takingEachMemberAsItArrivesKeepsOrderAcrossPages() {
        SeqSet set = new SeqSet();
        for (long s = 1; s <= 20_000; s++) {
            set.add(s);
            assertThat(set.first()).isEqualTo(s);
            assertThat(set.remove(s)).isTrue();
            assertThat(set.first()).isEqualTo(-1);
            assertThat(set.next(1)).isEqualTo(-1);
        }
        // An abandoned message returns below the (empty) tail page; newer ones arrive above it.
        set.add(5);
        set.add(20_001);
        set.add(30_000);
        assertThat(set.first()).isEqualTo(5);
        assertThat(set.next(6)).isEqualTo(20_001);
        assertThat(set.remove(5)).isTrue();
        assertThat(set.first()).isEqualTo(20_001);
        assertThat(set.contains(20_000)).isFalse();
        assertThat(set.size()).isEqualTo(2);
    }
}
