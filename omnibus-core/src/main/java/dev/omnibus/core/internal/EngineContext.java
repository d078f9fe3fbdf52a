package dev.omnibus.core.internal;

import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.time.TimeSource;
import java.util.concurrent.Executor;

/**
 * What every entity engine shares: the store, time, the pool its mailbox runs on, and how many payload bytes a
 * queue may keep in the heap for messages that just arrived (so a receiver that keeps up never reads the store).
 */
public record EngineContext(MessageStore store, TimeSource time, Executor pool, long hotBytesPerQueue) {
    /** Default heap budget of arrived-but-not-delivered payloads per queue. */
    public static final long DEFAULT_HOT_BYTES_PER_QUEUE = 8L << 20;

    public EngineContext(MessageStore store, TimeSource time, Executor pool) {
        this(store, time, pool, DEFAULT_HOT_BYTES_PER_QUEUE);
    }
}
