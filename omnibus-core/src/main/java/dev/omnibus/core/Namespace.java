package dev.omnibus.core;

import dev.omnibus.amqp.EntityAddress;
import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.internal.DefinitionCodec;
import dev.omnibus.core.internal.EngineContext;
import dev.omnibus.core.internal.MessageTarget;
import dev.omnibus.core.internal.QueueEntity;
import dev.omnibus.core.internal.TopicEndpoint;
import dev.omnibus.core.internal.TopicEntity;
import dev.omnibus.core.store.StoreBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A Service Bus namespace: its queues and topics (one name space for both, looked up case-insensitively), the
 * topics' subscriptions and their rules. Definition changes run one at a time, each after the previous one is
 * durable, and take effect once durable; lookups may run on any thread. Topic, subscription and rule management
 * is in {@link TopicAdministration}, reached through the methods here.
 */
public final class Namespace {
    private final String name;
    final EngineContext ctx;
    final LongSupplier entityIds;
    final ConcurrentHashMap<String, QueueEntity> queues = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, TopicEntity> topics = new ConcurrentHashMap<>();
    private CompletableFuture<?> adminTail = CompletableFuture.completedFuture(null);
    final QueueEntity.EntityResolver resolver = new QueueEntity.EntityResolver() {
        @Override
        public MessageTarget find(String entityName) {
            if (entityName == null) {
                return null;
            }
            String key = EntityNames.key(EntityAddress.parse(entityName).entityPath());
            QueueEntity queue = queues.get(key);
            return queue != null ? queue : topics.get(key);
        }

        @Override
        public void idle(Object entity) {
            deleteIdle(entity);
        }
    };
    private final TopicAdministration topicAdmin = new TopicAdministration(this);

    Namespace(String name, EngineContext ctx, LongSupplier entityIds) {
        this.name = name;
        this.ctx = ctx;
        this.entityIds = entityIds;
    }

    public String name() {
        return name;
    }

    // ---- queues ------------------------------------------------------------------------------------------------

    /** Creates a queue; fails with EntityAlreadyExists, or ArgumentError naming the invalid property. */
    public CompletableFuture<QueueDescription> createQueue(QueueDescription requested) {
        return inAdmin(() -> {
            Instant now = now();
            QueueDescription d = valid(requested.toBuilder().createdAt(now).updatedAt(now).build()::validate);
            requireFreeName(d.name());
            checkForwarding(d.name(), d.forwardTo(), d.forwardDeadLetteredMessagesTo());
            long id = entityIds.getAsLong();
            return ctx.store().commit(new StoreBatch().putEntity(id, DefinitionCodec.encodeQueue(name, d)))
                    .thenApply(v -> {
                        QueueEntity entity = new QueueEntity(id, name, d, ctx, resolver);
                        queues.put(EntityNames.key(d.name()), entity);
                        entity.start();
                        return d;
                    });
        });
    }

    /** Replaces a queue's definition; RequiresSession, RequiresDuplicateDetection and EnablePartitioning stay. */
    public CompletableFuture<QueueDescription> updateQueue(QueueDescription requested) {
        return inAdmin(() -> {
            QueueEntity entity = requireQueue(requested.name());
            QueueDescription old = entity.description();
            immutable("Queue", "RequiresSession", old.requiresSession(), requested.requiresSession());
            immutable("Queue", "RequiresDuplicateDetection", old.requiresDuplicateDetection(),
                    requested.requiresDuplicateDetection());
            immutable("Queue", "EnablePartitioning", old.enablePartitioning(), requested.enablePartitioning());
            QueueDescription d = valid(requested.toBuilder().name(old.name()).createdAt(old.createdAt())
                    .updatedAt(now()).build()::validate);
            checkForwarding(d.name(), d.forwardTo(), d.forwardDeadLetteredMessagesTo());
            return ctx.store().commit(new StoreBatch().putEntity(entity.id(), DefinitionCodec.encodeQueue(name, d)))
                    .thenApply(v -> {
                        entity.update(d);
                        return d;
                    });
        });
    }

    /** Deletes a queue and every message in it. */
    public CompletableFuture<Void> deleteQueue(String queueName) {
        return inAdmin(() -> removeQueue(requireQueue(queueName)));
    }

    public Optional<QueueDescription> getQueue(String queueName) {
        QueueEntity entity = findQueue(queueName);
        return entity == null ? Optional.empty() : Optional.of(entity.description());
    }

