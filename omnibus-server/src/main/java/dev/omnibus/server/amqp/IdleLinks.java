package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.qpid.protonj2.engine.Link;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.engine.Session;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detaches entity links that carry no traffic for the link idle timeout, as Service Bus does after ten minutes:
 * {@code DETACH(closed=true, error=amqp:link:detach-forced)} with the service's wording ("The link 'x' is force
 * detached. Code: consumer(link3). Details: AmqpMessageConsumer.IdleTimerExpired: Idle timeout: 00:10:00."). The SDKs
 * treat the condition as transient and attach a new link when they need one.
 *
 * <p>Traffic is what the link owners report through {@link Watch#touch()}: transfers either way, the client's flows
 * and dispositions; and {@link #touchEntity} for lock operations on the entity's {@code $management} node (renewing
 * the lock of a message keeps the receiver that holds it alive, as in Service Bus). {@code $cbs} and
 * {@code $management} links themselves are never idled out.
 *
 * <p>One timer per connection: it wakes at the earliest deadline, detaches what is due and sleeps until the next
 * one; traffic only records the time. Time is the connection's clock (the broker's time source, read once per
 * read or task of the connection: {@link AmqpConnection#activityNow()}) and wake-ups are the connection's timers
 * ({@link Transport#schedule}, flushing after each). Confined to the connection's event loop.
 */
final class IdleLinks {
    private static final Logger LOG = LoggerFactory.getLogger(IdleLinks.class);
    private final long timeoutMillis;
    private final LongSupplier clock;
    private final Timers timers;
    private final Runnable onDetached;
    private final Set<Watch> watches = new LinkedHashSet<>();
    private Runnable cancelWake;
    private long wakeAt = Long.MAX_VALUE;
    private long linkNumbers;
    private boolean stopped;

    /**
     * @param timeout the idle timeout; zero switches idle detaching off
     * @param clock the connection's time, epoch millis
     * @param timers the connection's timers; a task they run must flush what it wrote
     * @param onDetached told after each link detached for idleness (for the server's counters)
     */
    IdleLinks(Duration timeout, LongSupplier clock, Timers timers, Runnable onDetached) {
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
        this.timers = timers;
        this.onDetached = onDetached;
    }

    /**
     * Starts watching a link that has just been opened.
     *
     * @param entity the entity the link is on ({@link #entityKey}), for {@link #touchEntity}
     * @param detach detaches the link with the condition given; the owner releases what the link holds
     */
    Watch watch(Link<?> link, String entity, Consumer<ErrorCondition> detach) {
        Watch w = new Watch(link, entity, detach, ++linkNumbers);
        if (timeoutMillis > 0 && !stopped) {
            w.lastActive = clock.getAsLong();
            watches.add(w);
            wakeBy(w.lastActive + timeoutMillis);
        }
        return w;
    }

    /** Lock traffic on the entity's management node counts for every receiving link of this connection on it. */
    void touchEntity(String entity) {
        if (watches.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        for (Watch w : watches) {
            if (w.receiving() && w.entity.equals(entity)) {
                w.lastActive = now;
            }
        }
    }

    /** The connection is gone: no more wake-ups. */
    void stop() {
        stopped = true;
        watches.clear();
        if (cancelWake != null) {
            cancelWake.run();
            cancelWake = null;
        }
    }

    /** The key links and management nodes of one entity (queue, subscription, or one of their sub-queues) share. */
    static String entityKey(String entityPath, Object subQueue) {
        return entityPath.toLowerCase(java.util.Locale.ROOT) + "|" + subQueue;
    }

    /**
     * .NET's TimeSpan form, as the service writes it: {@code 00:10:00}, {@code 1.00:00:00}, {@code 00:00:00.5000000}.
     */
    static String timeSpan(Duration d) {
        long days = d.toDays();
        String text = (days > 0 ? days + "." : "")
                + String.format("%02d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
        return d.toNanosPart() == 0 ? text : text + String.format(".%07d", d.toNanosPart() / 100);
    }

    private void wakeBy(long deadline) {
        if (deadline >= wakeAt) {
            return;
        }
        if (cancelWake != null) {
            cancelWake.run();
        }
        wakeAt = deadline;
        cancelWake = timers.schedule(this::wake, Math.max(1, deadline - clock.getAsLong()));
    }

    private void wake() {
        cancelWake = null;
        wakeAt = Long.MAX_VALUE;
        if (stopped) {
            return;
        }
        long now = clock.getAsLong();
        long next = Long.MAX_VALUE;
        List<Watch> due = new ArrayList<>();
        for (var it = watches.iterator(); it.hasNext(); ) {
            Watch w = it.next();
            if (!w.isUsable()) {
                it.remove();
            } else if (now - w.lastActive >= timeoutMillis) {
                it.remove();
                due.add(w);
            } else {
                next = Math.min(next, w.lastActive + timeoutMillis);
            }
        }
        due.forEach(this::detach);
        if (next != Long.MAX_VALUE) {
            wakeBy(next);
        }
    }

    private void detach(Watch w) {
        try {
            forceDetach(w);
        } catch (RuntimeException e) {
            // One link the engine will not close (its session just ended) must not stop the others' timer.
            LOG.debug("Could not detach idle link {}: {}", w.link.getName(), e.toString());
        }
    }

    private void forceDetach(Watch w) {
        boolean consumer = w.receiving();
        String description = ServiceBusError.DETACH_FORCED.describe(w.link.getName(),
                (consumer ? "consumer" : "publisher") + "(link" + w.number + ")",
                (consumer ? "AmqpMessageConsumer" : "AmqpMessagePublisher") + ".IdleTimerExpired: Idle timeout: "
                        + timeSpan(Duration.ofMillis(timeoutMillis)) + ".");
        w.detach.accept(AmqpErrors.condition(ServiceBusError.DETACH_FORCED, description));
        onDetached.run();
    }

    /** Runs a task on the connection's thread after a delay; the result cancels it. */
    @FunctionalInterface
    interface Timers {
        Runnable schedule(Runnable task, long delayMillis);
    }

    /** One watched link. */
    final class Watch {
        private final Link<?> link;
        private final String entity;
        private final Consumer<ErrorCondition> detach;
        private final long number;
        private long lastActive;

        private Watch(Link<?> link, String entity, Consumer<ErrorCondition> detach, long number) {
            this.link = link;
            this.entity = entity;
            this.detach = detach;
            this.number = number;
        }

        /** The link carried traffic. */
        void touch() {
            lastActive = clock.getAsLong();
        }

        /** The link is closed: stop watching it. */
        void cancel() {
            watches.remove(this);
        }

        /** Open on both sides, in an open session: a link that can still be detached. */
        private boolean isUsable() {
            Session session = link.getSession();
            return link.isLocallyOpen() && link.isRemotelyOpen() && session.isLocallyOpen()
                    && session.isRemotelyOpen();
        }

        /** Whether the client receives on it (the broker's end sends). */
        private boolean receiving() {
            return link instanceof Sender;
        }
    }
}
