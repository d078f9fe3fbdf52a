package dev.omnibus.core.internal;

import dev.omnibus.core.Durations;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.SubQueue;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.SystemProperties;
import dev.omnibus.core.filter.FilterEvaluationException;
import dev.omnibus.core.filter.IncomingMessageView;
import dev.omnibus.core.filter.MessageChanges;
import dev.omnibus.core.filter.SystemProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic batch's routing: which subscriptions get which copies of each message. Rules without actions together
 * give one copy; each matching rule with an action gives a copy of its own, changed by the action and carrying
 * {@code RuleName}. The copies go into the topic's store batch; once it is durable, {@link #deliver()} hands them to
 * the subscriptions and forwards the copies of subscriptions that forward. Built and used in the topic's mailbox.
 */
final class Routing {
    private static final Logger LOG = LoggerFactory.getLogger(Routing.class);
    static final String RULE_NAME = "RuleName";

    private record Arrivals(List<MessageMeta> metas, List<byte[]> payloads) {
    }

    private record Forward(TopicEntity.Subscription from, String target, IncomingMessage message, int hops) {
    }

    private final TopicEntity topic;
    private final dev.omnibus.core.store.StoreBatch batch;
    private final long now;
    private final Map<QueueEntity, Arrivals> active = new LinkedHashMap<>();
    private final Map<QueueEntity, Arrivals> deadLetters = new LinkedHashMap<>();
    private final List<Forward> forwards = new ArrayList<>();

    Routing(TopicEntity topic, dev.omnibus.core.store.StoreBatch batch, long now) {
        this.topic = topic;
        this.batch = batch;
        this.now = now;
    }

    /** Effective TTL in millis: the message's own, capped by the entity default; unlimited as Long.MAX_VALUE. */
    static long ttl(Duration messageTtl, Duration entityDefault) {
        long cap = Durations.toMillis(entityDefault);
        if (messageTtl == null || messageTtl.isZero() || messageTtl.isNegative()) {
            return cap;
        }
        return Math.min(Durations.toMillis(messageTtl), cap);
    }

    /** Routes a message sent to the topic. */
    void route(IncomingMessage m, long topicSeq, int hops) {
        route(m, topicSeq, hops, Map.of());
    }

    /**
     * Routes a stored message: a scheduled one coming due (its routing properties are the sender's application
     * properties), or a dead letter forwarded here (rules see only the properties changed since its send).
     */
    void routeStored(MessageMeta meta, byte[] payload, long topicSeq) {
        Map<String, Object> userProperties = new HashMap<>(meta.routingProperties());
        meta.propertyChanges().forEach((k, v) -> {
            if (v != MessageMeta.REMOVED && !k.startsWith(MessageMeta.SYSTEM_CHANGE_PREFIX)) {
                userProperties.put(k, v);
            }
        });
        SystemProperties p = meta.properties();
        Duration ttl = meta.timeToLive() == Long.MAX_VALUE ? null : Duration.ofMillis(meta.timeToLive());
        IncomingMessage m = new IncomingMessage(p.messageId(), p.correlationId(), p.sessionId(), p.replyTo(),
                p.replyToSessionId(), p.to(), p.subject(), p.contentType(), p.partitionKey(), ttl, null,
                userProperties, payload);
        route(m, topicSeq, 0, meta.propertyChanges());
    }

    private void route(IncomingMessage m, long topicSeq, int hops, Map<String, Object> carried) {
        IncomingMessageView view = IncomingMessageView.of(m, topicSeq, now);
        for (TopicEntity.Subscription s : topic.subscriptions()) {
            SubscriptionDescription sd = s.description;
            List<Map<String, Object>> copies;
            try {
                copies = copiesFor(s, view);
            } catch (FilterEvaluationException e) {
                if (sd.deadLetteringOnFilterEvaluationExceptions()) {
                    deadLetter(s, m, carried, FilterEvaluationException.DEAD_LETTER_REASON, e.getMessage());
                }
                continue;
            }
            for (Map<String, Object> changes : copies) {
                Map<String, Object> all = merge(carried, changes);
                if (sd.forwardTo() != null) {
                    forwards.add(new Forward(s, sd.forwardTo(), m, hops + 1));
                } else if (sd.requiresSession() && m.sessionId() == null) {
                    deadLetter(s, m, all, "Session ID is null.",
                            "Session enabled entity doesn't allow a message whose session identifier is null.");
                } else {
                    MessageMeta meta = copyMeta(s, m, all);
                    batch.putMessage(s.engine.main.queueId, meta, m.payload()).putSequence(s.engine.id,
                            meta.sequenceNumber());
                    add(active, s.engine, meta, m.payload());
                }
            }
        }
    }

    /** The copies a subscription's rules make of one message; empty when no rule matches. */
    private static List<Map<String, Object>> copiesFor(TopicEntity.Subscription s, IncomingMessageView view) {
        List<Map<String, Object>> copies = new ArrayList<>();
        boolean plain = false;
        for (TopicEntity.RuleRecord r : s.rules) {
            if (!r.rule().filter().matches(view)) {
                continue;
            }
            if (r.rule().hasAction()) {
                Map<String, Object> changes = changesOf(r.rule().action().apply(view));
                changes.put(RULE_NAME, r.rule().name());
                copies.add(changes);
            } else {
                plain = true;
            }
        }
        if (plain) {
            copies.add(0, Map.of());
        }
        return copies;
    }

