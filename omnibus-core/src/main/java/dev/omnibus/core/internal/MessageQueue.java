package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.SubQueue;
import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoredMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message store of an entity (the entity itself, its dead-letter queue or its transfer dead-letter queue):
 * which messages wait, which are locked, deferred or scheduled, and the consumers with their credit.
 *
 * <p>Only sequence numbers of waiting messages live in the heap; meta and payload are read from the store when a
 * message is delivered. A meta change is visible at once through {@link #pendingMeta} (or, while the message is
 * locked, through its lock, which holds the counted delivery) and in the store once its
 * write lands. Confined to the entity mailbox.
 */
final class MessageQueue {
    private static final Logger LOG = LoggerFactory.getLogger(MessageQueue.class);
    /** Longest run of consecutive messages one competing receiver is handed before the next takes its turn. */
    static final int DELIVERY_RUN = 32;

    final QueueEntity entity;
    final SubQueue subQueue;
    final long queueId;
    final SeqSet available = new SeqSet();
    final SeqSet deferred = new SeqSet();
    final ScheduledIndex scheduled = new ScheduledIndex();
    /** (expiresAt, seq) of waiting messages with a finite TTL; entries for messages gone since are skipped. */
    final LongPairHeap expiries = new LongPairHeap();
    final LockTable locks = new LockTable();
    /** Meta written but perhaps not yet landed in the store, by sequence number. */
    final Map<Long, MessageMeta> pendingMeta = new HashMap<>();
    /** Messages that just arrived, with payload, up to a byte budget: delivered without a store read. */
    private final HotMessages hot = new HotMessages();
    /** Sessions, for the entity itself when it requires sessions; else null. */
    final SessionBook sessions;
    private final List<ReceiverImpl> receivers = new ArrayList<>();
    private int nextReceiver;
    /** The receiver being handed a run of consecutive messages, and how many more it may take before the next. */
    private ReceiverImpl current;
    private int runLeft;
    private boolean pumping;
    private final QueueTimer timer = new QueueTimer(this);

    MessageQueue(QueueEntity entity, SubQueue subQueue) {
        this.entity = entity;
        this.subQueue = subQueue;
        this.queueId = QueueIds.of(entity.id, subQueue);
        this.sessions = subQueue == SubQueue.NONE && entity.description().requiresSession() ? new SessionBook(this) : null;
    }

    Mailbox mailbox() {
        return entity.mailbox;
    }

    long now() {
        return entity.ctx.time().now();
    }

    /** Dead-letter queues keep their messages: no TTL, no delivery limit. */
    boolean isDeadLetterQueue() {
        return subQueue != SubQueue.NONE;
    }

    // ---- placement -------------------------------------------------------------------------------------------

    /** Puts a message where its state says: waiting, deferred or scheduled. */
    void place(MessageMeta meta) {
        long seq = meta.sequenceNumber();
        switch (meta.state()) {
            case ACTIVE -> {
                available.add(seq);
                if (sessions != null) {
                    sessions.waiting(meta, now());
                }
            }
            case DEFERRED -> deferred.add(seq);
            case SCHEDULED -> {
                scheduled.add(seq, meta.scheduledAt());
                wakeBy(meta.scheduledAt());
            }
            default -> throw new IllegalStateException(meta.state().name());
        }
        if (!isDeadLetterQueue() && meta.state() != MessageState.SCHEDULED && meta.expiresAt() != Long.MAX_VALUE) {
            expiries.add(meta.expiresAt(), seq);
            wakeBy(meta.expiresAt());
        }
    }

    /** Places a message that has just become durable, keeping its payload at hand if the budget allows. */
    void placeArrived(MessageMeta meta, byte[] payload) {
        place(meta);
        if (meta.state() == MessageState.ACTIVE) {
            hot.offer(new StoredMessage(meta, payload), entity.ctx.hotBytesPerQueue());
        }
    }

    private StoredMessage dropHot(long seq) {
        return hot.remove(seq);
    }

    /** Takes a waiting message for delivery: from the hot set, else from the store. */
    StoredMessage take(long seq) {
        StoredMessage m = dropHot(seq);
        if (m == null) {
            return readMessage(seq);
        }
        MessageMeta pending = pendingMeta.isEmpty() ? null : pendingMeta.get(seq);
        return pending == null ? m : new StoredMessage(pending, m.payload());
    }

