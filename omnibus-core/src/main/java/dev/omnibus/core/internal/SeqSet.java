package dev.omnibus.core.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of sequence numbers held as a paged bitmap: about one bit per number in a dense range, so millions of
 * waiting messages cost kilobytes. Sequence numbers within an entity are dense and increasing, which is what this
 * favours. Iteration is ascending. Not thread-safe: owned by one mailbox.
 */
final class SeqSet {
    private static final int PAGE_BITS = 4096;
    private static final int WORDS = PAGE_BITS / 64;

    /** Page number to its words; the extra last word counts the page's members. */
    private final TreeMap<Long, long[]> pages = new TreeMap<>();
    private long size;

    /** The page last looked up: sends append to the tail page and deliveries take from the head page. */
    private long cachedPage = Long.MIN_VALUE;
    private long[] cachedWords;

    private long[] page(long page, boolean create) {
        if (page == cachedPage) {
            return cachedWords;
        }
        long[] words = pages.get(page);
        if (words == null && create) {
            words = new long[WORDS + 1];
            pages.put(page, words);
        }
        if (words != null) {
            cachedPage = page;
            cachedWords = words;
        }
        return words;
    }

    boolean add(long seq) {
        long page = Math.floorDiv(seq, PAGE_BITS);
        long[] words = page(page, true);
        int bit = (int) Math.floorMod(seq, PAGE_BITS);
        long mask = 1L << (bit & 63);
        if ((words[bit >>> 6] & mask) != 0) {
            return false;
        }
        words[bit >>> 6] |= mask;
        words[WORDS]++;
        size++;
        return true;
    }

    boolean remove(long seq) {
        long page = Math.floorDiv(seq, PAGE_BITS);
        long[] words = page(page, false);
        if (words == null) {
            return false;
        }
        int bit = (int) Math.floorMod(seq, PAGE_BITS);
        long mask = 1L << (bit & 63);
        if ((words[bit >>> 6] & mask) == 0) {
            return false;
        }
        words[bit >>> 6] &= ~mask;
        size--;
        if (--words[WORDS] == 0) {
            pages.remove(page);
            if (cachedPage == page) {
                cachedPage = Long.MIN_VALUE;
                cachedWords = null;
            }
        }
        return true;
    }

    boolean contains(long seq) {
        long[] words = page(Math.floorDiv(seq, PAGE_BITS), false);
        if (words == null) {
            return false;
        }
        int bit = (int) Math.floorMod(seq, PAGE_BITS);
        return (words[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    /** The smallest member at or above {@code from}, or -1 when there is none. */
    long next(long from) {
        long startPage = Math.floorDiv(from, PAGE_BITS);
        for (Map.Entry<Long, long[]> e : pages.tailMap(startPage, true).entrySet()) {
            long page = e.getKey();
            long[] words = e.getValue();
            int startBit = page == startPage ? (int) Math.floorMod(from, PAGE_BITS) : 0;
            for (int w = startBit >>> 6; w < WORDS; w++) {
                long word = words[w];
                if (w == startBit >>> 6) {
                    word &= -1L << (startBit & 63);
                }
                if (word != 0) {
                    return page * PAGE_BITS + w * 64L + Long.numberOfTrailingZeros(word);
                }
            }
        }
        return -1;
    }

    /** The smallest member, or -1. Sequence numbers are positive. */
    long first() {
        Map.Entry<Long, long[]> head = pages.firstEntry();
        if (head == null) {
            return -1;
        }
        long[] words = head.getValue();
        for (int w = 0; w < WORDS; w++) {
            if (words[w] != 0) {
                return head.getKey() * PAGE_BITS + w * 64L + Long.numberOfTrailingZeros(words[w]);
            }
        }
        throw new IllegalStateException("an empty page was kept");
    }

    long size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        pages.clear();
        cachedPage = Long.MIN_VALUE;
        cachedWords = null;
        size = 0;
    }
}
