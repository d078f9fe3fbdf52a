package dev.omnibus.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** Scheduled messages by activation time, then sequence number. Confined to the entity mailbox. */
final class ScheduledIndex {
    private record Entry(long at, long seq) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final TreeSet<Entry> byTime = new TreeSet<>();
    private final Map<Long, Long> timeBySeq = new HashMap<>();

    void add(long seq, long at) {
        byTime.add(new Entry(at, seq));
        timeBySeq.put(seq, at);
    }

    boolean remove(long seq) {
        Long at = timeBySeq.remove(seq);
        return at != null && byTime.remove(new Entry(at, seq));
    }

    boolean contains(long seq) {
        return timeBySeq.containsKey(seq);
    }

    /** Earliest activation time, or {@link Long#MAX_VALUE}. */
    long nextDue() {
        return byTime.isEmpty() ? Long.MAX_VALUE : byTime.first().at();
    }

    /** Removes and returns the sequence number of the earliest message due at {@code now}, or -1. */
    long pollDue(long now) {
        if (byTime.isEmpty() || byTime.first().at() > now) {
            return -1;
        }
        Entry e = byTime.pollFirst();
        timeBySeq.remove(e.seq());
        return e.seq();
    }

    int size() {
        return timeBySeq.size();
    }

    void clear() {
        byTime.clear();
        timeBySeq.clear();
    }
}
