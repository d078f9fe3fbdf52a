package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.Durations;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.SystemProperties;
import dev.omnibus.core.store.StoreBatch;
import java.time.Instant;
import java.util.List;

/**
 * How a queue admits new messages: status and size checks, duplicate detection, auto-forwarding, and the store
 * write after which the messages wait. The outcome goes to a callback rather than a future chain: a send is the
 * hottest path of the broker, and every future and stage on it costs allocation and a completion walk per message.
 * Confined to the entity mailbox.
 */
final class QueueSends {
    /** Told the outcome of a send: sequence numbers (0 for dropped duplicates), or why it failed. */
    interface Outcome {
        void done(long[] sequenceNumbers, BrokerException failure);
    }

    private final QueueEntity entity;
    private final DuplicateDetector duplicates = new DuplicateDetector();

    QueueSends(QueueEntity entity) {
        this.entity = entity;
    }

    DuplicateDetector duplicates() {
        return duplicates;
    }

    /**
     * Accepts sent or scheduled messages: checks status, sizes and sessions, drops duplicates, forwards or stores
     * them atomically. A refusal is thrown; the outcome of a write goes to {@code outcome}, in the mailbox.
     */
    void accept(List<IncomingMessage> messages, boolean schedule, int hops, Outcome outcome) {
        accept(messages, schedule, hops, entity.ctx.time().now(), outcome);
    }

    /** {@link #accept(List, boolean, int, Outcome)} at {@code now}, the time of the mailbox task. */
    void accept(List<IncomingMessage> messages, boolean schedule, int hops, long now, Outcome outcome) {
        QueueDescription d = entity.description();
        if (!d.status().canSend()) {
            throw new BrokerException(ServiceBusError.ENTITY_DISABLED, ServiceBusError.ENTITY_DISABLED.describe(
                    entity.errorName(), "Send operations are not allowed while the entity is "
                            + d.status().wireName() + "."));
        }
        entity.accessedAt = now;
        for (int i = 0; i < messages.size(); i++) {
            IncomingMessage m = messages.get(i);
            if (m.size() > d.maxMessageSizeBytes()) {
                throw BrokerException.of(ServiceBusError.MESSAGE_SIZE_EXCEEDED, m.size(), d.maxMessageSizeBytes());
            }
            if (d.requiresSession() && m.sessionId() == null) {
                throw new BrokerException(ServiceBusError.NOT_ALLOWED, "The SessionId was not set on a message, and "
                        + "it cannot be sent to the entity. Entities that have session support enabled can only "
                        + "receive messages that have the SessionId set to a valid value.");
            }
        }
        if (!d.requiresDuplicateDetection()) {
            if (d.forwardTo() != null && !messages.isEmpty()) {
                forward(messages, schedule, hops, d.forwardTo(), outcome);
            } else {
                store(messages, entity.main, schedule, null, null, null, now, outcome);
            }
            return;
        }
        pruneDuplicates(now);
        SendDeduplication dedup = SendDeduplication.check(duplicates, true, messages, now,
                d.duplicateDetectionHistoryTimeWindow().toMillis());
        List<IncomingMessage> fresh = dedup.fresh();
        Outcome spread = (seqs, e) -> {
            if (e != null) {
                dedup.takeBack(duplicates);
                outcome.done(null, e);
            } else {
                outcome.done(dedup.spread(seqs), null);
            }
        };
        try {
            if (d.forwardTo() != null && !fresh.isEmpty()) {
                forward(fresh, schedule, hops, d.forwardTo(), spread);
            } else {
                store(fresh, entity.main, schedule, null, null, dedup, now, spread);
            }
        } catch (RuntimeException e) {
            dedup.takeBack(duplicates);
            throw e;
        }
    }

    private void forward(List<IncomingMessage> messages, boolean schedule, int hops, String target,
                         Outcome outcome) {
        long now = entity.ctx.time().now();
        if (hops + 1 > QueueEntity.MAX_TRANSFER_HOPS) {
            store(messages, entity.transferDeadLetter, schedule, "MaxTransferHopCountExceeded",
                    "The message exceeded the maximum number of auto-forwarding hops ("
                            + QueueEntity.MAX_TRANSFER_HOPS + ").", null, now, outcome);
            return;
        }
        MessageTarget next = entity.resolver().find(target);
        if (next == null) {
            store(messages, entity.transferDeadLetter, schedule, "MessagingEntityNotFound",
                    "The auto-forwarding destination '" + target + "' could not be found.", null, now, outcome);
            return;
        }
        next.call(() -> next.accept(messages, schedule, hops + 1))
                .whenComplete((seqs, e) -> entity.mailbox.execute(
                        () -> outcome.done(seqs, e == null ? null : BrokerException.unwrap(e))));
    }

