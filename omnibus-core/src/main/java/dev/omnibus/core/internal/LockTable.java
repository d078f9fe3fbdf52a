package dev.omnibus.core.internal;

import dev.omnibus.core.MessageMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The messages a queue has locked, by lock token and by sequence number, with their expiry order. A renewal
 * adds a new expiry entry; stale entries are skipped when they surface. Confined to the entity mailbox.
 */
final class LockTable {
    /** One PeekLock hold on a message. */
    static final class Lock {
        final UUID token;
        final MessageMeta meta;
        final ReceiverImpl owner;
        /** The session whose lock covers this message, or null: then the message has a lock of its own. */
        final SessionBook.Session session;
        long lockedUntil;

        Lock(UUID token, MessageMeta meta, ReceiverImpl owner, SessionBook.Session session, long lockedUntil) {
            this.token = token;
            this.meta = meta;
            this.owner = owner;
            this.session = session;
            this.lockedUntil = lockedUntil;
        }
    }

    private record Expiry(long at, UUID token) {
    }

    private final Map<UUID, Lock> byToken = new HashMap<>();
    private final Map<Long, Lock> bySeq = new HashMap<>();
    private final PriorityQueue<Expiry> expiries =
            new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));

    /** Locks a message; a message received by sequence number keeps its Deferred state and returns to it. */
    Lock add(MessageMeta meta, ReceiverImpl owner, long lockedUntil) {
        return add(meta, owner, null, lockedUntil);
    }

    /** Locks a message under a session's lock: it has no expiry of its own. */
    Lock add(MessageMeta meta, ReceiverImpl owner, SessionBook.Session session, long lockedUntil) {
        Lock lock = new Lock(newToken(), meta, owner, session, lockedUntil);
        byToken.put(lock.token, lock);
        bySeq.put(meta.sequenceNumber(), lock);
        if (session == null) {
            expiries.add(new Expiry(lockedUntil, lock.token));
        }
        return lock;
    }

    /**
     * A random (version 4) token. Tokens must be unique and unguessable by accident, not secret: a client settles
     * only on its own authorised connection. ThreadLocalRandom avoids SecureRandom's lock on the delivery path.
     */
    private static UUID newToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    Lock get(UUID token) {
        return byToken.get(token);
    }

    Lock bySequence(long seq) {
        return bySeq.get(seq);
    }

    Lock remove(UUID token) {
        Lock lock = byToken.remove(token);
        if (lock != null) {
            bySeq.remove(lock.meta.sequenceNumber());
        }
        return lock;
    }

    void renew(Lock lock, long lockedUntil) {
        lock.lockedUntil = lockedUntil;
        expiries.add(new Expiry(lockedUntil, lock.token));
    }

    /** Earliest lock expiry, or {@link Long#MAX_VALUE} when nothing is locked. */
    long nextExpiry() {
        dropStale();
        Expiry head = expiries.peek();
        return head == null ? Long.MAX_VALUE : head.at();
    }

    /** Removes and returns every lock whose expiry is at or before {@code now}. */
    List<Lock> removeExpired(long now) {
        List<Lock> expired = new ArrayList<>();
        while (true) {
            dropStale();
            Expiry head = expiries.peek();
            if (head == null || head.at() > now) {
                return expired;
            }
            expiries.poll();
            expired.add(remove(head.token()));
        }
    }

    /** The locks a receiver holds; for releasing them when it closes. */
    List<Lock> ownedBy(ReceiverImpl owner) {
        List<Lock> out = new ArrayList<>();
        for (Lock lock : byToken.values()) {
            if (lock.owner == owner) {
                out.add(lock);
            }
        }
        return out;
    }

    /** The locks a session covers; for releasing them together. */
    List<Lock> ofSession(SessionBook.Session session) {
        List<Lock> out = new ArrayList<>();
        for (Lock lock : byToken.values()) {
            if (lock.session == session) {
                out.add(lock);
            }
        }
        return out;
    }

    /** Every lock; for shutdown. */
    List<Lock> all() {
        return new ArrayList<>(byToken.values());
    }

    int size() {
        return byToken.size();
    }

    private void dropStale() {
        while (!expiries.isEmpty()) {
            Expiry head = expiries.peek();
            Lock lock = byToken.get(head.token());
            if (lock != null && lock.lockedUntil == head.at()) {
                return;
            }
            expiries.poll();
        }
    }
}
