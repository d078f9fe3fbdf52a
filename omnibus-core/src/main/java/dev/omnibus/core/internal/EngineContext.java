package dev.omnibus.core.internal;

import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.time.TimeSource;
import java.util.concurrent.Executor;

/** What every entity engine shares: the store, time, and the pool its mailbox runs on. */
public record EngineContext(MessageStore store, TimeSource time, Executor pool) {
}
