package dev.omnibus.client.implementation;

import dev.omnibus.amqp.LockTokens;
import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedInteger;
import org.apache.qpid.protonj2.types.messaging.Released;
import org.apache.qpid.protonj2.types.transport.DeliveryState;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;

/**
 * A receiver link from an entity (or its dead-letter queue), with the credit policy that keeps locks safe:
 * <ul>
 *   <li>With prefetch 0, credit is granted only for what a pending receive asks for, and when the receive ends the
 *       link is drained, so the service never locks a message nobody is waiting for.</li>
 *   <li>With prefetch N, up to N messages are kept ready; a prefetched message whose lock has lapsed is released
 *       and never handed out.</li>
 *   <li>A receive returns as soon as it has {@code maxMessages}, or {@link #BATCH_GAP} after the last message when
 *       it has at least one, or at its deadline.</li>
 * </ul>
 * Settlement goes through {@link Settlements} on the same link.
 *
 * <p>A <em>session</em> link ({@link SessionRequest}) asks for one session with the source filter
 * {@code com.microsoft:session-filter} (a session id, or null for the next available one) and learns the session it
 * got, and its lock expiry, from the service's attach. Its receives end with a drain: a receive that got nothing by
 * its deadline drains the link and answers when the service has answered the drain, so an empty result means the
 * session had nothing to deliver (and no message is in flight). It is never re-attached; when it ends, the session
 * lock is gone, and every later operation fails with {@code SessionLockLostException}.
 *
 * <p>Confined to the connection's event loop, except the entry points that hop onto it, and a receive that the
 * prefetch buffer already covers: it takes its batch from the {@link PrefetchBuffer} on the caller's thread.
 */
final class ReceiveLink {
    /** After a receive has at least one message, it returns when no further message arrives for this long. */
    static final Duration BATCH_GAP = Duration.ofMillis(20);

    private final class PendingReceive {
        final int max;
        final List<ServiceBusReceivedMessage> messages = new ArrayList<>();
        final CompletableFuture<List<ServiceBusReceivedMessage>> done = new CompletableFuture<>();
        ScheduledFuture<?> deadline;
        ScheduledFuture<?> gap;
        /**
         * A session receive past its deadline without messages answers once this many drains have been answered
         * on the link (0: not waiting for one): a drain started after its credit was granted.
         */
        long drainTarget;

        PendingReceive(int max) {
            this.max = max;
        }

        void finish() {
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (gap != null) {
                gap.cancel(false);
            }
            done.complete(messages);
        }
    }

    private final AmqpConnection connection;
    private final String address;
    private final ServiceBusReceiveMode mode;
    private final int prefetch;
    private final SessionRequest session;
    private final CompletableFuture<ReceiveLink> ready = new CompletableFuture<>();
    private final PrefetchBuffer buffer = new PrefetchBuffer();
    private final ArrayDeque<PendingReceive> receives = new ArrayDeque<>();
    private final Settlements settlements;
    private Receiver receiver;
    private ScheduledFuture<?> drainWatchdog;
    /** Whether this side started a drain the service has not answered yet. */
    private boolean drainInFlight;
    /** How many drains the service has answered on this link. */
    private long drainsAnswered;
    private volatile ServiceBusException failure;
    private volatile String sessionId;
    private volatile OffsetDateTime sessionLockedUntil;
    private boolean closedByOwner;

    private ReceiveLink(AmqpConnection connection, String address, ServiceBusReceiveMode mode, int prefetch,
                        SessionRequest session) {
        this.connection = connection;
        this.address = address;
        this.mode = mode;
        this.prefetch = prefetch;
        this.session = session;
        this.settlements = new Settlements(address);
    }

    /** Authorises and attaches a receiver link from {@code address}. */
    static CompletableFuture<ReceiveLink> open(AmqpConnection connection, String entityPath, String address,
                                               ServiceBusReceiveMode mode, int prefetch) {
        return open(connection, entityPath, address, mode, prefetch, null);
    }

    /**
     * Authorises and attaches a receiver link from {@code address}; with a {@link SessionRequest}, a session link,
     * which completes once the service has locked a session for it. If the caller gives up on the future before the
     * service answers (cancels it, or fails it on a deadline), the link is detached as soon as it is attached, so no
     * session stays locked for nobody.
     */
    static CompletableFuture<ReceiveLink> open(AmqpConnection connection, String entityPath, String address,
                                               ServiceBusReceiveMode mode, int prefetch, SessionRequest session) {
        ReceiveLink link = new ReceiveLink(connection, address, mode, prefetch, session);
        connection.authorizer().authorize(entityPath).whenComplete((ok, error) -> {
            if (error != null) {
                link.ready.completeExceptionally(ServiceBusExceptions.unwrap(error));
            } else {
                connection.execute(link::attach);
            }
        });
        return link.ready;
    }

