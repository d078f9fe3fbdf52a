package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.Durations;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.SubQueue;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.SystemProperties;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoredMessage;
import dev.omnibus.core.time.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A topic: its definition, its subscriptions with their rules, and the routing of each sent message to the
 * subscriptions whose rules match, in one store batch per send. Messages scheduled on the topic wait in the topic's
 * own store until their time and are routed then. Runs in its own mailbox; each subscription is a {@link QueueEntity}
 * with a mailbox of its own, which receives the routed copies after the batch is durable.
 */
public final class TopicEntity implements MessageTarget {
    final long id;
    final String namespace;
    final Mailbox mailbox;
    final EngineContext ctx;
    private final QueueEntity.EntityResolver resolver;
    private volatile TopicDescription description;
    private final AtomicLong sequence = new AtomicLong();
    private final DuplicateDetector duplicates = new DuplicateDetector();
    /** Subscriptions by lower-case name; changed in the mailbox, read anywhere. */
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ScheduledIndex scheduled = new ScheduledIndex();
    private final long queueId;
    private final WriteCoalescer writes;
    private volatile long scheduledBytes;
    private long wakeupAt = Long.MAX_VALUE;
    private TimeSource.Timer timer;
    volatile long accessedAt;
    volatile boolean deleted;

    /** A subscription as its topic routes to it. */
    public static final class Subscription {
        final QueueEntity engine;
        volatile SubscriptionDescription description;
        /** Rules in creation order; replaced whole on every change. */
        volatile List<RuleRecord> rules;

        Subscription(QueueEntity engine, SubscriptionDescription description, List<RuleRecord> rules) {
            this.engine = engine;
            this.description = description;
            this.rules = List.copyOf(rules);
        }

        public QueueEntity engine() {
            return engine;
        }

        public SubscriptionDescription description() {
            return description;
        }

        public List<RuleRecord> rules() {
            return rules;
        }
    }

    /** A rule as stored: its id in the store, the rule, and when it was created. */
    public record RuleRecord(long id, Rule rule, Instant createdAt) {
    }

    public TopicEntity(long id, String namespace, TopicDescription description, EngineContext ctx,
                       QueueEntity.EntityResolver resolver) {
        this.id = id;
        this.namespace = namespace;
        this.description = description;
        this.ctx = ctx;
        this.resolver = resolver;
        this.mailbox = new Mailbox("topic " + description.name(), ctx.pool());
        this.writes = new WriteCoalescer(mailbox, ctx.store());
        this.queueId = QueueIds.of(id, SubQueue.NONE);
        this.accessedAt = description.createdAt().toEpochMilli();
    }

    public long id() {
        return id;
    }

    public TopicDescription description() {
        return description;
    }

    @Override
    public String path() {
        return description.name();
    }

    String errorName() {
        return namespace + ":Topic:" + description.name();
    }

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

