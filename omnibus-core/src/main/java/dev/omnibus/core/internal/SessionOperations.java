package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Session operations addressed by session id rather than by receiver. Run in the entity mailbox. */
final class SessionOperations {
    private static final int SCAN_PAGE = 256;

    private SessionOperations() {
    }

    static SessionBook book(MessageQueue q) {
        if (q.sessions == null) {
            throw new BrokerException(ServiceBusError.NOT_ALLOWED, "It is not possible for an entity that does not "
                    + "require sessions to perform session operations: '" + q.entity.path() + "'.");
        }
        return q.sessions;
    }

    static CompletableFuture<Void> setState(MessageQueue q, String sessionId, byte[] state) {
        SessionBook.Session s = book(q).held(sessionId);
        long now = q.now();
        return q.entity.commit(new StoreBatch().putSessionState(q.entity.id, sessionId, state, now))
                .thenRun(() -> q.sessions.stateSet(s, state, now));
    }

    /** Messages of one session from {@code from} on, in every state, without locking them. */
    static List<ReceivedMessage> peek(MessageQueue q, String sessionId, long from, int max) {
        List<ReceivedMessage> out = new ArrayList<>();
        long next = Math.max(0, from);
        while (out.size() < max) {
            List<ReceivedMessage> page = QueueBrowsing.peek(q, next, SCAN_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (ReceivedMessage m : page) {
                next = m.sequenceNumber() + 1;
                if (sessionId.equals(m.meta().sessionId()) && out.size() < max) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Deferred messages of a held session, locked under the session's lock. */
    static List<ReceivedMessage> receiveDeferred(MessageQueue q, long[] seqs, ReceiveMode mode, String sessionId) {
        SessionBook.Session s = book(q).held(sessionId);
        SessionBook.SessionReceiverImpl holder = s.holder;
        for (long seq : seqs) {
            MessageMeta meta = q.deferred.contains(seq) ? q.readMeta(seq) : null;
            if (meta == null || !sessionId.equals(meta.sessionId())) {
                throw new BrokerException(ServiceBusError.MESSAGE_NOT_FOUND, "Failed to lock one or more specified "
                        + "messages. The sequence number " + seq + " does not identify a deferred message of session '"
                        + sessionId + "'.");
            }
        }
        long now = q.now();
        List<ReceivedMessage> out = new ArrayList<>();
        for (long seq : seqs) {
            if (!q.deferred.remove(seq)) {
                continue;
            }
            StoredMessage m = q.readMessage(seq);
            if (m == null) {
                continue;
            }
            if (m.meta().isExpired(now)) {
                q.expire(m.meta());
                continue;
            }
            out.add(mode == ReceiveMode.PEEK_LOCK ? q.deliverInSession(holder, m, now)
                    : q.deliver(holder, mode, m, now));
        }
        return out;
    }
}