    /** Puts a message that could not be forwarded into the transfer dead-letter queue. */
    void deadLetterIncoming(IncomingMessage m, String reason, String description, Outcome outcome) {
        store(List.of(m), entity.transferDeadLetter, false, reason, description, null, entity.ctx.time().now(),
                outcome);
    }

    /** Stores new messages in {@code target} (the entity or its transfer dead-letter queue) in one batch. */
    private void store(List<IncomingMessage> messages, MessageQueue target, boolean schedule,
                       String deadLetterReason, String deadLetterDescription, SendDeduplication dedup, long now,
                       Outcome outcome) {
        QueueDescription d = entity.description();
        long bytes = 0;
        for (int i = 0; i < messages.size(); i++) {
            bytes += messages.get(i).size();
        }
        if (entity.sizeBytes + bytes > d.maxSizeBytes()) {
            throw new BrokerException(ServiceBusError.QUOTA_EXCEEDED, "The maximum entity size has been reached or "
                    + "exceeded for Queue: '" + entity.errorName() + "'. Size of entity in bytes:" + entity.sizeBytes
                    + ", Max entity size in bytes: " + d.maxSizeBytes() + ".");
        }
        int n = messages.size();
        long[] seqs = new long[n];
        if (n == 0) {
            outcome.done(seqs, null); // nothing to store, and with no message no duplicate id was registered
            return;
        }
        MessageMeta[] metas = new MessageMeta[n];
        for (int i = 0; i < n; i++) {
            MessageMeta meta = newMeta(messages.get(i), entity.nextSequence(), schedule, now, d);
            if (deadLetterReason != null) {
                meta = meta.withState(MessageState.ACTIVE).deadLettered(deadLetterReason, deadLetterDescription, null);
            }
            metas[i] = meta;
            seqs[i] = meta.sequenceNumber();
        }
        entity.sizeBytes += bytes;
        // Straight into this turn's batch (nothing below throws): the sends of a turn share one batch and one sync.
        StoreBatch batch = entity.writes().turn();
        for (int i = 0; i < n; i++) {
            batch.putMessage(target.queueId, metas[i], messages.get(i).payload());
        }
        batch.putSequence(entity.id, entity.lastSequence());
        if (dedup != null) {
            dedup.persist(batch, entity.id);
        }
        long added = bytes;
        entity.writes().whenDurableInMailbox(failure -> {
            if (failure != null) {
                entity.sizeBytes -= added;
                outcome.done(null, failure);
                return;
            }
            for (int i = 0; i < n; i++) {
                target.placeArrived(metas[i], messages.get(i).payload());
            }
            target.pump();
            outcome.done(seqs, null);
        });
    }

    private static MessageMeta newMeta(IncomingMessage m, long seq, boolean schedule, long now, QueueDescription d) {
        long entityTtl = Durations.toMillis(d.defaultMessageTimeToLive());
        long ttl = m.timeToLive() == null || m.timeToLive().isNegative() || m.timeToLive().isZero()
                ? entityTtl : Math.min(Durations.toMillis(m.timeToLive()), entityTtl);
        Instant scheduled = m.scheduledEnqueueTime();
        boolean later = scheduled != null && scheduled.toEpochMilli() > now;
        long enqueuedAt = later ? scheduled.toEpochMilli() : now;
        return new MessageMeta(seq, later ? MessageState.SCHEDULED : MessageState.ACTIVE, 0, enqueuedAt, ttl,
                Durations.saturatedAdd(enqueuedAt, ttl), later ? scheduled.toEpochMilli() : 0, m.size(),
                SystemProperties.of(m), null, null, null, 0, null);
    }

    private void pruneDuplicates(long now) {
        List<String> gone = duplicates.prune(now);
        if (!gone.isEmpty()) {
            StoreBatch batch = entity.writes().turn();
            gone.forEach(messageId -> batch.deleteDuplicate(entity.id, messageId));
        }
    }
}