    /** Every queue, ordered by name. */
    public List<QueueDescription> listQueues() {
        List<QueueDescription> all = new ArrayList<>();
        queues.values().forEach(e -> all.add(e.description()));
        all.sort(Comparator.comparing(d -> EntityNames.key(d.name())));
        return all;
    }

    public CompletableFuture<QueueRuntimeInfo> queueRuntimeInfo(String queueName) {
        QueueEntity entity = findQueue(queueName);
        if (entity == null) {
            return CompletableFuture.failedFuture(notFound("Queue", queueName));
        }
        return entity.runtimeInfo();
    }

    /** Whether a queue of that name exists. */
    public boolean hasQueue(String queueName) {
        return findQueue(queueName) != null;
    }

    // ---- topics, subscriptions, rules ------------------------------------------------------------------------------

    public CompletableFuture<TopicDescription> createTopic(TopicDescription requested) {
        return topicAdmin.createTopic(requested);
    }

    public CompletableFuture<TopicDescription> updateTopic(TopicDescription requested) {
        return topicAdmin.updateTopic(requested);
    }

    /** Deletes a topic with its subscriptions, their rules and messages. */
    public CompletableFuture<Void> deleteTopic(String topicName) {
        return topicAdmin.deleteTopic(topicName);
    }

    public Optional<TopicDescription> getTopic(String topicName) {
        TopicEntity topic = findTopic(topicName);
        return topic == null ? Optional.empty() : Optional.of(topic.description());
    }

    public List<TopicDescription> listTopics() {
        List<TopicDescription> all = new ArrayList<>();
        topics.values().forEach(t -> all.add(t.description()));
        all.sort(Comparator.comparing(d -> EntityNames.key(d.name())));
        return all;
    }

    public CompletableFuture<TopicRuntimeInfo> topicRuntimeInfo(String topicName) {
        return topicAdmin.topicRuntimeInfo(topicName);
    }

    /**
     * Creates a subscription with {@code defaultRule} (null: {@code $Default} with the true filter).
     */
    public CompletableFuture<SubscriptionDescription> createSubscription(SubscriptionDescription requested,
                                                                         Rule defaultRule) {
        return topicAdmin.createSubscription(requested, defaultRule);
    }

    public CompletableFuture<SubscriptionDescription> updateSubscription(SubscriptionDescription requested) {
        return topicAdmin.updateSubscription(requested);
    }

    public CompletableFuture<Void> deleteSubscription(String topicName, String subscriptionName) {
        return topicAdmin.deleteSubscription(topicName, subscriptionName);
    }

    public Optional<SubscriptionDescription> getSubscription(String topicName, String subscriptionName) {
        return topicAdmin.getSubscription(topicName, subscriptionName);
    }

    /** Subscriptions of a topic, by name; not-found when there is no such topic. */
    public List<SubscriptionDescription> listSubscriptions(String topicName) {
        return topicAdmin.listSubscriptions(topicName);
    }

    public CompletableFuture<QueueRuntimeInfo> subscriptionRuntimeInfo(String topicName, String subscriptionName) {
        return topicAdmin.subscriptionRuntimeInfo(topicName, subscriptionName);
    }

    /** Adds a rule; EntityAlreadyExists when the subscription has a rule of that name. */
    public CompletableFuture<RuleInfo> createRule(String topicName, String subscriptionName, Rule rule) {
        return topicAdmin.createRule(topicName, subscriptionName, rule);
    }

    public CompletableFuture<RuleInfo> updateRule(String topicName, String subscriptionName, Rule rule) {
        return topicAdmin.updateRule(topicName, subscriptionName, rule);
    }

    public CompletableFuture<Void> deleteRule(String topicName, String subscriptionName, String ruleName) {
        return topicAdmin.deleteRule(topicName, subscriptionName, ruleName);
    }

    /** Rules of a subscription in creation order. */
    public List<RuleInfo> listRules(String topicName, String subscriptionName) {
        return topicAdmin.listRules(topicName, subscriptionName);
    }

    // ---- addressing --------------------------------------------------------------------------------------------

    /** A queue or topic by name, to send to. */
    public QueueEndpoint queue(String entityName) {
        return endpoint(entityName, SubQueue.NONE);
    }

