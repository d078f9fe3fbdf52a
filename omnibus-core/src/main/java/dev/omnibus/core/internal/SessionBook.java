package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.SessionReceiver;
import dev.omnibus.core.store.StoredMessage;
import dev.omnibus.core.time.TimeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The sessions of a queue that requires them: each session's waiting messages in order, which receiver holds its
 * lock and until when, its state, and the receivers waiting for the next free session. Confined to the entity
 * mailbox; owned by the queue's {@link MessageQueue}.
 */
final class SessionBook {
    /** Tokens of message locks that ended because their session lock was lost, remembered to say so. */
    private static final int LOST_TOKENS_KEPT = 10_000;

    /** One session. */
    static final class Session {
        final String id;
        final SeqSet waiting = new SeqSet();
        SessionReceiverImpl holder;
        long lockedUntil;
        long updatedAt;
        byte[] state;

        Session(String id) {
            this.id = id;
        }
    }

    /** A receiver bound to one session. */
    static final class SessionReceiverImpl extends ReceiverImpl implements SessionReceiver {
        final Session session;
        private volatile long lockedUntil;

        SessionReceiverImpl(MessageQueue queue, ReceiveMode mode, DeliverySink sink, Session session) {
            super(queue, mode, sink);
            this.session = session;
        }

        @Override
        public String sessionId() {
            return session.id;
        }

        @Override
        public long lockedUntil() {
            return lockedUntil;
        }
    }

    private record PendingAccept(ReceiveMode mode, DeliverySink sink, CompletableFuture<SessionReceiver> result,
                                 TimeSource.Timer[] timer) {
    }

