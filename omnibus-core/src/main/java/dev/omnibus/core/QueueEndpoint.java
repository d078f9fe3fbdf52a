package dev.omnibus.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One queue, or one of its sub-queues (dead-letter, transfer dead-letter), as protocol adapters use it. Every
 * method may be called from any thread; the work runs in the entity's mailbox and the future completes after what
 * it changed is durable, on the mailbox's or the store's thread. Failures complete the future with a
 * {@link BrokerException}.
 */
public interface QueueEndpoint {
    /** The entity's path, as it was created. */
    String path();

    SubQueue subQueue();

    /** The entity's definition now. */
    QueueDescription description();

    /** Sends messages atomically: all are stored or none. Only on the entity itself, not its sub-queues. */
    CompletableFuture<Void> send(List<IncomingMessage> messages);

    /**
     * Sends several independent lists, each atomically as {@link #send} does; {@code done} is told once, when every
     * outcome is known, with one failure per list (null where the list was stored). Front doors use it for a burst
     * of transfers: one hand-off to the entity and one back, instead of one each per transfer. {@code done} runs on
     * whichever thread learns the last outcome.
     */
    default void sendEach(List<List<IncomingMessage>> sends, Consumer<Throwable[]> done) {
        Throwable[] failures = new Throwable[sends.size()];
        if (sends.isEmpty()) {
            done.accept(failures);
            return;
        }
        AtomicInteger remaining = new AtomicInteger(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            int index = i;
            send(sends.get(i)).whenComplete((v, e) -> {
                failures[index] = e == null ? null : BrokerException.unwrap(e);
                if (remaining.decrementAndGet() == 0) {
                    done.accept(failures);
                }
            });
        }
    }

    /** Stores messages as scheduled at their {@code scheduledEnqueueTime}; returns their sequence numbers. */
    CompletableFuture<long[]> schedule(List<IncomingMessage> messages);

    /** Removes scheduled messages; an unknown sequence number fails with MessageNotFound. */
    CompletableFuture<Void> cancelScheduled(long[] sequenceNumbers);

    /** Attaches a consumer; it receives nothing until it is given credit. */
    CompletableFuture<Receiver> openReceiver(ReceiveMode mode, DeliverySink sink);

    CompletableFuture<Void> complete(UUID lockToken);

    /**
     * Completes messages whose receiver has settled already, so nobody waits for the outcome: a lock that is lost
     * is simply skipped (the message was redelivered or is gone). One hand-off to the entity for a burst.
     */
    default void completeSettled(List<UUID> lockTokens) {
        for (UUID token : lockTokens) {
            complete(token).exceptionally(e -> null);
        }
    }

    /** Makes the message available again at its place, counting the attempt; may dead-letter it. */
    CompletableFuture<Void> abandon(UUID lockToken, Map<String, Object> propertiesToModify);

    /** Sets the message aside; it can then be received only by sequence number. */
    CompletableFuture<Void> defer(UUID lockToken, Map<String, Object> propertiesToModify);

    CompletableFuture<Void> deadLetter(UUID lockToken, String reason, String description,
                                       Map<String, Object> propertiesToModify);

    /** Gives back a message the client never processed: like abandon, without counting the attempt. */
    CompletableFuture<Void> release(UUID lockToken);

    /** Extends the lock by the lock duration; returns the new expiry. */
    CompletableFuture<Instant> renewLock(UUID lockToken);

    /** Up to {@code maxCount} messages from {@code fromSequenceNumber} on, in every state, without locking them. */
    CompletableFuture<List<ReceivedMessage>> peek(long fromSequenceNumber, int maxCount);

    /** Receives deferred messages by sequence number; any number that is not a deferred message fails all. */
    CompletableFuture<List<ReceivedMessage>> receiveDeferred(long[] sequenceNumbers, ReceiveMode mode);

    /** Deletes up to {@code maxCount} unlocked messages enqueued before {@code enqueuedBefore}; returns how many. */
    CompletableFuture<Integer> deleteMessages(int maxCount, Instant enqueuedBefore);

    // ---- sessions (entities with RequiresSession) ---------------------------------------------------------------

    /**
     * Locks a session and attaches a consumer to it. With a session id, that session (SessionCannotBeLocked if
     * another receiver holds it); with null, the oldest session that has messages waiting and is not locked,
     * waiting up to {@code timeout} for one (then Timeout). Cancelling the future while it waits ends the wait.
     */
    CompletableFuture<SessionReceiver> acceptSession(String sessionId, ReceiveMode mode, DeliverySink sink,
                                                     java.time.Duration timeout);

    /** Extends a held session's lock; SessionLockLost when nobody holds it. */
    CompletableFuture<Instant> renewSessionLock(String sessionId);

    /** The state of a held session, or null when it has none. */
    CompletableFuture<byte[]> getSessionState(String sessionId);

    /** Sets (null clears) the state of a held session; durable when the future completes. */
    CompletableFuture<Void> setSessionState(String sessionId, byte[] state);

    /** Ids of sessions with messages or state, updated at or after {@code updatedAfter}, ordered, paged. */
    CompletableFuture<List<String>> listSessions(Instant updatedAfter, int skip, int top);

    /** Like {@link #peek(long, int)}, within one session. */
    CompletableFuture<List<ReceivedMessage>> peekSession(String sessionId, long fromSequenceNumber, int maxCount);

    /** Like {@link #receiveDeferred(long[], ReceiveMode)}, for a session this caller holds. */
    CompletableFuture<List<ReceivedMessage>> receiveDeferred(long[] sequenceNumbers, ReceiveMode mode,
                                                             String sessionId);
}