    /** Commits a batch, merged with the other writes of this mailbox turn; completes in the mailbox. */
    private CompletableFuture<Void> commit(StoreBatch batch) {
        return writes.add(batch, true);
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<long[]> accept(List<IncomingMessage> messages, boolean schedule, int hops) {
        TopicDescription d = description;
        if (!d.status().canSend()) {
            throw new BrokerException(ServiceBusError.ENTITY_DISABLED, ServiceBusError.ENTITY_DISABLED.describe(
                    errorName(), "Send operations are not allowed while the entity is " + d.status().wireName() + "."));
        }
        long now = ctx.time().now();
        accessedAt = now;
        long bytes = 0;
        for (IncomingMessage m : messages) {
            if (m.size() > d.maxMessageSizeBytes()) {
                throw BrokerException.of(ServiceBusError.MESSAGE_SIZE_EXCEEDED, m.size(), d.maxMessageSizeBytes());
            }
            bytes += m.size();
        }
        if (sizeBytes() + bytes > d.maxSizeBytes()) {
            throw new BrokerException(ServiceBusError.QUOTA_EXCEEDED, "The maximum entity size has been reached or "
                    + "exceeded for Topic: '" + errorName() + "'. Size of entity in bytes:" + sizeBytes()
                    + ", Max entity size in bytes: " + d.maxSizeBytes() + ".");
        }
        if (d.requiresDuplicateDetection()) {
            List<String> gone = duplicates.prune(now);
            if (!gone.isEmpty()) {
                StoreBatch prune = new StoreBatch();
                gone.forEach(messageId -> prune.deleteDuplicate(id, messageId));
                commit(prune);
            }
        }
        SendDeduplication dedup = SendDeduplication.check(duplicates, d.requiresDuplicateDetection(), messages, now,
                d.duplicateDetectionHistoryTimeWindow().toMillis());
        List<IncomingMessage> fresh = dedup.fresh();
        StoreBatch batch = new StoreBatch();
        Routing routing = new Routing(this, batch, now);
        List<MessageMeta> toSchedule = new ArrayList<>();
        long[] seqs = new long[fresh.size()];
        for (int i = 0; i < fresh.size(); i++) {
            IncomingMessage m = fresh.get(i);
            seqs[i] = sequence.incrementAndGet();
            Instant at = m.scheduledEnqueueTime();
            if (at != null && at.toEpochMilli() > now) {
                MessageMeta meta = scheduledMeta(m, seqs[i], at.toEpochMilli());
                batch.putMessage(queueId, meta, m.payload());
                toSchedule.add(meta);
            } else {
                routing.route(m, seqs[i], hops);
            }
        }
        if (!fresh.isEmpty()) {
            batch.putSequence(id, sequence.get());
        }
        dedup.persist(batch, id);
        long scheduledAdded = toSchedule.stream().mapToLong(MessageMeta::size).sum();
        scheduledBytes += scheduledAdded;
        CompletableFuture<Void> written = batch.isEmpty() ? CompletableFuture.completedFuture(null) : commit(batch);
        return written.thenCompose(v -> {
            for (MessageMeta meta : toSchedule) {
                scheduled.add(meta.sequenceNumber(), meta.scheduledAt());
            }
            reschedule();
            return routing.deliver();
        }).handle((v, e) -> {
            if (e != null) {
                scheduledBytes -= scheduledAdded;
                dedup.takeBack(duplicates);
                throw BrokerException.unwrap(e);
            }
            return dedup.spread(seqs);
        });
    }

    private MessageMeta scheduledMeta(IncomingMessage m, long seq, long at) {
        long ttl = Routing.ttl(m.timeToLive(), description.defaultMessageTimeToLive());
        // The topic routes it when it comes due, so it keeps the properties rules look at.
        return new MessageMeta(seq, MessageState.SCHEDULED, 0, at, ttl, Durations.saturatedAdd(at, ttl), at,
                m.size(), SystemProperties.of(m), null, null, null, 0, null, m.applicationProperties());
    }

    /**
     * A dead letter forwarded here: routed to the subscriptions like a send. Rules see the system properties
     * the broker keeps and the properties changed since the send; other user properties are inside the payload.
     */
    @Override
    public CompletableFuture<Void> transferIn(MessageMeta meta, byte[] payload, long sourceQueueId) {
        if (!description.status().canSend()) {
            throw BrokerException.of(ServiceBusError.ENTITY_DISABLED, errorName(), "");
        }
        long now = ctx.time().now();
        StoreBatch batch = new StoreBatch();
        if (sourceQueueId >= 0) {
            batch.deleteMessage(sourceQueueId, meta.sequenceNumber());
        }
        Routing routing = new Routing(this, batch, now);
        long seq = sequence.incrementAndGet();
        batch.putSequence(id, seq);
        routing.routeStored(meta, payload, seq);
        return commit(batch).thenCompose(v -> routing.deliver());
    }

    // ---- scheduled messages on the topic ---------------------------------------------------------------------

    public CompletableFuture<Void> cancelScheduled(long[] seqs) {
        return call(() -> {
            for (long seq : seqs) {
                if (!scheduled.contains(seq)) {
                    throw new BrokerException(ServiceBusError.MESSAGE_NOT_FOUND, "The scheduled message with "
                            + "sequence number " + seq + " could not be found in '" + path() + "'.");
                }
            }
            StoreBatch batch = new StoreBatch();
            for (long seq : seqs) {
                if (scheduled.remove(seq)) {
                    StoredMessage m = ctx.store().read(queueId, seq);
                    if (m != null) {
                        scheduledBytes -= m.meta().size();
                    }
                    batch.deleteMessage(queueId, seq);
                }
            }
            return commit(batch);
        });
    }

    private void reschedule() {
        long next = scheduled.nextDue();
        if (next == wakeupAt) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        wakeupAt = next;
        timer = next == Long.MAX_VALUE || deleted ? null
                : ctx.time().schedule(next, () -> mailbox.execute(this::activateDue));
    }

    /** Routes scheduled messages whose time has come; the same batch removes them from the topic. */
    private void activateDue() {
        timer = null;
        wakeupAt = Long.MAX_VALUE;
        if (deleted) {
            return;
        }
        long now = ctx.time().now();
        StoreBatch batch = new StoreBatch();
        Routing routing = new Routing(this, batch, now);
        for (long seq = scheduled.pollDue(now); seq >= 0; seq = scheduled.pollDue(now)) {
            StoredMessage m = ctx.store().read(queueId, seq);
            if (m != null) {
                scheduledBytes -= m.meta().size();
                batch.deleteMessage(queueId, seq);
                routing.routeStored(m.meta().activated(now), m.payload(), seq);
            }
        }
        if (!batch.isEmpty()) {
            commit(batch).thenCompose(v -> routing.deliver());
        }
        reschedule();
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------

    Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    public Subscription subscription(String name) {
        return name == null ? null : subscriptions.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public List<Subscription> listSubscriptions() {
        List<Subscription> all = new ArrayList<>(subscriptions.values());
        all.sort((a, b) -> a.description.name().compareToIgnoreCase(b.description.name()));
        return all;
    }

    /** Adds (or replaces the definition of) a subscription in the routing. */
    public Subscription addSubscription(QueueEntity engine, SubscriptionDescription d, List<RuleRecord> rules) {
        Subscription existing = subscription(d.name());
        if (existing != null && existing.engine == engine) {
            existing.description = d;
            return existing;
        }
        Subscription s = new Subscription(engine, d, rules);
        subscriptions.put(d.name().toLowerCase(java.util.Locale.ROOT), s);
        return s;
    }

    /** Takes a subscription out of the routing. */
    public Subscription removeSubscriptionNamed(String name) {
        return subscriptions.remove(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Replaces a subscription's rules; routing sees the new list from the next message on. */
    public void setRules(Subscription s, List<RuleRecord> rules) {
        s.rules = List.copyOf(rules);
    }

    /** Bytes the topic holds: its scheduled messages and every subscription's messages. */
    public long sizeBytes() {
        long total = scheduledBytes;
        for (Subscription s : subscriptions.values()) {
            total += s.engine.sizeBytes;
        }
        return total;
    }

    public long accessedAt() {
        return accessedAt;
    }

    public int scheduledCount() {
        return scheduled.size();
    }

    public void update(TopicDescription changed) {
        description = changed; // visible at once to lookups; routing reads it per message
        accessedAt = ctx.time().now();
    }

    // ---- recovery and lifecycle ------------------------------------------------------------------------------

    public void recoverSequence(long last) {
        sequence.accumulateAndGet(last, Math::max);
    }

    public void recoverDuplicate(String messageId, long expiresAt) {
        duplicates.register(messageId, expiresAt);
    }

    /** A scheduled message kept by the topic. */
    public void recoverScheduled(MessageMeta meta) {
        scheduled.add(meta.sequenceNumber(), meta.scheduledAt());
        scheduledBytes += meta.size();
        recoverSequence(meta.sequenceNumber());
    }

    public void start() {
        mailbox.execute(this::reschedule);
    }

    public void stop() {
        deleted = true;
        mailbox.execute(() -> {
            if (timer != null) {
                timer.cancel();
            }
        });
    }

    QueueEntity.EntityResolver resolver() {
        return resolver;
    }
}