    private final MessageQueue queue;
    private final Map<String, Session> sessions = new HashMap<>();
    /** Unlocked sessions with waiting messages, longest-ready first. */
    private final LinkedHashSet<Session> ready = new LinkedHashSet<>();
    private final ArrayDeque<PendingAccept> acceptors = new ArrayDeque<>();
    private final Map<UUID, Boolean> lostTokens = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > LOST_TOKENS_KEPT;
        }
    };

    SessionBook(MessageQueue queue) {
        this.queue = queue;
    }

    Session session(String id) {
        return sessions.computeIfAbsent(id, Session::new);
    }

    Session find(String id) {
        return id == null ? null : sessions.get(id);
    }

    /** A message of {@code meta.sessionId()} is waiting. */
    void waiting(MessageMeta meta, long now) {
        Session s = session(meta.sessionId());
        s.waiting.add(meta.sequenceNumber());
        s.updatedAt = Math.max(s.updatedAt, now);
        if (s.holder == null) {
            ready.add(s);
            serveAcceptors();
        }
    }

    /** A waiting message left without being delivered (expired, purged). */
    void gone(String sessionId, long seq) {
        Session s = find(sessionId);
        if (s != null) {
            s.waiting.remove(seq);
            if (s.waiting.isEmpty()) {
                ready.remove(s);
            }
            forgetIfEmpty(s);
        }
    }

    // ---- accepting ---------------------------------------------------------------------------------------------

    void accept(String sessionId, ReceiveMode mode, DeliverySink sink, long timeoutMillis,
                CompletableFuture<SessionReceiver> result) {
        if (sessionId != null) {
            Session s = session(sessionId);
            if (s.holder != null) {
                forgetIfEmpty(s);
                throw BrokerException.of(ServiceBusError.SESSION_CANNOT_BE_LOCKED, sessionId);
            }
            hand(result, s, mode, sink);
            return;
        }
        Iterator<Session> it = ready.iterator();
        if (it.hasNext()) {
            hand(result, it.next(), mode, sink);
            return;
        }
        TimeSource.Timer[] timer = new TimeSource.Timer[1];
        PendingAccept pending = new PendingAccept(mode, sink, result, timer);
        acceptors.add(pending);
        timer[0] = queue.entity.ctx.time().schedule(queue.now() + timeoutMillis, () -> queue.mailbox().execute(() -> {
            if (acceptors.remove(pending)) {
                result.completeExceptionally(new BrokerException(ServiceBusError.TIMEOUT, "The operation did not "
                        + "complete within the allocated time " + timeoutMillis + " ms: no unlocked sessions are "
                        + "available in '" + queue.entity.path() + "'."));
            }
        }));
    }

    private void serveAcceptors() {
        while (!acceptors.isEmpty() && !ready.isEmpty()) {
            PendingAccept pending = acceptors.poll();
            pending.timer()[0].cancel();
            if (!pending.result().isDone()) {
                hand(pending.result(), ready.iterator().next(), pending.mode(), pending.sink());
            }
        }
    }

    /** Locks {@code s} for the caller; if the caller gave up meanwhile (cancelled), the session is free again. */
    private void hand(CompletableFuture<SessionReceiver> result, Session s, ReceiveMode mode, DeliverySink sink) {
        SessionReceiverImpl r = lock(s, mode, sink);
        if (!result.complete(r)) {
            queue.closeReceiver(r);
        }
    }

    private SessionReceiverImpl lock(Session s, ReceiveMode mode, DeliverySink sink) {
        SessionReceiverImpl r = new SessionReceiverImpl(queue, mode, sink, s);
        s.holder = r;
        s.lockedUntil = queue.lockedUntil(queue.now());
        r.lockedUntil = s.lockedUntil;
        ready.remove(s);
        queue.adopt(r);
        queue.wakeBy(s.lockedUntil);
        return r;
    }

    // ---- delivering --------------------------------------------------------------------------------------------

    /** Hands each holder's session messages to it, within its credit. */
    void pump(long now) {
        for (ReceiverImpl r : queue.receivers()) {
            if (!(r instanceof SessionReceiverImpl sr) || sr.session.holder != sr) {
                continue;
            }
            Session s = sr.session;
            while (sr.credit > 0 && !s.waiting.isEmpty()) {
                long seq = s.waiting.first();
                s.waiting.remove(seq);
                queue.available.remove(seq);
                StoredMessage m = queue.take(seq);
                if (m == null) {
                    continue;
                }
                if (m.meta().isExpired(now)) {
                    queue.expire(m.meta());
                    continue;
                }
                sr.credit--;
                sr.sink.onMessage(queue.deliverInSession(sr, m, now));
            }
        }
    }

    // ---- holding -----------------------------------------------------------------------------------------------

    /** The held session, or SessionLockLost. */
    Session held(String sessionId) {
        Session s = find(sessionId);
        if (s == null || s.holder == null || s.lockedUntil <= queue.now()) {
            throw BrokerException.of(ServiceBusError.SESSION_LOCK_LOST);
        }
        return s;
    }

    long renew(String sessionId) {
        Session s = held(sessionId);
        s.lockedUntil = queue.lockedUntil(queue.now());
        s.holder.lockedUntil = s.lockedUntil;
        queue.wakeBy(s.lockedUntil);
        return s.lockedUntil;
    }

    /** Whether a settlement's token belongs to a session lock that was lost. */
    boolean lostToken(UUID token) {
        return lostTokens.containsKey(token);
    }

    /** The holder closed: the session is free and its unsettled messages wait again, counted as attempts. */
    void released(SessionReceiverImpl r) {
        Session s = r.session;
        if (s.holder != r) {
            return;
        }
        s.holder = null;
        for (LockTable.Lock lock : queue.locks.ofSession(s)) {
            queue.locks.remove(lock);
            lostTokens.put(lock.token, Boolean.TRUE);
            queue.unlocked(lock, lock.meta, true);
        }
        if (!s.waiting.isEmpty()) {
            ready.add(s);
        }
        forgetIfEmpty(s);
        serveAcceptors();
    }

    /** Ends session locks that expired by {@code now}: their receivers are closed with SessionLockLost. */
    void expireLocks(long now) {
        for (Session s : new ArrayList<>(sessions.values())) {
            SessionReceiverImpl r = s.holder;
            if (r != null && s.lockedUntil <= now) {
                queue.closeReceiver(r);
                r.sink.onClosed(BrokerException.of(ServiceBusError.SESSION_LOCK_LOST));
            }
        }
    }

    /** Earliest session lock expiry, or {@link Long#MAX_VALUE}. */
    long nextLockExpiry() {
        long next = Long.MAX_VALUE;
        for (Session s : sessions.values()) {
            if (s.holder != null) {
                next = Math.min(next, s.lockedUntil);
            }
        }
        return next;
    }

    // ---- state -------------------------------------------------------------------------------------------------

    void recoverState(String sessionId, byte[] state, long updatedAt) {
        Session s = session(sessionId);
        s.state = state;
        s.updatedAt = Math.max(s.updatedAt, updatedAt);
    }

    void stateSet(Session s, byte[] state, long now) {
        s.state = state;
        s.updatedAt = now;
        forgetIfEmpty(s);
    }

    /** Sessions with waiting messages or state, updated at or after {@code since}, by id. */
    List<String> list(long since, int skip, int top) {
        List<String> ids = new ArrayList<>();
        for (Session s : sessions.values()) {
            if ((!s.waiting.isEmpty() || s.state != null || s.holder != null) && s.updatedAt >= since) {
                ids.add(s.id);
            }
        }
        ids.sort(null);
        int from = Math.min(Math.max(skip, 0), ids.size());
        return new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + Math.max(top, 0))));
    }

    /** Drops a session the heap no longer needs; its messages in other states find it again by id. */
    private void forgetIfEmpty(Session s) {
        if (s.waiting.isEmpty() && s.holder == null && s.state == null) {
            sessions.remove(s.id);
            ready.remove(s);
        }
    }

    /** Closes the waiting acceptors (entity deleted or stopped). */
    void failAcceptors(BrokerException why) {
        for (PendingAccept pending : acceptors) {
            pending.timer()[0].cancel();
            pending.result().completeExceptionally(why);
        }
        acceptors.clear();
    }
}