    private void attach() {
        if (ready.isDone()) {
            return; // The caller gave up before the link was even made.
        }
        String name = connection.config().clientId() + ":receive:" + address
                + (session == null ? "" : ":session:" + UUID.randomUUID());
        receiver = connection.newSession().receiver(name);
        receiver.deliveryReadHandler(this::onDelivery);
        receiver.deliveryStateUpdatedHandler(settlements::onRemoteUpdate);
        receiver.creditStateUpdateHandler(r -> onCreditUpdate());
        boolean peekLock = mode == ServiceBusReceiveMode.PEEK_LOCK;
        Duration timeout = session != null ? session.maxWait() : connection.config().retry().getTryTimeout();
        Map<Symbol, Object> properties = Map.of(
                Symbol.valueOf(ServiceBusNames.TIMEOUT), UnsignedInteger.valueOf(timeout.toMillis()),
                Symbol.valueOf(ServiceBusNames.RECEIVER_NAME), name);
        Map<Symbol, Object> filter = session == null ? null : session.sourceFilter();
        LinkAttach.attach(connection, receiver, new LinkAttach.Settings(name, address, name,
                peekLock ? SenderSettleMode.UNSETTLED : SenderSettleMode.SETTLED,
                peekLock ? ReceiverSettleMode.SECOND : ReceiverSettleMode.FIRST, properties, filter), this::fail)
                .whenComplete((attached, error) -> {
                    if (error != null) {
                        fail(ServiceBusExceptions.unwrap(error) instanceof ServiceBusException e ? e
                                : ServiceBusExceptions.connectionLost(name + " failed", error));
                    } else if (session != null && (sessionId = session.lockedSession(receiver)) == null) {
                        fail(ServiceBusExceptions.fromCondition(ServiceBusError.SESSION_CANNOT_BE_LOCKED.condition(),
                                "The service attached without naming a session"
                                        + (session.sessionId() == null ? "" : " (asked for " + session.sessionId()
                                        + ")"), address));
                    } else if (ready.complete(withLockExpiry())) {
                        topUpCredit();
                    } else {
                        closeNow(); // Nobody waits for this link any more: give its session back.
                    }
                });
    }

    /** A session link records the lock expiry the service gave with the session; returns this link. */
    private ReceiveLink withLockExpiry() {
        if (session != null) {
            sessionLockedUntil = SessionRequest.lockedUntil(receiver);
        }
        return this;
    }

    /** Receives up to {@code max} messages, waiting at most {@code maxWait}; never fails for lack of messages. */
    CompletableFuture<List<ServiceBusReceivedMessage>> receive(int max, Duration maxWait) {
        if (session == null && failure == null) {
            // Prefetch already holds the whole batch: hand it over on this thread; credit is topped up on the loop.
            Instant now = connection.config().clock().instant();
            List<ServiceBusReceivedMessage> ready = buffer.takeIfReady(max, message -> lockLapsed(message, now));
            if (ready != null) {
                connection.execute(this::topUpCredit);
                return CompletableFuture.completedFuture(ready);
            }
        }
        PendingReceive receive = new PendingReceive(max);
        connection.execute(() -> {
            if (failure != null && buffer.isEmpty()) {
                receive.done.completeExceptionally(failure);
                return;
            }
            receives.add(receive);
            receive.done.whenComplete((messages, error) -> {
                if (receive.done.isCancelled()) {
                    connection.execute(() -> {
                        receives.remove(receive);
                        giveBackNow(receive.messages);
                    });
                }
            });
            receive.deadline = connection.loop().schedule(() -> connection.execute(() -> deadline(receive)),
                    maxWait.toMillis(), TimeUnit.MILLISECONDS);
            serve();
            topUpCredit();
        });
        return receive.done;
    }