    /** The payload of a stored message (hot or from the store), or an empty one if it vanished. */
    byte[] payloadOf(long seq) {
        StoredMessage h = hot.get(seq);
        if (h != null) {
            return h.payload();
        }
        StoredMessage stored = entity.ctx.store().read(queueId, seq);
        return stored == null ? new byte[0] : stored.payload();
    }

    /** The current meta of a stored message, or null. */
    MessageMeta readMeta(long seq) {
        MessageMeta pending = pendingMeta.get(seq);
        if (pending != null) {
            return pending;
        }
        StoredMessage h = hot.get(seq);
        if (h != null) {
            return h.meta();
        }
        StoredMessage stored = entity.ctx.store().read(queueId, seq);
        return stored == null ? null : stored.meta();
    }

    /** Reads a message with its current meta, or null. */
    StoredMessage readMessage(long seq) {
        StoredMessage stored = entity.ctx.store().read(queueId, seq);
        if (stored == null) {
            return null;
        }
        MessageMeta pending = pendingMeta.get(seq);
        return pending == null ? stored : new StoredMessage(pending, stored.payload());
    }

    /** Writes a meta change; readers see it at once, the future completes when it is durable. */
    CompletableFuture<Void> writeMeta(MessageMeta meta) {
        long seq = meta.sequenceNumber();
        pendingMeta.put(seq, meta);
        return entity.commit(new StoreBatch().updateMeta(queueId, meta)).whenComplete((v, e) -> {
            if (pendingMeta.get(seq) == meta) {
                pendingMeta.remove(seq);
            }
        });
    }

