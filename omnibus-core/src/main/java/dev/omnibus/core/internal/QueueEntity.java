package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.Durations;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.QueueRuntimeInfo;
import dev.omnibus.core.SubQueue;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.time.TimeSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A queue: its definition, its mailbox, and its three message stores. Everything here runs in the mailbox, entered
 * through {@link #call(Supplier)}. Sequence numbers, the size used for the quota and the duplicate detection window
 * belong to the entity as a whole.
 */
public final class QueueEntity implements MessageTarget {
    /** Longest forwarding chain before a message goes to the transfer dead-letter queue. */
    static final int MAX_TRANSFER_HOPS = 4;

    final long id;
    final String namespace;
    final Mailbox mailbox;
    final EngineContext ctx;
    private final EntityResolver resolver;
    private volatile QueueDescription description;
    final MessageQueue main;
    final MessageQueue deadLetter;
    final MessageQueue transferDeadLetter;
    final QueueSends sends;
    private final QueueEndpoint[] endpoints = new QueueEndpoint[3];
    /** Highest sequence number given out; a topic allocates its subscriptions' numbers from its own thread. */
    private final AtomicLong sequence = new AtomicLong();
    /** Bytes stored in all three message stores, including sends not yet durable. Written in the mailbox only. */
    volatile long sizeBytes;
    private final String errorName;
    private final WriteCoalescer writes;
    /** Whether this is a subscription's store: it takes messages from its topic only. */
    final boolean subscription;
    long accessedAt;
    private TimeSource.Timer idleTimer;
    volatile boolean deleted;

    /** What an entity needs from its namespace. */
    public interface EntityResolver {
        /** Finds a queue or topic by name, for forwarding; null when there is none. */
        MessageTarget find(String name);

        /** The entity was idle for its AutoDeleteOnIdle period and should be deleted. */
        void idle(Object entity);
    }

    /** A queue. */
    public QueueEntity(long id, String namespace, QueueDescription description, EngineContext ctx,
                       EntityResolver resolver) {
        this(id, namespace, description, ctx, resolver, namespace + ":Queue:" + description.name(), false);
    }

    /** The message store of a subscription, named in errors as {@code ns:Topic:topic|subscription}. */
    public static QueueEntity forSubscription(long id, String namespace, String topic, String subscription,
                                              QueueDescription description, EngineContext ctx,
                                              EntityResolver resolver) {
        return new QueueEntity(id, namespace, description, ctx, resolver,
                namespace + ":Topic:" + topic + "|" + subscription, true);
    }

    private QueueEntity(long id, String namespace, QueueDescription description, EngineContext ctx,
                        EntityResolver resolver, String errorName, boolean subscription) {
        this.errorName = errorName;
        this.subscription = subscription;
        this.id = id;
        this.namespace = namespace;
        this.description = description;
        this.ctx = ctx;
        this.resolver = resolver;
        this.mailbox = new Mailbox("queue " + description.name(), ctx.pool());
        this.writes = new WriteCoalescer(mailbox, ctx.store());
        this.sends = new QueueSends(this);
        this.main = new MessageQueue(this, SubQueue.NONE);
        this.deadLetter = new MessageQueue(this, SubQueue.DEAD_LETTER);
        this.transferDeadLetter = new MessageQueue(this, SubQueue.TRANSFER_DEAD_LETTER);
        for (SubQueue s : SubQueue.values()) {
            endpoints[s.code()] = new EntityEndpoint(this, queue(s));
        }
        this.accessedAt = description.createdAt().toEpochMilli();
    }

    public long id() {
        return id;
    }

    public QueueDescription description() {
        return description;
    }

    public String path() {
        return description.name();
    }

    public QueueEndpoint endpoint(SubQueue subQueue) {
        return endpoints[subQueue.code()];
    }

    MessageQueue queue(SubQueue subQueue) {
        return switch (subQueue) {
            case NONE -> main;
            case DEAD_LETTER -> deadLetter;
            case TRANSFER_DEAD_LETTER -> transferDeadLetter;
        };
    }

    /** The name Service Bus puts in error descriptions, e.g. {@code namespace:Queue:name}. */
    String errorName() {
        return errorName;
    }

    /** The next sequence number; any thread may take one. */
    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** The highest sequence number given out. */
    long lastSequence() {
        return sequence.get();
    }

    EntityResolver resolver() {
        return resolver;
    }

    /** This entity's writes of the current mailbox turn. Call in the mailbox. */
    WriteCoalescer writes() {
        return writes;
    }

    // ---- entry -----------------------------------------------------------------------------------------------

    /** Runs {@code op} in the mailbox; its failure, thrown or returned, completes the result. */
    @Override
    public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> op) {
        CompletableFuture<T> result = new CompletableFuture<>();
        mailbox.execute(() -> {
            if (deleted) {
                result.completeExceptionally(BrokerException.of(ServiceBusError.ENTITY_NOT_FOUND, errorName()));
                return;
            }
            try {
                op.get().whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(BrokerException.unwrap(e));
                    } else {
                        result.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(BrokerException.unwrap(e));
            }
        });
        return result;
    }

    /**
     * Runs {@code op} in the mailbox; a thrown failure fails {@code result}, which {@code op} completes otherwise.
     * The hot paths use this form instead of {@link #call}: one future per operation instead of a chain.
     */
    void run(CompletableFuture<?> result, Runnable op) {
        mailbox.execute(() -> {
            if (deleted) {
                result.completeExceptionally(BrokerException.of(ServiceBusError.ENTITY_NOT_FOUND, errorName()));
                return;
            }
            try {
                op.run();
            } catch (RuntimeException e) {
                result.completeExceptionally(BrokerException.unwrap(e));
            }
        });
    }

    /**
     * Commits a batch; the future completes in the mailbox once the batch is durable. Call in the mailbox; merged
     * with the other writes of this mailbox turn.
     */
    CompletableFuture<Void> commit(StoreBatch batch) {
        return writes.add(batch, true);
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    /**
     * Accepts sent or scheduled messages (see {@link QueueSends#accept}). Returns their sequence numbers (0 for a
     * dropped duplicate).
     */
    @Override
    public CompletableFuture<long[]> accept(List<IncomingMessage> messages, boolean schedule, int hops) {
        CompletableFuture<long[]> result = new CompletableFuture<>();
        sends.accept(messages, schedule, hops, (seqs, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(seqs);
            }
        });
        return result;
    }

    /** Puts a message that could not be forwarded into the transfer dead-letter queue. Call in the mailbox. */
    CompletableFuture<long[]> deadLetterIncoming(IncomingMessage m, String reason, String description) {
        CompletableFuture<long[]> result = new CompletableFuture<>();
        sends.deadLetterIncoming(m, reason, description, (seqs, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(seqs);
            }
        });
        return result;
    }

    // ---- transfers between entities --------------------------------------------------------------------------

    /** Moves a message out of {@code source} to the entity named {@code targetName}; failing that, to this entity's transfer dead-letter queue. */
    CompletableFuture<Void> transferOut(MessageQueue source, MessageMeta meta, byte[] payload, String targetName) {
        source.pendingMeta.remove(meta.sequenceNumber());
        MessageTarget target = resolver.find(targetName);
        if (target == null) {
            return moveToTransferDeadLetter(source, meta, payload, "MessagingEntityNotFound",
                    "The auto-forwarding destination '" + targetName + "' could not be found.");
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        target.call(() -> target.transferIn(meta, payload, source.queueId))
                .whenComplete((v, e) -> mailbox.execute(() -> {
                    if (e == null) {
                        sizeBytes -= meta.size();
                        result.complete(null);
                    } else {
                        BrokerException why = BrokerException.unwrap(e);
                        moveToTransferDeadLetter(source, meta, payload, why.error().name(), why.getMessage())
                                .whenComplete((x, f) -> result.complete(null));
                    }
                }));
        return result;
    }

    /** Receives a message moved from another entity; the same batch removes it from its source. */
    @Override
    public CompletableFuture<Void> transferIn(MessageMeta meta, byte[] payload, long sourceQueueId) {
        QueueDescription d = description;
        if (!d.status().canSend()) {
            throw BrokerException.of(ServiceBusError.ENTITY_DISABLED, errorName(), "");
        }
        if (sizeBytes + meta.size() > d.maxSizeBytes()) {
            throw new BrokerException(ServiceBusError.QUOTA_EXCEEDED,
                    "The maximum entity size has been reached or exceeded for Queue: '" + errorName() + "'.");
        }
        long now = ctx.time().now();
        MessageMeta arrived = meta.transferred(nextSequence(), now, meta.deadLetterSource());
        sizeBytes += meta.size();
        StoreBatch batch = new StoreBatch().putMessage(main.queueId, arrived, payload).putSequence(id, sequence.get());
        if (sourceQueueId >= 0) {
            batch.deleteMessage(sourceQueueId, meta.sequenceNumber());
        }
        return commit(batch).handle((v, e) -> {
                    if (e != null) {
                        sizeBytes -= meta.size();
                        throw BrokerException.unwrap(e);
                    }
                    main.place(arrived);
                    main.pump();
                    return null;
                });
    }

    private CompletableFuture<Void> moveToTransferDeadLetter(MessageQueue source, MessageMeta meta, byte[] payload,
                                                             String reason, String why) {
        MessageMeta dead = meta.deadLettered(reason, why, meta.deadLetterSource());
        return commit(new StoreBatch()
                .putMessage(transferDeadLetter.queueId, dead, payload)
                .deleteMessage(source.queueId, meta.sequenceNumber())).thenRun(() -> {
                    transferDeadLetter.place(dead);
                    transferDeadLetter.pump();
                });
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    /** Adopts a changed definition; receivers go when the entity can no longer be received from. */
    public void update(QueueDescription changed) {
        // Visible at once to lookups (a GET right after the update must see it); the rest happens in the mailbox.
        description = changed;
        mailbox.execute(() -> {
            accessedAt = ctx.time().now();
            armIdleTimer();
            if (!changed.status().canReceive()) {
                BrokerException why = BrokerException.of(ServiceBusError.ENTITY_DISABLED, errorName(),
                        "Receive operations are not allowed while the entity is " + changed.status().wireName() + ".");
                for (SubQueue s : SubQueue.values()) {
                    queue(s).closeAll(why);
                }
            }
        });
    }

    /** The entity was deleted: receivers are closed, timers stop, every later call fails with not-found. */
    public void delete() {
        stop(BrokerException.of(ServiceBusError.ENTITY_NOT_FOUND, errorName()), false);
    }

    /**
     * Stops the entity: receivers are closed with {@code why}, timers stop, later calls fail with not-found. The
     * delivery counts of locked messages are handed to the store; the future completes once they are (when the
     * store is closed next, it writes them first).
     */
    public CompletableFuture<Void> shutdown(BrokerException why) {
        return stop(why, true);
    }

    private CompletableFuture<Void> stop(BrokerException why, boolean keepCounts) {
        deleted = true;
        CompletableFuture<Void> handedOver = new CompletableFuture<>();
        mailbox.execute(() -> {
            StoreBatch counts = new StoreBatch();
            for (SubQueue s : SubQueue.values()) {
                queue(s).closeAll(why);
                queue(s).cancelTimer();
                if (keepCounts) {
                    queue(s).writeLockedMeta(counts);
                }
            }
            if (idleTimer != null) {
                idleTimer.cancel();
            }
            if (!counts.isEmpty()) {
                ctx.store().commit(counts);
            }
            handedOver.complete(null);
        });
        return handedOver;
    }

    /** Adds a recovered message (locks are not kept across restarts). Call before {@link #start()}. */
    public void recover(SubQueue subQueue, MessageMeta meta) {
        queue(subQueue).place(meta);
        sizeBytes += meta.size();
    }

    public void recoverSequence(long last) {
        sequence.accumulateAndGet(last, Math::max);
    }

    /**
     * Copies a topic routed here, already durable (the topic wrote them in its batch): they wait from now on.
     * Call from any thread.
     */
    void arrive(List<MessageMeta> metas, List<byte[]> payloads, SubQueue subQueue) {
        mailbox.execute(() -> {
            if (deleted) {
                return;
            }
            MessageQueue q = queue(subQueue);
            long bytes = 0;
            for (int i = 0; i < metas.size(); i++) {
                bytes += metas.get(i).size();
                q.placeArrived(metas.get(i), payloads.get(i));
            }
            sizeBytes += bytes;
            q.pump();
        });
    }

    public String namespace() {
        return namespace;
    }

    public void recoverSessionState(String sessionId, byte[] state, long updatedAt) {
        if (main.sessions != null) {
            main.sessions.recoverState(sessionId, state, updatedAt);
        }
    }

    public void recoverDuplicate(String messageId, long expiresAt) {
        sends.duplicates().register(messageId, expiresAt);
    }

    /** Arms timers after creation or recovery. */
    public void start() {
        mailbox.execute(() -> {
            for (SubQueue s : SubQueue.values()) {
                queue(s).reschedule();
            }
            armIdleTimer();
        });
    }

    /** AutoDeleteOnIdle: checks at the end of the idle period whether anything happened since. */
    private void armIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
        if (Durations.isUnlimited(description.autoDeleteOnIdle())) {
            return;
        }
        long due = Durations.saturatedAdd(accessedAt, description.autoDeleteOnIdle().toMillis());
        idleTimer = ctx.time().schedule(due, () -> mailbox.execute(this::checkIdle));
    }

    private void checkIdle() {
        idleTimer = null;
        if (deleted) {
            return;
        }
        long idleFor = ctx.time().now() - accessedAt;
        boolean receiving = main.receiverCount() + deadLetter.receiverCount() + transferDeadLetter.receiverCount() > 0;
        if (!receiving && idleFor >= description.autoDeleteOnIdle().toMillis()) {
            resolver.idle(this);
        } else {
            if (receiving) {
                accessedAt = ctx.time().now();
            }
            armIdleTimer();
        }
    }

    /** Counts, size and times, read in the mailbox. */
    public CompletableFuture<QueueRuntimeInfo> runtimeInfo() {
        return call(() -> {
            QueueDescription d = description;
            return CompletableFuture.completedFuture(new QueueRuntimeInfo(d.name(), main.activeCount(),
                    deadLetter.totalCount(), main.scheduled.size(), 0, transferDeadLetter.totalCount(),
                    main.deferred.size(), sizeBytes, d.createdAt(), d.updatedAt(), Instant.ofEpochMilli(accessedAt)));
        });
    }
}
