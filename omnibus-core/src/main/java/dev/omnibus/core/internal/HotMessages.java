package dev.omnibus.core.internal;

import dev.omnibus.core.store.StoredMessage;

/**
 * Messages of a queue that just arrived, with their payloads, up to a byte budget: delivered without a store read.
 * A cache: a message that is not here is read from the store, so anything unusual (an arrival out of sequence order,
 * a ring full of holes) is simply not cached or evicted.
 *
 * <p>Arrivals come in ascending sequence order and deliveries mostly take the oldest, so the messages sit in a ring
 * in arrival order: taking the oldest is O(1), any other is a binary search over the ring (removed ones leave a hole
 * until the oldest passes them). No boxed key or map node per message, which a hash map cost on every send and
 * delivery. Not thread-safe: confined to the entity mailbox.
 */
final class HotMessages {
    private static final int INITIAL = 64;
    /** Counted per message besides its payload, so that empty payloads do not make the budget endless. */
    private static final int OVERHEAD = 64;

    private long[] seqs = new long[INITIAL];
    private StoredMessage[] messages = new StoredMessage[INITIAL];
    /** Ring slot of the oldest entry. */
    private int head;
    /** Entries from the head, holes included. */
    private int span;
    private int live;
    private long bytes;

    /** Caches {@code m} if the budget allows and it is newer than every message held. */
    void offer(StoredMessage m, long budget) {
        long seq = m.meta().sequenceNumber();
        int length = m.payload().length + OVERHEAD;
        if (bytes + length > budget || (span > 0 && seq <= seqs[slot(span - 1)])) {
            return;
        }
        if (span == seqs.length) {
            if (live * 2 <= span) {
                evictOldest(); // mostly holes behind an old message nobody takes: drop it, read it later
                if (span > 0 && span == seqs.length) {
                    return;
                }
            } else {
                grow();
            }
        }
        int s = slot(span++);
        seqs[s] = seq;
        messages[s] = m;
        live++;
        bytes += length;
    }

    /** The cached message, or null. */
    StoredMessage get(long seq) {
        int i = find(seq);
        return i < 0 ? null : messages[slot(i)];
    }

    /** Removes and returns the cached message, or null. */
    StoredMessage remove(long seq) {
        int i = find(seq);
        if (i < 0) {
            return null;
        }
        int s = slot(i);
        StoredMessage m = messages[s];
        if (m == null) {
            return null;
        }
        messages[s] = null;
        live--;
        bytes -= m.payload().length + OVERHEAD;
        dropHoles();
        return m;
    }

    int size() {
        return live;
    }

    long bytes() {
        return bytes;
    }

    private int slot(int i) {
        return (head + i) & (seqs.length - 1);
    }

    /** Position from the head of {@code seq}'s entry (perhaps a hole), or -1. */
    private int find(long seq) {
        if (span == 0) {
            return -1;
        }
        if (seqs[head] == seq) {
            return 0;
        }
        int lo = 0;
        int hi = span - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = seqs[slot(mid)];
            if (at < seq) {
                lo = mid + 1;
            } else if (at > seq) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void dropHoles() {
        while (span > 0 && messages[head] == null) {
            head = (head + 1) & (seqs.length - 1);
            span--;
        }
    }

    private void evictOldest() {
        StoredMessage m = messages[head];
        if (m != null) {
            messages[head] = null;
            live--;
            bytes -= m.payload().length + OVERHEAD;
        }
        dropHoles();
    }

    private void grow() {
        int n = seqs.length;
        long[] s = new long[n * 2];
        StoredMessage[] m = new StoredMessage[n * 2];
        for (int i = 0; i < span; i++) {
            s[i] = seqs[slot(i)];
            m[i] = messages[slot(i)];
        }
        seqs = s;
        messages = m;
        head = 0;
    }
}
