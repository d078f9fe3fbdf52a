package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Operations that look at a queue by sequence number rather than take from its head. Run in the entity mailbox. */
final class QueueBrowsing {
    private static final int SCAN_PAGE = 256;

    private QueueBrowsing() {
    }

    /** Messages in every state from {@code from} on, with current meta and lock expiry; nothing changes. */
    static List<ReceivedMessage> peek(MessageQueue q, long from, int maxCount) {
        List<ReceivedMessage> out = new ArrayList<>();
        for (StoredMessage stored : q.entity.ctx.store().scan(q.queueId, Math.max(0, from), maxCount)) {
            long seq = stored.meta().sequenceNumber();
            LockTable.Lock lock = q.locks.bySequence(seq);
            MessageMeta meta = lock != null ? lock.meta : q.pendingMeta.getOrDefault(seq, stored.meta());
            out.add(new ReceivedMessage(meta, stored.payload(), null, lock == null ? 0 : lock.lockedUntil));
        }
        return out;
    }

    /** Locks or removes deferred messages by sequence number; any number not deferred fails the whole call. */
    static List<ReceivedMessage> receiveDeferred(MessageQueue q, long[] seqs, ReceiveMode mode) {
        for (long seq : seqs) {
            if (!q.deferred.contains(seq)) {
                throw new BrokerException(ServiceBusError.MESSAGE_NOT_FOUND, "Failed to lock one or more specified "
                        + "messages. Either the message is already locked or does not exist. The sequence number "
                        + seq + " does not identify a deferred message in '" + q.entity.path() + "'.");
            }
        }
        long now = q.now();
        List<ReceivedMessage> out = new ArrayList<>();
        for (long seq : seqs) {
            if (!q.deferred.remove(seq)) {
                continue; // asked twice in one call
            }
            StoredMessage m = q.readMessage(seq);
            if (m == null) {
                continue;
            }
            if (!q.isDeadLetterQueue() && m.meta().isExpired(now)) {
                q.expire(m.meta());
                continue;
            }
            out.add(q.deliver(null, mode, m, now));
        }
        q.reschedule();
        return out;
    }

    /** Deletes up to {@code max} unlocked messages enqueued before {@code before}, lowest sequence numbers first. */
    static CompletableFuture<Integer> deleteMessages(MessageQueue q, int max, long before) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        long from = 0;
        while (writes.size() < max) {
            List<StoredMessage> page = q.entity.ctx.store().scan(q.queueId, from, SCAN_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (StoredMessage stored : page) {
                long seq = stored.meta().sequenceNumber();
                from = seq + 1;
                MessageMeta meta = q.pendingMeta.getOrDefault(seq, stored.meta());
                if (meta.enqueuedAt() >= before) {
                    continue;
                }
                if (q.available.remove(seq) || q.deferred.remove(seq) || q.scheduled.remove(seq)) {
                    q.leftWaiting(meta);
                    writes.add(q.deleteStored(meta));
                    if (writes.size() == max) {
                        break;
                    }
                }
            }
        }
        int count = writes.size();
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> count);
    }

    /** Removes scheduled messages; a number that is not a scheduled message fails the whole call. */
    static CompletableFuture<Void> cancelScheduled(MessageQueue q, long[] seqs) {
        for (long seq : seqs) {
            if (!q.scheduled.contains(seq)) {
                throw new BrokerException(ServiceBusError.MESSAGE_NOT_FOUND, "The scheduled message with sequence "
                        + "number " + seq + " could not be found in '" + q.entity.path() + "'.");
            }
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (long seq : seqs) {
            if (q.scheduled.remove(seq)) {
                MessageMeta meta = q.readMeta(seq);
                if (meta != null) {
                    writes.add(q.deleteStored(meta));
                }
            }
        }
        q.reschedule();
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }
}