    /** Deletes a stored message and accounts for its size; the future completes on the store's thread. */
    CompletableFuture<Void> deleteStored(MessageMeta meta) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        deleteStored(meta, done);
        return done;
    }

    /**
     * Deletes a stored message and accounts for its size; {@code done} (if any) completes on the store's thread once
     * the delete is durable. The delete goes straight into this turn's batch.
     */
    void deleteStored(MessageMeta meta, CompletableFuture<Void> done) {
        long seq = meta.sequenceNumber();
        if (!pendingMeta.isEmpty()) {
            pendingMeta.remove(seq);
        }
        dropHot(seq);
        entity.sizeBytes -= meta.size();
        entity.writes().turn().deleteMessage(queueId, seq);
        if (done != null) {
            entity.writes().whenDurable(done);
        }
    }

    // ---- consumers -------------------------------------------------------------------------------------------

    ReceiverImpl openReceiver(ReceiveMode mode, DeliverySink sink) {
        ReceiverImpl r = new ReceiverImpl(this, mode, sink);
        receivers.add(r);
        return r;
    }

    void addCredit(ReceiverImpl r, int more) {
        if (!r.closed) {
            r.credit += more;
            pump();
        }
    }

    void drain(ReceiverImpl r) {
        if (!r.closed) {
            r.draining = true;
            pump();
        }
    }

    /**
     * Detaches a receiver. As in Service Bus, the locks it holds end with it: its unsettled messages wait again
     * (the delivery counts), and settling them afterwards fails with lock lost.
     */
    void closeReceiver(ReceiverImpl r) {
        r.closed = true;
        r.credit = 0;
        receivers.remove(r);
        if (current == r) {
            current = null;
        }
        if (r instanceof SessionBook.SessionReceiverImpl sr) {
            sessions.released(sr);
        } else {
            for (LockTable.Lock lock : locks.ownedBy(r)) {
                locks.remove(lock);
                unlocked(lock, lock.meta, true);
            }
        }
        pump();
    }

    /** Adds a receiver made elsewhere (a session receiver). */
    void adopt(ReceiverImpl r) {
        receivers.add(r);
    }

    List<ReceiverImpl> receivers() {
        return List.copyOf(receivers);
    }

    /** Closes every consumer with {@code reason} (entity deleted or disabled). */
    void closeAll(BrokerException reason) {
        for (ReceiverImpl r : List.copyOf(receivers)) {
            closeReceiver(r);
            r.sink.onClosed(reason);
        }
        if (sessions != null) {
            sessions.failAcceptors(reason);
        }
    }

    // ---- delivery --------------------------------------------------------------------------------------------

    /** Hands waiting messages to consumers with credit, then completes drains and re-arms the timer. */
    void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            long now = now();
            if (sessions != null) {
                sessions.pump(now);
            }
            while (sessions == null && !available.isEmpty()) {
                ReceiverImpl r = nextWithCredit();
                if (r == null) {
                    break;
                }
                long seq = available.first();
                available.remove(seq);
                StoredMessage m = take(seq);
                if (m == null) {
                    LOG.warn("Message {} of queue {} is indexed but not stored", seq, queueId);
                    continue;
                }
                if (!isDeadLetterQueue() && m.meta().isExpired(now)) {
                    expire(m.meta());
                    continue;
                }
                r.credit--;
                r.sink.onMessage(deliver(r, r.mode, m, now));
            }
            for (ReceiverImpl r : List.copyOf(receivers)) {
                if (r.draining) {
                    r.draining = false;
                    r.credit = 0;
                    r.sink.onDrained();
                }
            }
        } finally {
            pumping = false;
        }
    }

    /**
     * Competing receivers take turns in runs of up to {@link #DELIVERY_RUN} consecutive messages rather than one
     * each: a receiver then settles runs of consecutive sequence numbers, which the store deletes with a range
     * tombstone instead of a record per message. Receivers with little credit still alternate message by message.
     */
    private ReceiverImpl nextWithCredit() {
        if (current != null && runLeft > 0 && current.credit > 0) {
            runLeft--;
            return current;
        }
        int n = receivers.size();
        for (int i = 0; i < n; i++) {
            ReceiverImpl r = receivers.get((nextReceiver + i) % n);
            if (r.credit > 0) {
                nextReceiver = (nextReceiver + i + 1) % n;
                current = r;
                runLeft = DELIVERY_RUN - 1;
                return r;
            }
        }
        current = null;
        return null;
    }

    /** Locks (PeekLock) or removes (ReceiveAndDelete) a message being handed out. */
    ReceivedMessage deliver(ReceiverImpl owner, ReceiveMode mode, StoredMessage m, long now) {
        MessageMeta meta = m.meta();
        entity.accessedAt = now;
        if (mode == ReceiveMode.RECEIVE_AND_DELETE) {
            deleteStored(meta, null);
            return new ReceivedMessage(meta, m.payload(), null, 0);
        }
        // The new count is written when the lock ends without completion (or at shutdown), not now: most
        // locked messages are completed, and then it never needs writing. A crash loses only the counts of
        // messages locked at that moment.
        MessageMeta counted = meta.withDeliveryCount(meta.deliveryCount() + 1);
        LockTable.Lock lock = locks.add(counted, owner, lockedUntil(now));
        wakeBy(lock.lockedUntil);
        return new ReceivedMessage(meta, m.payload(), lock.token, lock.lockedUntil);
    }

    /** PeekLock or ReceiveAndDelete delivery of a session message: its lock is the session's. */
    ReceivedMessage deliverInSession(SessionBook.SessionReceiverImpl r, StoredMessage m, long now) {
        if (r.mode == ReceiveMode.RECEIVE_AND_DELETE) {
            return deliver(r, r.mode, m, now);
        }
        entity.accessedAt = now;
        MessageMeta meta = m.meta();
        MessageMeta counted = meta.withDeliveryCount(meta.deliveryCount() + 1);
        LockTable.Lock lock = locks.add(counted, r, r.session, Long.MAX_VALUE);
        return new ReceivedMessage(meta, m.payload(), lock.token, r.session.lockedUntil);
    }

    long lockedUntil(long now) {
        return now + entity.description().lockDuration().toMillis();
    }

    // ---- settlement ------------------------------------------------------------------------------------------

    /** Removes a valid lock, or fails with MessageLockLost (an expired lock is processed as expired first). */
    LockTable.Lock takeLock(java.util.UUID token) {
        return takeLock(token, now());
    }

    /** {@link #takeLock(java.util.UUID)} at {@code now}, the time of the mailbox task. */
    LockTable.Lock takeLock(java.util.UUID token, long now) {
        LockTable.Lock lock = locks.get(token);
        if (lock == null) {
            throw BrokerException.of(sessions != null && sessions.lostToken(token)
                    ? ServiceBusError.SESSION_LOCK_LOST : ServiceBusError.MESSAGE_LOCK_LOST);
        }
        if (lock.session != null && (lock.session.holder != lock.owner || lock.session.lockedUntil <= now)) {
            throw BrokerException.of(ServiceBusError.SESSION_LOCK_LOST);
        }
        locks.remove(lock);
        if (lock.lockedUntil <= now) {
            unlocked(lock, lock.meta, true);
            pump();
            throw BrokerException.of(ServiceBusError.MESSAGE_LOCK_LOST);
        }
        return lock;
    }

    /**
     * A lock ended without settlement (abandon, lock expiry, release): the message waits again at its place, or
     * is dead-lettered after too many deliveries, or expires.
     *
     * @param counted whether the delivery counts as an attempt (a release does not)
     */
    CompletableFuture<Void> unlocked(LockTable.Lock lock, MessageMeta meta, boolean counted) {
        long now = now();
        MessageMeta m = counted ? meta : meta.withDeliveryCount(Math.max(0, meta.deliveryCount() - 1));
        int max = entity.description().maxDeliveryCount();
        if (!isDeadLetterQueue() && counted && m.deliveryCount() >= max) {
            return deadLetter(m, "MaxDeliveryCountExceeded",
                    "Message could not be consumed after " + max + " delivery attempts.");
        }
        if (!isDeadLetterQueue() && m.isExpired(now)) {
            return expire(m);
        }
        CompletableFuture<Void> written = writeMeta(m);
        place(m);
        return written;
    }

    /** Moves a message to the dead-letter queue, or on to ForwardDeadLetteredMessagesTo. */
    CompletableFuture<Void> deadLetter(MessageMeta meta, String reason, String description) {
        if (isDeadLetterQueue()) {
            // Already a dead letter: it stays here with the new reason.
            MessageMeta again = meta.deadLettered(reason, description, meta.deadLetterSource());
            CompletableFuture<Void> written = writeMeta(again);
            place(again.withState(MessageState.ACTIVE));
            return written;
        }
        byte[] payload = payloadOf(meta.sequenceNumber());
        dropHot(meta.sequenceNumber());
        String forward = entity.description().forwardDeadLetteredMessagesTo();
        if (forward != null) {
            return entity.transferOut(this, meta.deadLettered(reason, description, entity.path()), payload, forward);
        }
        MessageMeta dead = meta.deadLettered(reason, description, null);
        pendingMeta.remove(meta.sequenceNumber());
        MessageQueue dlq = entity.deadLetter;
        return entity.commit(new StoreBatch()
                .putMessage(dlq.queueId, dead, payload)
                .deleteMessage(queueId, meta.sequenceNumber())).thenRun(() -> {
                    dlq.place(dead);
                    dlq.pump();
                });
    }

    /** Expires a message: dead-lettered when the entity says so, else dropped. */
    CompletableFuture<Void> expire(MessageMeta meta) {
        if (entity.description().deadLetteringOnMessageExpiration()) {
            return deadLetter(meta, "TTLExpiredException", "The message expired and was dead lettered.");
        }
        return deleteStored(meta);
    }

    // ---- time ------------------------------------------------------------------------------------------------

    /** Re-arms the queue's timer for the earliest lock expiry, activation or message expiry. */
    void reschedule() {
        timer.reschedule();
    }

    /** Makes sure the timer fires no later than {@code at}. */
    void wakeBy(long at) {
        timer.wakeBy(at);
    }

    void cancelTimer() {
        timer.cancel();
    }

    /** A waiting message was removed by sequence number: its session forgets it too. */
    void leftWaiting(MessageMeta meta) {
        if (sessions != null && meta.sessionId() != null) {
            sessions.gone(meta.sessionId(), meta.sequenceNumber());
        }
    }

    /** Puts the meta of every locked message (with its delivery count) into {@code batch}; for shutdown. */
    void writeLockedMeta(StoreBatch batch) {
        for (LockTable.Lock lock : locks.all()) {
            batch.updateMeta(queueId, lock.meta);
        }
    }

    // ---- counts ----------------------------------------------------------------------------------------------

    /** Messages that count as active: waiting, locked and deferred. */
    long activeCount() {
        return available.size() + locks.size() + deferred.size();
    }

    long totalCount() {
        return activeCount() + scheduled.size();
    }

    int receiverCount() {
        return receivers.size();
    }
}