    /** A rule action's changes as property changes: user sets, removals, and system properties under $sys. */
    private static Map<String, Object> changesOf(MessageChanges c) {
        Map<String, Object> changes = new HashMap<>(c.userPropertiesSet());
        c.userPropertiesRemoved().forEach(name -> changes.put(name, MessageMeta.REMOVED));
        c.systemPropertiesSet().forEach((p, v) -> changes.put(MessageMeta.SYSTEM_CHANGE_PREFIX + p.canonicalName(), v));
        return changes;
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        if (base.isEmpty()) {
            return over;
        }
        Map<String, Object> all = new HashMap<>(base);
        all.putAll(over);
        return all;
    }

    private MessageMeta copyMeta(TopicEntity.Subscription s, IncomingMessage m, Map<String, Object> changes) {
        Duration messageTtl = m.timeToLive();
        Object changedTtl = changes.get(MessageMeta.SYSTEM_CHANGE_PREFIX + SystemProperty.TIME_TO_LIVE.canonicalName());
        if (changedTtl instanceof Duration d) {
            messageTtl = d;
        }
        long ttl = ttl(messageTtl, s.engine.description().defaultMessageTimeToLive());
        return new MessageMeta(s.engine.nextSequence(), MessageState.ACTIVE, 0, now, ttl,
                Durations.saturatedAdd(now, ttl), 0, m.size(), withSystemChanges(SystemProperties.of(m), changes),
                null, null, null, 0, changes);
    }

    /** System properties as rule actions left them. */
    private static SystemProperties withSystemChanges(SystemProperties p, Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return p;
        }
        return new SystemProperties(
                changed(changes, SystemProperty.MESSAGE_ID, p.messageId()),
                changed(changes, SystemProperty.CORRELATION_ID, p.correlationId()),
                changed(changes, SystemProperty.SESSION_ID, p.sessionId()),
                changed(changes, SystemProperty.REPLY_TO, p.replyTo()),
                changed(changes, SystemProperty.REPLY_TO_SESSION_ID, p.replyToSessionId()),
                changed(changes, SystemProperty.TO, p.to()),
                changed(changes, SystemProperty.LABEL, p.subject()),
                changed(changes, SystemProperty.CONTENT_TYPE, p.contentType()),
                changed(changes, SystemProperty.PARTITION_KEY, p.partitionKey()));
    }

    private static String changed(Map<String, Object> changes, SystemProperty property, String original) {
        String key = MessageMeta.SYSTEM_CHANGE_PREFIX + property.canonicalName();
        if (!changes.containsKey(key)) {
            return original;
        }
        Object v = changes.get(key);
        return v == null || v == MessageMeta.REMOVED ? null : v.toString();
    }

    private void deadLetter(TopicEntity.Subscription s, IncomingMessage m, Map<String, Object> changes,
                            String reason, String description) {
        MessageMeta meta = copyMeta(s, m, changes).deadLettered(reason, description, null);
        batch.putMessage(s.engine.deadLetter.queueId, meta, m.payload()).putSequence(s.engine.id,
                meta.sequenceNumber());
        add(deadLetters, s.engine, meta, m.payload());
    }

    private static void add(Map<QueueEntity, Arrivals> into, QueueEntity engine, MessageMeta meta, byte[] payload) {
        Arrivals a = into.computeIfAbsent(engine, e -> new Arrivals(new ArrayList<>(), new ArrayList<>()));
        a.metas().add(meta);
        a.payloads().add(payload);
    }

    /** After the batch is durable: subscriptions get their copies; forwarded copies go on. */
    CompletableFuture<Void> deliver() {
        active.forEach((engine, a) -> engine.arrive(a.metas(), a.payloads(), SubQueue.NONE));
        deadLetters.forEach((engine, a) -> engine.arrive(a.metas(), a.payloads(), SubQueue.DEAD_LETTER));
        List<CompletableFuture<?>> forwarded = new ArrayList<>();
        for (Forward f : forwards) {
            forwarded.add(forward(f));
        }
        return CompletableFuture.allOf(forwarded.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> forward(Forward f) {
        QueueEntity from = f.from().engine;
        if (f.hops() > QueueEntity.MAX_TRANSFER_HOPS) {
            return from.call(() -> from.deadLetterIncoming(f.message(), "MaxTransferHopCountExceeded",
                    "The message exceeded the maximum number of auto-forwarding hops."));
        }
        MessageTarget target = topic.resolver().find(f.target());
        if (target == null) {
            return from.call(() -> from.deadLetterIncoming(f.message(), "MessagingEntityNotFound",
                    "The auto-forwarding destination '" + f.target() + "' could not be found."));
        }
        return target.call(() -> target.accept(List.of(f.message()), false, f.hops())).exceptionallyCompose(e -> {
            LOG.debug("Forwarding from {} to {} failed", from.path(), f.target(), e);
            return from.call(() -> from.deadLetterIncoming(f.message(), "TransferFailed", e.getMessage()))
                    .thenApply(v -> null);
        });
    }
}
