package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.Receiver;
import dev.omnibus.core.SessionReceiver;
import dev.omnibus.core.SubQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** {@link QueueEndpoint} over one message queue of an entity: every call becomes a mailbox task. */
final class EntityEndpoint implements QueueEndpoint {
    private final QueueEntity entity;
    private final MessageQueue queue;

    EntityEndpoint(QueueEntity entity, MessageQueue queue) {
        this.entity = entity;
        this.queue = queue;
    }

    @Override
    public String path() {
        return entity.path();
    }

    @Override
    public SubQueue subQueue() {
        return queue.subQueue;
    }

    @Override
    public QueueDescription description() {
        return entity.description();
    }

    @Override
    public CompletableFuture<Void> send(List<IncomingMessage> messages) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        entity.run(result, () -> {
            requireEntityItself("send to");
            entity.sends.accept(messages, false, 0, (seqs, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(null);
                }
            });
        });
        return result;
    }

    @Override
    public void sendEach(List<List<IncomingMessage>> sends, Consumer<Throwable[]> done) {
        Throwable[] failures = new Throwable[sends.size()];
        if (sends.isEmpty()) {
            done.accept(failures);
            return;
        }
        // Refused as a whole (entity deleted, or a sub-queue): every list fails alike.
        CompletableFuture<Void> refused = new CompletableFuture<>();
        refused.whenComplete((v, e) -> {
            Arrays.fill(failures, BrokerException.unwrap(e));
            done.accept(failures);
        });
        entity.run(refused, () -> {
            requireEntityItself("send to");
            AtomicInteger remaining = new AtomicInteger(sends.size());
            long now = queue.now(); // one clock read for the round's transfers, not one per transfer
            for (int i = 0; i < sends.size(); i++) {
                int index = i;
                QueueSends.Outcome outcome = (seqs, e) -> {
                    failures[index] = e;
                    if (remaining.decrementAndGet() == 0) {
                        done.accept(failures);
                    }
                };
                try {
                    entity.sends.accept(sends.get(i), false, 0, now, outcome);
                } catch (RuntimeException e) {
                    outcome.done(null, BrokerException.unwrap(e));
                }
            }
        });
    }

    @Override
    public CompletableFuture<long[]> schedule(List<IncomingMessage> messages) {
        return entity.call(() -> {
            requireEntityItself("schedule messages on");
            return entity.accept(messages, true, 0);
        });
    }

    @Override
    public CompletableFuture<Void> cancelScheduled(long[] sequenceNumbers) {
        return entity.call(() -> QueueBrowsing.cancelScheduled(queue, sequenceNumbers));
    }

    @Override
    public CompletableFuture<Receiver> openReceiver(ReceiveMode mode, DeliverySink sink) {
        return entity.call(() -> {
            requireReceivable();
            if (queue.sessions != null) {
                throw new BrokerException(ServiceBusError.NOT_ALLOWED, "It is not possible for an entity that "
                        + "requires sessions to create a non-sessionful message receiver.");
            }
            entity.accessedAt = queue.now();
            return CompletableFuture.completedFuture(queue.openReceiver(mode, sink));
        });
    }

    @Override
    public CompletableFuture<Void> complete(UUID lockToken) {
        // Replies from the store's thread once the delete is durable: nothing in the entity waits for it.
        CompletableFuture<Void> result = new CompletableFuture<>();
        entity.run(result, () -> queue.deleteStored(queue.takeLock(lockToken).meta, result));
        return result;
    }

    @Override
    public void completeSettled(List<UUID> lockTokens) {
        entity.run(new CompletableFuture<Void>(), () -> {
            long now = queue.now(); // one clock read for the burst, not one per token
            for (UUID token : lockTokens) {
                try {
                    queue.deleteStored(queue.takeLock(token, now).meta, null);
                } catch (BrokerException e) {
                    // Lock lost: the message was redelivered or is gone; the receiver settled, nobody waits.
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> abandon(UUID lockToken, Map<String, Object> propertiesToModify) {
        return entity.call(() -> {
            LockTable.Lock lock = queue.takeLock(lockToken);
            CompletableFuture<Void> done = queue.unlocked(lock, lock.meta.withPropertyChanges(propertiesToModify), true);
            queue.pump();
            return done;
        });
    }

    @Override
    public CompletableFuture<Void> defer(UUID lockToken, Map<String, Object> propertiesToModify) {
        return entity.call(() -> {
            LockTable.Lock lock = queue.takeLock(lockToken);
            MessageMeta deferred = lock.meta.withState(MessageState.DEFERRED).withPropertyChanges(propertiesToModify);
            CompletableFuture<Void> done = queue.writeMeta(deferred);
            queue.place(deferred);
            queue.reschedule();
            return done;
        });
    }

    @Override
    public CompletableFuture<Void> deadLetter(UUID lockToken, String reason, String description,
                                              Map<String, Object> propertiesToModify) {
        return entity.call(() -> {
            LockTable.Lock lock = queue.takeLock(lockToken);
            return queue.deadLetter(lock.meta.withPropertyChanges(propertiesToModify), reason, description);
        });
    }

    @Override
    public CompletableFuture<Void> release(UUID lockToken) {
        return entity.call(() -> {
            LockTable.Lock lock = queue.takeLock(lockToken);
            CompletableFuture<Void> done = queue.unlocked(lock, lock.meta, false);
            queue.pump();
            return done;
        });
    }

    @Override
    public CompletableFuture<Instant> renewLock(UUID lockToken) {
        return entity.call(() -> {
            LockTable.Lock lock = queue.locks.get(lockToken);
            long now = queue.now();
            if (lock != null && lock.session != null) {
                // A session message's lock is its session's.
                return CompletableFuture.completedFuture(Instant.ofEpochMilli(
                        SessionOperations.book(queue).renew(lock.session.id)));
            }
            if (lock == null || lock.lockedUntil <= now) {
                throw BrokerException.of(ServiceBusError.MESSAGE_LOCK_LOST);
            }
            queue.locks.renew(lock, queue.lockedUntil(now));
            queue.reschedule();
            return CompletableFuture.completedFuture(Instant.ofEpochMilli(lock.lockedUntil));
        });
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> peek(long fromSequenceNumber, int maxCount) {
        return entity.call(() -> CompletableFuture.completedFuture(
                QueueBrowsing.peek(queue, fromSequenceNumber, maxCount)));
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receiveDeferred(long[] sequenceNumbers, ReceiveMode mode) {
        return entity.call(() -> CompletableFuture.completedFuture(
                QueueBrowsing.receiveDeferred(queue, sequenceNumbers, mode)));
    }

    @Override
    public CompletableFuture<Integer> deleteMessages(int maxCount, Instant enqueuedBefore) {
        return entity.call(() -> QueueBrowsing.deleteMessages(queue, maxCount, enqueuedBefore.toEpochMilli()));
    }

    // ---- sessions ----------------------------------------------------------------------------------------------

    /** The returned future may be cancelled while it waits for a session: the wait then ends and locks nothing. */
    @Override
    public CompletableFuture<SessionReceiver> acceptSession(String sessionId, ReceiveMode mode, DeliverySink sink,
                                                            Duration timeout) {
        CompletableFuture<SessionReceiver> result = new CompletableFuture<>();
        entity.call(() -> {
            SessionBook book = SessionOperations.book(queue);
            requireReceivable();
            entity.accessedAt = queue.now();
            if (!result.isDone()) {
                book.accept(sessionId, mode, sink, timeout.toMillis(), result);
            }
            return CompletableFuture.completedFuture(null);
        }).whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Instant> renewSessionLock(String sessionId) {
        return entity.call(() -> CompletableFuture.completedFuture(
                Instant.ofEpochMilli(SessionOperations.book(queue).renew(sessionId))));
    }

    @Override
    public CompletableFuture<byte[]> getSessionState(String sessionId) {
        return entity.call(() -> CompletableFuture.completedFuture(SessionOperations.book(queue).held(sessionId).state));
    }

    @Override
    public CompletableFuture<Void> setSessionState(String sessionId, byte[] state) {
        return entity.call(() -> SessionOperations.setState(queue, sessionId, state));
    }

    @Override
    public CompletableFuture<List<String>> listSessions(Instant updatedAfter, int skip, int top) {
        return entity.call(() -> CompletableFuture.completedFuture(
                SessionOperations.book(queue).list(updatedAfter.toEpochMilli(), skip, top)));
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> peekSession(String sessionId, long fromSequenceNumber,
                                                                int maxCount) {
        return entity.call(() -> CompletableFuture.completedFuture(
                SessionOperations.peek(queue, sessionId, fromSequenceNumber, maxCount)));
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receiveDeferred(long[] sequenceNumbers, ReceiveMode mode,
                                                                    String sessionId) {
        if (sessionId == null) {
            return receiveDeferred(sequenceNumbers, mode);
        }
        return entity.call(() -> CompletableFuture.completedFuture(
                SessionOperations.receiveDeferred(queue, sequenceNumbers, mode, sessionId)));
    }

    private void requireReceivable() {
        QueueDescription d = entity.description();
        if (!d.status().canReceive()) {
            throw BrokerException.of(ServiceBusError.ENTITY_DISABLED, entity.errorName(),
                    "Receive operations are not allowed while the entity is " + d.status().wireName() + ".");
        }
    }

    private void requireEntityItself(String action) {
        if (entity.subscription) {
            throw new BrokerException(ServiceBusError.NOT_ALLOWED,
                    "Cannot " + action + " a subscription: '" + entity.path() + "'. Send to its topic.");
        }
        if (queue.subQueue != SubQueue.NONE) {
            throw new BrokerException(ServiceBusError.NOT_ALLOWED,
                    "Cannot " + action + " a dead-letter queue: '" + entity.path() + "'.");
        }
    }
}
