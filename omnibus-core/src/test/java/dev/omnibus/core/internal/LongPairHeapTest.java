package dev.omnibus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongPairHeapTest {
    @Test
    void pollsInKeyThenValueOrder() {
        LongPairHeap heap = new LongPairHeap();
        List<long[]> model = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long k = random.nextInt(500);
            long v = random.nextInt(1_000_000);
            heap.add(k, v);
            model.add(new long[] {k, v});
        }
        model.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
        for (long[] expected : model) {
            assertThat(heap.peekKey()).isEqualTo(expected[0]);
            assertThat(heap.peekValue()).isEqualTo(expected[1]);
            heap.poll();
        }
        assertThat(heap.isEmpty()).isTrue();
    }
}
