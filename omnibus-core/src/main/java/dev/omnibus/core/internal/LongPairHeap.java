package dev.omnibus.core.internal;

import java.util.Arrays;

/**
 * A min-heap of (key, value) long pairs in two primitive arrays: the expiry index of a queue holds one pair per
 * message with a finite TTL, so it must cost bytes, not objects. Ordered by key, then value.
 */
final class LongPairHeap {
    private long[] keys = new long[16];
    private long[] values = new long[16];
    private int size;

    void add(long key, long value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        keys[i] = key;
        values[i] = value;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long peekKey() {
        return keys[0];
    }

    long peekValue() {
        return values[0];
    }

    void poll() {
        size--;
        keys[0] = keys[size];
        values[0] = values[size];
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                break;
            }
            int child = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(child, i)) {
                break;
            }
            swap(i, child);
            i = child;
        }
        if (size < keys.length / 4 && keys.length > 16) {
            keys = Arrays.copyOf(keys, keys.length / 2);
            values = Arrays.copyOf(values, values.length / 2);
        }
    }

    void clear() {
        size = 0;
    }

    private boolean less(int a, int b) {
        return keys[a] < keys[b] || (keys[a] == keys[b] && values[a] < values[b]);
    }

    private void swap(int a, int b) {
        long k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        long v = values[a];
        values[a] = values[b];
        values[b] = v;
    }
}
