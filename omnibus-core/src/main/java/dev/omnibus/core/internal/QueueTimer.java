package dev.omnibus.core.internal;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.time.TimeSource;

/**
 * The single timer of a message queue and what happens when it fires: locks expire, scheduled messages become
 * active, waiting messages expire. Events that come earlier than the armed time pull it in through
 * {@link #wakeBy}; events that go away leave it armed, and the timer then finds nothing due and re-arms for the next
 * one. Confined to the entity mailbox.
 */
final class QueueTimer {
    private final MessageQueue queue;
    private long wakeupAt = Long.MAX_VALUE;
    private TimeSource.Timer timer;

    QueueTimer(MessageQueue queue) {
        this.queue = queue;
    }

    /** Re-arms for the earliest lock expiry, activation or message expiry. */
    void reschedule() {
        MessageQueue q = queue;
        long next = Math.min(q.locks.nextExpiry(), q.scheduled.nextDue());
        if (q.sessions != null) {
            next = Math.min(next, q.sessions.nextLockExpiry());
        }
        if (!q.expiries.isEmpty()) {
            next = Math.min(next, q.expiries.peekKey());
        }
        if (next != wakeupAt) {
            arm(next);
        }
    }

    /** Makes sure the timer fires no later than {@code at}. */
    void wakeBy(long at) {
        if (at < wakeupAt) {
            arm(at);
        }
    }

    private void arm(long at) {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        wakeupAt = at;
        if (at != Long.MAX_VALUE && !queue.entity.deleted) {
            timer = queue.entity.ctx.time().schedule(at, () -> queue.mailbox().execute(this::onTimer));
        }
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        wakeupAt = Long.MAX_VALUE;
    }

    private void onTimer() {
        MessageQueue q = queue;
        if (q.entity.deleted) {
            return;
        }
        timer = null;
        wakeupAt = Long.MAX_VALUE;
        long now = q.now();
        if (q.sessions != null) {
            q.sessions.expireLocks(now);
        }
        for (LockTable.Lock lock : q.locks.removeExpired(now)) {
            q.unlocked(lock, lock.meta, true);
        }
        for (long seq = q.scheduled.pollDue(now); seq >= 0; seq = q.scheduled.pollDue(now)) {
            MessageMeta meta = q.readMeta(seq);
            if (meta != null) {
                MessageMeta active = meta.activated(now);
                q.writeMeta(active);
                q.place(active);
            }
        }
        while (!q.expiries.isEmpty() && q.expiries.peekKey() <= now) {
            long seq = q.expiries.peekValue();
            q.expiries.poll();
            if (q.available.remove(seq) || q.deferred.remove(seq)) {
                MessageMeta meta = q.readMeta(seq);
                if (meta != null) {
                    q.leftWaiting(meta);
                    q.expire(meta);
                }
            }
        }
        q.pump();
        reschedule();
    }
}
