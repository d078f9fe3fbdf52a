package dev.omnibus.core.internal;

import dev.omnibus.core.LoopTurns;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial executor on a shared pool: tasks run one at a time, in submission order, never two at once. Each
 * entity owns one, and its state is touched only by tasks of its mailbox. With a direct pool ({@code Runnable::run})
 * tasks run on the submitting thread, which makes unit tests deterministic; a task submitted from inside a running
 * task runs after it, never nested. A turn started from a {@link LoopTurns} event loop runs on that loop.
 */
public final class Mailbox implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);
    /** Tasks run per turn before the mailbox yields its pool thread to other mailboxes. */
    private static final int BATCH = 256;

    private final String name;
    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Thread runner;

    public Mailbox(String name, Executor pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    /** On a registered event loop the turn stays on that loop's thread (no wake-up); elsewhere it goes to the pool. */
    private void schedule() {
        Executor loop = LoopTurns.ofThisThread();
        if (loop != null) {
            try {
                loop.execute(this::drain);
                return;
            } catch (RejectedExecutionException e) {
                // The loop is shutting down: the pool takes the turn.
            }
        }
        pool.execute(this::drain);
    }

    private void drain() {
        runner = Thread.currentThread();
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("Task failed in mailbox {}", name, e);
                }
            }
        } finally {
            runner = null;
            scheduled.set(false);
        }
        // A task may have arrived after the last poll but before the flag was cleared. A backlog goes to the pool
        // even from an event loop: the loop keeps only turns that start idle, so a busy entity does not pin it.
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    /** Whether the calling thread is running this mailbox's task now (for assertions). */
    public boolean inMailbox() {
        return runner == Thread.currentThread();
    }

    public String name() {
        return name;
    }
}
