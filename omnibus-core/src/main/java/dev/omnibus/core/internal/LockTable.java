package dev.omnibus.core.internal;

import dev.omnibus.core.MessageMeta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The messages a queue has locked, by lock token and by sequence number, with their expiry order. New locks expire
 * in the order they are taken (one lock duration from now), so they queue in a FIFO; a renewal, or a lock that
 * would expire before the newest one (the lock duration was shortened), goes into a priority queue instead. Stale
 * entries (settled or renewed locks) are skipped when they surface; the FIFO also drops them from its head on every
 * add, so settled locks do not pile up there. Confined to the entity mailbox.
 */
final class LockTable {
    /** The RFC 4122 variant bits of a token's second half; the rest of it is the sequence number. */
    private static final long VARIANT = 0x8000000000000000L;
    private static final long VARIANT_MASK = 0xC000000000000000L;

    /** One PeekLock hold on a message. */
    static final class Lock {
        final UUID token;
        final MessageMeta meta;
        final ReceiverImpl owner;
        /** The session whose lock covers this message, or null: then the message has a lock of its own. */
        final SessionBook.Session session;
        long lockedUntil;
        /** The expiry this lock's FIFO entry was queued with; the entry is stale once the lock is renewed. */
        private long queuedUntil;
        private boolean removed;

        Lock(UUID token, MessageMeta meta, ReceiverImpl owner, SessionBook.Session session, long lockedUntil) {
            this.token = token;
            this.meta = meta;
            this.owner = owner;
            this.session = session;
            this.lockedUntil = lockedUntil;
        }
    }

    private record Expiry(long at, Lock lock) {
        boolean stale() {
            return lock.removed || lock.lockedUntil != at;
        }
    }

    /** By sequence number; a token carries its message's sequence number, so this finds locks by token too. */
    private final Map<Long, Lock> bySeq = new HashMap<>();
    private final ArrayDeque<Lock> inOrder = new ArrayDeque<>();
    private final PriorityQueue<Expiry> outOfOrder =
            new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));

    /** Locks a message; a message received by sequence number keeps its Deferred state and returns to it. */
    Lock add(MessageMeta meta, ReceiverImpl owner, long lockedUntil) {
        return add(meta, owner, null, lockedUntil);
    }

    /** Locks a message under a session's lock: it has no expiry of its own. */
    Lock add(MessageMeta meta, ReceiverImpl owner, SessionBook.Session session, long lockedUntil) {
        Lock lock = new Lock(newToken(meta.sequenceNumber()), meta, owner, session, lockedUntil);
        bySeq.put(meta.sequenceNumber(), lock);
        if (session == null) {
            dropStale();
            Lock newest = inOrder.peekLast();
            if (newest == null || newest.queuedUntil <= lockedUntil) {
                lock.queuedUntil = lockedUntil;
                inOrder.addLast(lock);
            } else {
                outOfOrder.add(new Expiry(lockedUntil, lock));
            }
        }
        return lock;
    }

    /**
     * A version 4 token whose random half makes it unique and unguessable by accident (not secret: a client settles
     * only on its own authorised connection), and whose other half is the message's sequence number, so that one
     * map finds a lock by token and by sequence number. ThreadLocalRandom avoids SecureRandom's lock on the delivery
     * path.
     */
    private static UUID newToken(long seq) {
        long msb = (ThreadLocalRandom.current().nextLong() & ~0xF000L) | 0x4000L;
        return new UUID(msb, VARIANT | (seq & ~VARIANT_MASK));
    }

    Lock get(UUID token) {
        Lock lock = bySeq.get(token.getLeastSignificantBits() & ~VARIANT_MASK);
        return lock != null && lock.token.equals(token) ? lock : null;
    }

    Lock bySequence(long seq) {
        return bySeq.get(seq);
    }

    Lock remove(UUID token) {
        Lock lock = get(token);
        if (lock != null) {
            remove(lock);
        }
        return lock;
    }

    /** Removes a lock found before (by {@link #get} or {@link #bySequence}). */
    void remove(Lock lock) {
        if (!lock.removed) {
            lock.removed = true;
            bySeq.remove(lock.meta.sequenceNumber(), lock);
        }
    }

    void renew(Lock lock, long lockedUntil) {
        lock.lockedUntil = lockedUntil;
        outOfOrder.add(new Expiry(lockedUntil, lock));
    }

    /** Earliest lock expiry, or {@link Long#MAX_VALUE} when nothing is locked. */
    long nextExpiry() {
        dropStale();
        Lock first = inOrder.peekFirst();
        Expiry other = outOfOrder.peek();
        return Math.min(first == null ? Long.MAX_VALUE : first.lockedUntil, other == null ? Long.MAX_VALUE : other.at());
    }

    /** Removes and returns every lock whose expiry is at or before {@code now}. */
    List<Lock> removeExpired(long now) {
        List<Lock> expired = new ArrayList<>();
        while (true) {
            dropStale();
            Lock first = inOrder.peekFirst();
            Expiry other = outOfOrder.peek();
            if (first != null && first.lockedUntil <= now
                    && (other == null || first.lockedUntil <= other.at())) {
                inOrder.pollFirst();
                remove(first);
                expired.add(first);
            } else if (other != null && other.at() <= now) {
                outOfOrder.poll();
                remove(other.lock());
                expired.add(other.lock());
            } else {
                return expired;
            }
        }
    }

    /** The locks a receiver holds; for releasing them when it closes. */
    List<Lock> ownedBy(ReceiverImpl owner) {
        List<Lock> out = new ArrayList<>();
        for (Lock lock : bySeq.values()) {
            if (lock.owner == owner) {
                out.add(lock);
            }
        }
        return out;
    }

    /** The locks a session covers; for releasing them together. */
    List<Lock> ofSession(SessionBook.Session session) {
        List<Lock> out = new ArrayList<>();
        for (Lock lock : bySeq.values()) {
            if (lock.session == session) {
                out.add(lock);
            }
        }
        return out;
    }

    /** Every lock; for shutdown. */
    List<Lock> all() {
        return new ArrayList<>(bySeq.values());
    }

    int size() {
        return bySeq.size();
    }

    /** Entries in the expiry queues, stale ones included; for tests. */
    int queuedExpiries() {
        return inOrder.size() + outOfOrder.size();
    }

    private void dropStale() {
        while (!inOrder.isEmpty()) {
            Lock head = inOrder.peekFirst();
            if (!head.removed && head.lockedUntil == head.queuedUntil) {
                break;
            }
            inOrder.pollFirst();
        }
        while (!outOfOrder.isEmpty() && outOfOrder.peek().stale()) {
            outOfOrder.poll();
        }
    }
}
