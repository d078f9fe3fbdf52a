package dev.omnibus.core.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of sequence numbers held as a paged bitmap: about one bit per number in a dense range, so millions of
 * waiting messages cost kilobytes. Sequence numbers within an entity are dense and increasing, which is what this
 * favours. Iteration is ascending. Every page holds a member except perhaps the last one. Not thread-safe: owned by
 * one mailbox.
 */
final class SeqSet {
    private static final int PAGE_BITS = 4096;
    private static final int WORDS = PAGE_BITS / 64;

    /** Page number to its words; the extra last word counts the page's members. */
    private final TreeMap<Long, long[]> pages = new TreeMap<>();
    private long size;

    /**
     * The two pages last looked up: sends append to the tail page while deliveries take from the head page, so one
     * cached page would miss on nearly every call.
     */
    private long cachedPage = Long.MIN_VALUE;
    private long[] cachedWords;
    private long otherPage = Long.MIN_VALUE;
    private long[] otherWords;

    private long[] page(long page, boolean create) {
        if (page == cachedPage) {
            return cachedWords;
        }
        if (page == otherPage) {
            long[] words = otherWords;
            otherPage = cachedPage;
            otherWords = cachedWords;
            cachedPage = page;
            cachedWords = words;
            return words;
        }
        long[] words = pages.get(page);
        if (words == null && create) {
            words = new long[WORDS + 1];
            Map.Entry<Long, long[]> tail = pages.lastEntry();
            if (tail != null && tail.getKey() < page && tail.getValue()[WORDS] == 0) {
                pages.remove(tail.getKey()); // the emptied tail kept by remove(): a new tail takes over
                forget(tail.getKey());
            }
            pages.put(page, words);
        }
        if (words != null) {
            otherPage = cachedPage;
            otherWords = cachedWords;
            cachedPage = page;
            cachedWords = words;
        }
        return words;
    }

    private void forget(long page) {
        if (cachedPage == page) {
            cachedPage = Long.MIN_VALUE;
            cachedWords = null;
        }
        if (otherPage == page) {
            otherPage = Long.MIN_VALUE;
            otherWords = null;
        }
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
        // An emptied page goes, except the tail: when messages are taken as fast as they arrive, the tail page
        // empties after nearly every delivery and would be dropped and made again each time.
        if (--words[WORDS] == 0 && page != pages.lastKey()) {
            pages.remove(page);
            forget(page);
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
        if (size == 0) {
            return -1;
        }
        // firstKey, unlike firstEntry, allocates nothing; the head page is usually cached.
        long page = pages.firstKey();
        long[] words = page(page, false);
        for (int w = 0; w < WORDS; w++) {
            if (words[w] != 0) {
                return page * PAGE_BITS + w * 64L + Long.numberOfTrailingZeros(words[w]);
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
        otherPage = Long.MIN_VALUE;
        otherWords = null;
        size = 0;
    }
}