    /**
     * A queue, a topic ({@code topic}, to send to) or a subscription ({@code topic/Subscriptions/name}), or a
     * dead-letter queue of a queue or subscription.
     *
     * @throws BrokerException with {@link ServiceBusError#ENTITY_NOT_FOUND} when there is no such entity
     */
    public QueueEndpoint endpoint(String path, SubQueue subQueue) {
        EntityAddress address = EntityAddress.parse(path);
        if (address.isSubscription()) {
            return topicAdmin.subscriptionEndpoint(address.topicName(), address.subscriptionName(), subQueue);
        }
        QueueEntity queue = findQueue(address.entityPath());
        if (queue != null) {
            return queue.endpoint(subQueue);
        }
        TopicEntity topic = findTopic(address.entityPath());
        if (topic != null && subQueue == SubQueue.NONE) {
            return new TopicEndpoint(topic);
        }
        throw notFound(topic != null ? "Topic" : "Queue", address.entityPath());
    }

    QueueEntity findQueue(String queueName) {
        return queueName == null ? null : queues.get(EntityNames.key(queueName));
    }

    TopicEntity findTopic(String topicName) {
        return topicName == null ? null : topics.get(EntityNames.key(topicName));
    }

    // ---- recovery ----------------------------------------------------------------------------------------------

    /** Adds a queue read back from the store; called by {@link Broker} during recovery. */
    QueueEntity recoverQueue(long id, QueueDescription d) {
        QueueEntity entity = new QueueEntity(id, name, d, ctx, resolver);
        queues.put(EntityNames.key(d.name()), entity);
        return entity;
    }

    TopicAdministration topics() {
        return topicAdmin;
    }

    Iterable<QueueEntity> entities() {
        return queues.values();
    }

    // ---- shared by the administration classes --------------------------------------------------------------------

    Instant now() {
        return Instant.ofEpochMilli(ctx.time().now());
    }

    BrokerException notFound(String kind, String entityName) {
        return BrokerException.of(ServiceBusError.ENTITY_NOT_FOUND, name + ":" + kind + ":" + entityName);
    }

    QueueEntity requireQueue(String queueName) {
        QueueEntity entity = findQueue(queueName);
        if (entity == null) {
            throw notFound("Queue", queueName);
        }
        return entity;
    }

    /** Queues and topics share one set of names. */
    void requireFreeName(String entityName) {
        if (findQueue(entityName) != null || findTopic(entityName) != null) {
            throw BrokerException.of(ServiceBusError.ENTITY_ALREADY_EXISTS, entityName);
        }
    }

    static <T> T valid(Supplier<T> validation) {
        try {
            return validation.get();
        } catch (IllegalArgumentException e) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, e.getMessage());
        }
    }

    static void immutable(String kind, String property, boolean was, boolean requested) {
        if (was != requested) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR,
                    "The value for the " + property + " property of an existing " + kind + " cannot be changed.");
        }
    }

    /** Refuses a ForwardTo chain through queues that comes back to the entity being defined. */
    void checkForwarding(String self, String forwardTo, String forwardDeadLettersTo) {
        String selfKey = EntityNames.key(self);
        if (forwardDeadLettersTo != null && EntityNames.key(forwardDeadLettersTo).equals(selfKey)) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR,
                    "ForwardDeadLetteredMessagesTo cannot name the entity itself.");
        }
        Set<String> seen = new HashSet<>();
        seen.add(selfKey);
        String next = forwardTo;
        while (next != null) {
            String key = EntityNames.key(next);
            if (!seen.add(key)) {
                throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "ForwardTo '" + forwardTo
                        + "' would create a forwarding loop back to '" + self + "'.");
            }
            QueueEntity target = queues.get(key);
            next = target == null ? null : target.description().forwardTo();
        }
    }

    private CompletableFuture<Void> removeQueue(QueueEntity entity) {
        return ctx.store().commit(new StoreBatch().deleteEntity(entity.id())).thenRun(() -> {
            queues.remove(EntityNames.key(entity.path()));
            entity.delete();
        });
    }

    /** AutoDeleteOnIdle: deletes the entity unless it was deleted or replaced meanwhile. */
    private void deleteIdle(Object entity) {
        inAdmin(() -> {
            if (entity instanceof QueueEntity q && findQueue(q.path()) == q) {
                return removeQueue(q);
            }
            if (entity instanceof QueueEntity q) {
                return topicAdmin.removeIdleSubscription(q);
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Chains definition changes so each starts after the previous one is durable; none blocks a thread. */
    synchronized <T> CompletableFuture<T> inAdmin(Supplier<CompletableFuture<T>> op) {
        CompletableFuture<T> result = adminTail.handle((v, e) -> null).thenCompose(v -> {
            try {
                return op.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        adminTail = result;
        return result.handle((v, e) -> {
            if (e != null) {
                throw BrokerException.unwrap(e);
            }
            return v;
        });
    }
}