    private void onDelivery(IncomingDelivery delivery) {
        if (delivery.isPartial() || delivery.isAborted()) {
            return;
        }
        byte[] bytes = new byte[delivery.available()];
        delivery.readBytes(bytes, 0, bytes.length);
        UUID token = null;
        byte[] tag = delivery.getTag() == null ? null : delivery.getTag().tagBytes();
        if (mode == ServiceBusReceiveMode.PEEK_LOCK && tag != null && tag.length == 16) {
            token = LockTokens.fromDeliveryTag(tag);
        }
        ServiceBusReceivedMessage message = MessageCodec.decode(bytes, token,
                mode == ServiceBusReceiveMode.PEEK_LOCK ? new DeliveryHandle(this, delivery) : null);
        if (mode == ServiceBusReceiveMode.RECEIVE_AND_DELETE) {
            ModelAccess.received().markSettled(message);
            if (!delivery.isSettled()) {
                delivery.settle();
            }
        }
        buffer.add(message);
        serve();
        topUpCredit();
    }

    /** Hands buffered messages to pending receives, oldest receive first. */
    private void serve() {
        // A receive whose caller gave up (cancelled, timed out) must not swallow messages.
        receives.removeIf(receive -> receive.done.isDone());
        while (!receives.isEmpty() && !buffer.isEmpty()) {
            PendingReceive receive = receives.peek();
            if (receive.done.isDone()) {
                receives.poll();
                continue;
            }
            ServiceBusReceivedMessage message = buffer.poll();
            if (message == null) {
                break; // A receiving thread took the rest (PrefetchBuffer.takeIfReady).
            }
            if (lockLapsed(message, connection.config().clock().instant())) {
                release(message);
                continue;
            }
            receive.messages.add(message);
            if (receive.messages.size() >= receive.max) {
                receives.poll();
                receive.finish();
                maybeDrain();
            } else {
                if (receive.gap != null) {
                    receive.gap.cancel(false);
                }
                receive.gap = connection.loop().schedule(() -> connection.execute(() -> finish(receive)),
                        BATCH_GAP.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (failure != null && buffer.isEmpty()) {
            failReceives(failure);
        }
    }

    /** Messages a caller no longer wants (it gave up on its receive) go back to the front of the buffer. */
    void giveBack(List<ServiceBusReceivedMessage> messages) {
        if (!messages.isEmpty()) {
            connection.execute(() -> giveBackNow(messages));
        }
    }

    private void giveBackNow(List<ServiceBusReceivedMessage> messages) {
        buffer.addFirst(messages);
        messages.clear();
        serve();
    }

    private void finish(PendingReceive receive) {
        if (receives.remove(receive)) {
            receive.finish();
            maybeDrain();
        }
    }

    /**
     * A receive's deadline. A plain receive answers with what it has. A session receive that has nothing drains
     * first, and answers when the drain is answered: what arrives meanwhile is its result, and an empty result
     * means the session had nothing.
     */
    private void deadline(PendingReceive receive) {
        if (!receives.contains(receive)) {
            return;
        }
        if (session == null || !receive.messages.isEmpty() || failure != null) {
            finish(receive);
            return;
        }
        if (drainInFlight) {
            // That drain was asked for before this receive's credit was granted: its answer says nothing about what
            // the session has now. Wait for it, then drain again (onCreditUpdate).
            receive.drainTarget = drainsAnswered + 2;
        } else if (receiver.getCredit() == 0) {
            finish(receive);
        } else {
            receive.drainTarget = drainsAnswered + 1;
            startDrain();
        }
    }

    private boolean lockLapsed(ServiceBusReceivedMessage message, Instant now) {
        // In a session, messages are covered by the session's lock, which is renewed as a whole.
        if (session != null || mode != ServiceBusReceiveMode.PEEK_LOCK || message.getLockedUntil() == null) {
            return false;
        }
        return !message.getLockedUntil().toInstant().isAfter(now);
    }

    private void release(ServiceBusReceivedMessage message) {
        if (ModelAccess.received().handle(message) instanceof DeliveryHandle handle
                && !handle.delivery().isSettled()) {
            handle.delivery().disposition(Released.getInstance(), true);
        }
    }

    /** Grants the credit that pending receives and the prefetch window need, unless a drain is in progress. */
    private void topUpCredit() {
        if (receiver == null || !ready.isDone() || failure != null || receiver.isDraining()) {
            return;
        }
        int needed = prefetch;
        for (PendingReceive receive : receives) {
            needed += receive.max - receive.messages.size();
        }
        int missing = needed - buffer.size() - receiver.getCredit();
        if (missing > 0) {
            receiver.addCredit(missing);
        }
    }

    /** With prefetch 0 and nobody waiting, takes back outstanding credit so no message gets locked for nobody. */
    private void maybeDrain() {
        if (prefetch > 0 || !receives.isEmpty() || receiver == null || failure != null
                || receiver.getCredit() == 0 || receiver.isDraining()) {
            return;
        }
        startDrain();
    }

    private void startDrain() {
        drainInFlight = true;
        receiver.drain();
        // A service that never answers the drain must not stall this receiver: replace the link.
        long timeout = connection.config().retry().getTryTimeout().toMillis();
        drainWatchdog = connection.loop().schedule(() -> connection.execute(() -> {
            if (receiver.isDraining() && failure == null) {
                fail(ServiceBusExceptions.connectionLost("The drain on " + address + " was not answered", null));
            }
        }), timeout, TimeUnit.MILLISECONDS);
    }

    private void onCreditUpdate() {
        if (!drainInFlight || receiver.isDraining()) {
            topUpCredit();
            return;
        }
        drainInFlight = false;
        drainsAnswered++;
        if (drainWatchdog != null) {
            drainWatchdog.cancel(false);
            drainWatchdog = null;
        }
        boolean drainAgain = false;
        for (PendingReceive receive : new ArrayList<>(receives)) {
            if (receive.drainTarget == 0) {
                continue;
            }
            if (receive.drainTarget <= drainsAnswered || !receive.messages.isEmpty()) {
                finish(receive);
            } else {
                drainAgain = true;
            }
        }
        topUpCredit();
        if (drainAgain && failure == null && !drainInFlight) {
            if (receiver.getCredit() > 0) {
                startDrain();
            } else {
                receives.stream().filter(r -> r.drainTarget != 0).toList().forEach(this::finish);
            }
        }
    }

    /** Settles a message received on this link; see {@link Settlements}. */
    CompletableFuture<Void> settle(IncomingDelivery delivery, DeliveryState outcome) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.execute(() -> {
            if (failure != null || delivery.getLink() != receiver) {
                done.completeExceptionally(failure != null ? failure
                        : ServiceBusExceptions.connectionLost("The message's link is gone", null));
                return;
            }
            settlements.settle(delivery, outcome, done);
        });
        return done;
    }

    private void fail(ServiceBusException cause) {
        if (failure != null) {
            return;
        }
        // Once a session link is attached, its end is the end of the session lock, whatever ended it.
        ServiceBusException error = session != null && ready.isDone() && !ready.isCompletedExceptionally()
                && !closedByOwner ? ServiceBusExceptions.sessionLinkEnded(sessionId, cause) : cause;
        failure = error;
        ready.completeExceptionally(error);
        settlements.failAll(error);
        // Messages already buffered stay deliverable in RECEIVE_AND_DELETE (the service deleted them); peek-lock
        // messages lost their locks with the link, so they are dropped.
        if (mode == ServiceBusReceiveMode.PEEK_LOCK) {
            buffer.clear();
        }
        serve();
        if (buffer.isEmpty()) {
            failReceives(error);
        }
        if (receiver != null) {
            LinkAttach.closeWithSession(receiver);
        }
    }

    private void failReceives(ServiceBusException error) {
        Iterator<PendingReceive> pending = receives.iterator();
        while (pending.hasNext()) {
            PendingReceive receive = pending.next();
            pending.remove();
            if (receive.messages.isEmpty()) {
                receive.done.completeExceptionally(error);
            } else {
                receive.finish();
            }
        }
    }

    /** @return the link's name, for {@code associated-link-name} on management requests */
    String name() {
        return receiver == null ? null : receiver.getName();
    }

    /** @return whether the link still works (buffered messages count in RECEIVE_AND_DELETE) */
    boolean isUsable() {
        return failure == null && connection.isUsable();
    }

    /** @return why the link ended, or null while it works */
    ServiceBusException failure() {
        return failure;
    }

    /** @return the session this link holds, or null (not a session link, or not attached yet) */
    String sessionId() {
        return sessionId;
    }

    /** @return the session lock's expiry as the service gave it on attach, or null */
    OffsetDateTime sessionLockedUntil() {
        return sessionLockedUntil;
    }

    /** @return the receive mode */
    ServiceBusReceiveMode mode() {
        return mode;
    }

    /** Detaches the link; unsettled peek-lock messages go back to the entity when the service sees the detach. */
    void close() {
        connection.execute(this::closeNow);
    }

    private void closeNow() {
        closedByOwner = true;
        fail(ServiceBusExceptions.connectionLost("The receiver was closed", null));
    }

    /** What a peek-lock message carries so it can be settled on the link it came from. */
    record DeliveryHandle(ReceiveLink link, IncomingDelivery delivery) {
    }
}
