package dev.omnibus.server.amqp;

import dev.omnibus.amqp.LockTokens;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.Receiver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.engine.Session;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transport.DeliveryState;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link the client receives on, from a queue, a subscription or one of their sub-queues, bridged to a core
 * {@link Receiver} that {@link ReceiverOpener} opens: on the whole entity, or on one session of it.
 *
 * <p>Credit: the core is never granted more than the link can take. {@code granted} counts credit given to the
 * core and not yet used by a delivery; deliveries that arrive while the link has no credit wait in {@code buffered};
 * the core's credit is topped up to {@code link credit - buffered - granted}. A drain asks the core to drain too and
 * completes (a flow with {@code drain=true} and the credit consumed) once the core reports it drained; a drain that
 * comes when the link has no credit left needs nothing. Credit given while a drain runs is counted apart, because the
 * core zeroes its credit when the drain ends.
 *
 * <p>Settlement: the client's outcome is applied to the message's lock and answered with a settled disposition of
 * the same outcome type ({@link Settlements}). Confined to the connection's event loop; the core's callbacks hop
 * here first.
 */
final class OutgoingLink {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingLink.class);

    private final AmqpConnection connection;
    private final Sender link;
    private final QueueEndpoint endpoint;
    private final ReceiveMode mode;
    private final ReceiverOpener opener;
    private final LinkWriter writer;
    private final String entity;
    private final Deque<ReceivedMessage> buffered = new ArrayDeque<>();
    /** Deliveries whose outcome is being applied; a repeated disposition for one of them is ignored. */
    /** Deliveries from the core (mailbox thread) waiting for the event loop. */
    private final Queue<ReceivedMessage> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean arrivalsPosted = new AtomicBoolean();
    private final Set<OutgoingDelivery> settling = Collections.newSetFromMap(new IdentityHashMap<>());
    private Receiver receiver;
    /** Set once the link is open: idle links are detached. */
    private IdleLinks.Watch idle;
    private int granted;
    private int grantedDuringDrain;
    private boolean drainPending;
    private boolean terminated;
    /** Lock tokens the client settled {@code accepted} this round, completed in one hand-off. */
    private List<UUID> settledCompletes = new ArrayList<>();

    /**
     * @param entity the entity's key for idle tracking ({@link IdleLinks#entityKey})
     */
    OutgoingLink(AmqpConnection connection, Sender link, QueueEndpoint endpoint, ReceiveMode mode,
                 ReceiverOpener opener, String entity) {
        this.connection = connection;
        this.link = link;
        this.endpoint = endpoint;
        this.mode = mode;
        this.opener = opener;
        this.writer = new LinkWriter(link);
        this.entity = entity;
    }

    /**
     * Opens the core receiver, then answers the attach (or refuses it with the core's error). A session receiver may
     * wait here for a session to become free; the attach is answered only then.
     */
    void open() {
        link.closeHandler(l -> onRemoteDetach(true));
        link.detachHandler(l -> onRemoteDetach(false));
        opened = opener.open(new Sink());
        opened.whenComplete((r, e) -> connection.execute(() -> onReceiverOpened(r, e)));
    }

    private CompletableFuture<? extends Receiver> opened;

    private void onReceiverOpened(Receiver r, Throwable e) {
        if (e != null) {
            connection.untrack(this);
            if (!terminated) {
                terminated = true;
                AmqpErrors.refuse(link, BrokerException.unwrap(e));
            }
            return;
        }
        receiver = r;
        if (terminated || link.isRemotelyClosedOrDetached()) {
            terminate();
            return;
        }
        link.setTarget(link.getRemoteTarget() instanceof Target t ? t : null);
        link.setSenderSettleMode(link.getRemoteSenderSettleMode());
        link.setReceiverSettleMode(link.getRemoteReceiverSettleMode());
        opener.describe(link, r);
        idle = connection.idleLinks().watch(link, entity, this::forceDetach);
        link.creditStateUpdateHandler(l -> {
            active();
            onCredit();
        });
        link.deliveryStateUpdatedHandler(this::onDisposition);
        link.open();
        onCredit();
    }

    /** The client changed credit or drain, or the session window opened. */
    private void onCredit() {
        if (terminated || receiver == null) {
            return;
        }
        sendBuffered();
        topUp();
        // A drain that arrives when the link has no credit left (the deliveries it asked for are already sent) is
        // already satisfied: there is nothing to drain, and protonj2 answers nothing for it. Draining the core anyway
        // would spin (core drained, link still draining, drain again) and count the next credit as given during
        // that drain, so its message could follow the drain's answer and arrive without credit.
        if (link.isDraining() && !drainPending && link.getCredit() > 0) {
            if (buffered.isEmpty()) {
                drainPending = true;
                receiver.drain();
            }
        }
    }

    private void topUp() {
        int want = link.getCredit() - buffered.size() - granted - grantedDuringDrain;
        if (want > 0) {
            if (drainPending) {
                grantedDuringDrain += want;
            } else {
                granted += want;
            }
            receiver.addCredit(want);
        }
    }

    private void onMessage(ReceivedMessage m) {
        granted--;
        if (terminated) {
            release(m);
            return;
        }
        buffered.add(m);
        sendBuffered();
    }

    /** Messages the core handed over since the last look, in order; one loop task per burst of them. */
    private void takeArrivals() {
        // Cleared before draining: a message added from now on either is drained here or posts a new task, and
        // a drain or close the core posts after it still runs after that task.
        arrivalsPosted.set(false);
        ReceivedMessage m;
        while ((m = arrivals.poll()) != null) {
            onMessage(m);
        }
    }

    private void onDrained() {
        granted = grantedDuringDrain;
        grantedDuringDrain = 0;
        drainPending = false;
        if (terminated) {
            return;
        }
        sendBuffered();
        if (link.isDraining() && buffered.isEmpty() && writer.isOpen()) {
            link.drained();
        }
        onCredit();
    }

    private void sendBuffered() {
        while (writer.resume() && !buffered.isEmpty() && writer.ready()) {
            ReceivedMessage m = buffered.poll();
            boolean locked = mode == ReceiveMode.PEEK_LOCK && m.lockToken() != null;
            ProtonBuffer payload;
            try {
                payload = DeliveryWriter.encode(m);
            } catch (IllegalArgumentException e) {
                LOG.warn("Stored message {} of {} cannot be encoded; releasing it", m.sequenceNumber(),
                        endpoint.path(), e);
                release(m);
                continue;
            }
            writer.send(locked ? LockTokens.toDeliveryTag(m.lockToken()) : null, !locked, payload,
                    locked ? m.lockToken() : null);
            active();
        }
    }

    private void onDisposition(OutgoingDelivery delivery) {
        active();
        UUID token = delivery.getLinkedResource();
        DeliveryState state = delivery.getRemoteState();
        if (delivery.isSettled() || token == null || state == null) {
            return;
        }
        if (delivery.isRemotelySettled()) {
            if (!settling.isEmpty() && settling.contains(delivery)) {
                return; // an earlier outcome of it is being applied
            }
            // The client settled its outcome: no answer goes back whatever the result, so the delivery is settled
            // here at once and the core applies the outcome without a hop back to this loop.
            delivery.settle();
            if (state instanceof Accepted) {
                // The common case, gathered over the round: one hand-off to the entity for the burst.
                if (settledCompletes.isEmpty()) {
                    connection.post(this::completeSettled);
                }
                settledCompletes.add(token);
                return;
            }
            Settlements.apply(endpoint, token, state).exceptionally(e -> {
                LOG.debug("Settled outcome for lock {} on {} not applied: {}", token, endpoint.path(), e.toString());
                return null;
            });
            return;
        }
        if (!settling.add(delivery)) {
            return; // an earlier outcome of it is being applied
        }
        Settlements.apply(endpoint, token, state).whenComplete((v, e) -> connection.execute(() -> {
            settling.remove(delivery);
            if (writer.isOpen()) {
                Settlements.answer(delivery, state, e);
            }
        }));
    }

    private void completeSettled() {
        List<UUID> tokens = settledCompletes;
        settledCompletes = new ArrayList<>();
        if (!tokens.isEmpty()) {
            endpoint.completeSettled(tokens);
        }
    }

    private void onRemoteDetach(boolean closed) {
        if (!link.isLocallyOpen() && !link.isLocallyClosedOrDetached()) {
            // Detached before the core receiver opened (a session receiver still waiting for a session). protonj2
            // cannot answer an attach the peer has already detached (open() refuses a remotely closed link, and an
            // exception here would fail the whole connection), so the link just ends; the core receiver, when it
            // comes, is closed at once by onReceiverOpened. Cancelling tells the core to stop waiting for a session.
            opened.cancel(false);
            terminate();
            return;
        }
        if (!link.isLocallyClosedOrDetached()) {
            if (closed) {
                link.close();
            } else {
                link.detach();
            }
        }
        terminate();
    }

    /** The link carried traffic: it is not idle. */
    private void active() {
        if (idle != null) {
            idle.touch();
        }
    }

    Session session() {
        return link.getSession();
    }

    /** Closes the core receiver and gives back what was never sent. Safe to call more than once. */
    void terminate() {
        // Outcomes the client settled go first: closing the receiver would otherwise release their locks.
        completeSettled();
        connection.untrack(this);
        if (idle != null) {
            idle.cancel();
        }
        if (terminated && receiver == null) {
            return;
        }
        terminated = true;
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        while (!buffered.isEmpty()) {
            release(buffered.poll());
        }
    }

    private void release(ReceivedMessage m) {
        if (m.lockToken() != null) {
            endpoint.release(m.lockToken()).exceptionally(e -> null);
        }
    }

    /**
     * The link carried nothing for the link idle timeout: it is closed with {@code amqp:link:detach-forced}, and, as
     * when the client detaches, its unsettled messages lose their locks.
     */
    private void forceDetach(ErrorCondition why) {
        terminate();
        if (!link.isLocallyClosedOrDetached()) {
            link.setCondition(why);
            link.close();
        }
    }

    /**
     * The core closed the receiver (entity deleted or disabled, session lock lost): detach the link with the reason,
     * e.g. {@code com.microsoft:session-lock-lost}.
     */
    private void onClosed(BrokerException why) {
        receiver = null;
        terminate();
        if (!link.isLocallyClosedOrDetached()) {
            if (link.isLocallyOpen()) {
                link.setCondition(AmqpErrors.condition(why));
                link.close();
            } else {
                AmqpErrors.refuse(link, why);
            }
        }
    }

    /** Receives the core's callbacks on the entity mailbox and hands them to the event loop. */
    private final class Sink implements DeliverySink {
        @Override
        public void onMessage(ReceivedMessage message) {
            arrivals.add(message);
            if (arrivalsPosted.compareAndSet(false, true)) {
                connection.post(OutgoingLink.this::takeArrivals);
            }
        }

        @Override
        public void onDrained() {
            connection.post(OutgoingLink.this::onDrained);
        }

        @Override
        public void onClosed(BrokerException reason) {
            connection.post(() -> OutgoingLink.this.onClosed(reason));
        }
    }
}
