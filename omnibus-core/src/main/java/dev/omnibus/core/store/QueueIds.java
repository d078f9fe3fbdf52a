package dev.omnibus.core.store;

import dev.omnibus.core.SubQueue;

/** A queue id names one message store of an entity: {@code entityId * 4 + subQueue.code()}. */
public final class QueueIds {
    private QueueIds() {
    }

    public static long of(long entityId, SubQueue subQueue) {
        return entityId * 4 + subQueue.code();
    }

    public static long entityOf(long queueId) {
        return queueId >>> 2;
    }

    public static SubQueue subQueueOf(long queueId) {
        return SubQueue.ofCode((int) (queueId & 3));
    }

    /** The lowest queue id of an entity; its queues are {@code first .. first + 3}. */
    public static long firstOf(long entityId) {
        return entityId * 4;
    }
}
