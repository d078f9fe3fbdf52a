package dev.omnibus.core;

import java.util.concurrent.Executor;

/**
 * Lets a protocol event loop run entity turns itself. An entity's mailbox normally runs its turn on the broker's
 * pool, which costs a thread wake-up on the way in and another on the way back to the connection; a request that
 * arrives on a loop thread registered here instead runs the turn as a later task of that loop, after what the loop
 * is doing now (never nested in it). A turn that is already running or queued elsewhere is not moved: each entity's
 * state still has one turn at a time.
 */
public final class LoopTurns {
    private static final ThreadLocal<Executor> LOOP = new ThreadLocal<>();

    private LoopTurns() {
    }

    /**
     * Registers the calling thread: turns its requests start will run through {@code loop}, which must run tasks on
     * this same thread, later and in order (a Netty event loop's {@code execute} does).
     */
    public static void adopt(Executor loop) {
        LOOP.set(loop);
    }

    /** The calling thread's loop, or null when it is not a registered loop thread. */
    public static Executor ofThisThread() {
        return LOOP.get();
    }
}
