package dev.omnibus.core;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.internal.DefinitionCodec;
import dev.omnibus.core.internal.QueueEntity;
import dev.omnibus.core.internal.TopicEntity;
import dev.omnibus.core.store.StoreBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Topic, subscription and rule management for a {@link Namespace}: validation, durability, and the routing tables
 * of the topics. Runs in the namespace's definition-change chain; changes reach routing through volatile tables.
 */
final class TopicAdministration {
    private final Namespace ns;

    TopicAdministration(Namespace ns) {
        this.ns = ns;
    }

    // ---- topics ------------------------------------------------------------------------------------------------

    CompletableFuture<TopicDescription> createTopic(TopicDescription requested) {
        return ns.inAdmin(() -> {
            Instant now = ns.now();
            TopicDescription d = Namespace.valid(requested.toBuilder().createdAt(now).updatedAt(now).build()::validate);
            ns.requireFreeName(d.name());
            long id = ns.entityIds.getAsLong();
            return ns.ctx.store().commit(new StoreBatch().putEntity(id, DefinitionCodec.encodeTopic(ns.name(), d)))
                    .thenApply(v -> {
                        TopicEntity topic = new TopicEntity(id, ns.name(), d, ns.ctx, ns.resolver);
                        ns.topics.put(EntityNames.key(d.name()), topic);
                        topic.start();
                        return d;
                    });
        });
    }

    CompletableFuture<TopicDescription> updateTopic(TopicDescription requested) {
        return ns.inAdmin(() -> {
            TopicEntity topic = requireTopic(requested.name());
            TopicDescription old = topic.description();
            Namespace.immutable("Topic", "RequiresDuplicateDetection", old.requiresDuplicateDetection(),
                    requested.requiresDuplicateDetection());
            Namespace.immutable("Topic", "EnablePartitioning", old.enablePartitioning(),
                    requested.enablePartitioning());
            TopicDescription d = Namespace.valid(requested.toBuilder().name(old.name()).createdAt(old.createdAt())
                    .updatedAt(ns.now()).build()::validate);
            return ns.ctx.store().commit(new StoreBatch().putEntity(topic.id(),
                    DefinitionCodec.encodeTopic(ns.name(), d))).thenApply(v -> {
                        topic.update(d);
                        // Subscriptions take their size limits and TTL cap from the topic.
                        for (TopicEntity.Subscription s : topic.listSubscriptions()) {
                            s.engine().update(s.description().asQueue(d));
                        }
                        return d;
                    });
        });
    }

    CompletableFuture<Void> deleteTopic(String topicName) {
        return ns.inAdmin(() -> {
            TopicEntity topic = requireTopic(topicName);
            StoreBatch batch = new StoreBatch().deleteEntity(topic.id());
            for (TopicEntity.Subscription s : topic.listSubscriptions()) {
                batch.deleteEntity(s.engine().id());
                s.rules().forEach(r -> batch.deleteEntity(r.id()));
            }
            return ns.ctx.store().commit(batch).thenRun(() -> {
                ns.topics.remove(EntityNames.key(topic.path()));
                topic.stop();
                topic.listSubscriptions().forEach(s -> s.engine().delete());
            });
        });
    }

    CompletableFuture<TopicRuntimeInfo> topicRuntimeInfo(String topicName) {
        TopicEntity topic = ns.findTopic(topicName);
        if (topic == null) {
            return CompletableFuture.failedFuture(ns.notFound("Topic", topicName));
        }
        TopicDescription d = topic.description();
        return CompletableFuture.completedFuture(new TopicRuntimeInfo(d.name(), topic.sizeBytes(),
                topic.listSubscriptions().size(), topic.scheduledCount(), d.createdAt(), d.updatedAt(),
                Instant.ofEpochMilli(topic.accessedAt())));
    }

    // ---- subscriptions -----------------------------------------------------------------------------------------

    CompletableFuture<SubscriptionDescription> createSubscription(SubscriptionDescription requested, Rule rule) {
        return ns.inAdmin(() -> {
            TopicEntity topic = requireTopic(requested.topicName());
            Instant now = ns.now();
            SubscriptionDescription d = Namespace.valid(requested.toBuilder().topicName(topic.path())
                    .createdAt(now).updatedAt(now).build()::validate);
            if (topic.subscription(d.name()) != null) {
                throw BrokerException.of(ServiceBusError.ENTITY_ALREADY_EXISTS, d.path());
            }
            checkSubscriptionForwarding(topic, d);
            Rule first = rule == null ? Rule.DEFAULT : rule;
            long id = ns.entityIds.getAsLong();
            long ruleId = ns.entityIds.getAsLong();
            DefinitionCodec.StoredRule stored = new DefinitionCodec.StoredRule(topic.path(), d.name(), first, now);
            return ns.ctx.store().commit(new StoreBatch()
                    .putEntity(id, DefinitionCodec.encodeSubscription(ns.name(), d))
                    .putEntity(ruleId, DefinitionCodec.encodeRule(ns.name(), stored))).thenApply(v -> {
                        QueueEntity engine = engineFor(id, topic, d);
                        topic.addSubscription(engine, d, List.of(new TopicEntity.RuleRecord(ruleId, first, now)));
                        engine.start();
                        return d;
                    });
        });
    }

    CompletableFuture<SubscriptionDescription> updateSubscription(SubscriptionDescription requested) {
        return ns.inAdmin(() -> {
            TopicEntity topic = requireTopic(requested.topicName());
            TopicEntity.Subscription s = requireSubscription(topic, requested.name());
            SubscriptionDescription old = s.description();
            Namespace.immutable("Subscription", "RequiresSession", old.requiresSession(), requested.requiresSession());
            SubscriptionDescription d = Namespace.valid(requested.toBuilder().topicName(topic.path()).name(old.name())
                    .createdAt(old.createdAt()).updatedAt(ns.now()).build()::validate);
            checkSubscriptionForwarding(topic, d);
            return ns.ctx.store().commit(new StoreBatch().putEntity(s.engine().id(),
                    DefinitionCodec.encodeSubscription(ns.name(), d))).thenApply(v -> {
                        topic.addSubscription(s.engine(), d, s.rules());
                        s.engine().update(d.asQueue(topic.description()));
                        return d;
                    });
        });
    }

    CompletableFuture<Void> deleteSubscription(String topicName, String subscriptionName) {
        return ns.inAdmin(() -> {
            TopicEntity topic = requireTopic(topicName);
            return removeSubscription(topic, requireSubscription(topic, subscriptionName));
        });
    }

    /** AutoDeleteOnIdle of a subscription: deletes it unless it was deleted or replaced meanwhile. */
    CompletableFuture<Void> removeIdleSubscription(QueueEntity engine) {
        for (TopicEntity topic : ns.topics.values()) {
            for (TopicEntity.Subscription s : topic.listSubscriptions()) {
                if (s.engine() == engine) {
                    return removeSubscription(topic, s);
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> removeSubscription(TopicEntity topic, TopicEntity.Subscription s) {
        StoreBatch batch = new StoreBatch().deleteEntity(s.engine().id());
        s.rules().forEach(r -> batch.deleteEntity(r.id()));
        return ns.ctx.store().commit(batch).thenRun(() -> {
            topic.removeSubscriptionNamed(s.description().name());
            s.engine().delete();
        });
    }

    Optional<SubscriptionDescription> getSubscription(String topicName, String subscriptionName) {
        TopicEntity topic = ns.findTopic(topicName);
        TopicEntity.Subscription s = topic == null ? null : topic.subscription(subscriptionName);
        return s == null ? Optional.empty() : Optional.of(s.description());
    }

    List<SubscriptionDescription> listSubscriptions(String topicName) {
        List<SubscriptionDescription> all = new ArrayList<>();
        requireTopic(topicName).listSubscriptions().forEach(s -> all.add(s.description()));
        return all;
    }

    CompletableFuture<QueueRuntimeInfo> subscriptionRuntimeInfo(String topicName, String subscriptionName) {
        try {
            return requireSubscription(requireTopic(topicName), subscriptionName).engine().runtimeInfo();
        } catch (BrokerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    QueueEndpoint subscriptionEndpoint(String topicName, String subscriptionName, SubQueue subQueue) {
        return requireSubscription(requireTopic(topicName), subscriptionName).engine().endpoint(subQueue);
    }

    // ---- rules -------------------------------------------------------------------------------------------------

    CompletableFuture<RuleInfo> createRule(String topicName, String subscriptionName, Rule rule) {
        return putRule(topicName, subscriptionName, rule, false);
    }

    CompletableFuture<RuleInfo> updateRule(String topicName, String subscriptionName, Rule rule) {
        return putRule(topicName, subscriptionName, rule, true);
    }

    private CompletableFuture<RuleInfo> putRule(String topicName, String subscriptionName, Rule rule,
                                                boolean replace) {
        return ns.inAdmin(() -> {
            Namespace.valid(() -> {
                EntityNames.validateName("Rule", rule.name());
                return rule;
            });
            TopicEntity topic = requireTopic(topicName);
            TopicEntity.Subscription s = requireSubscription(topic, subscriptionName);
            TopicEntity.RuleRecord existing = findRule(s, rule.name());
            if (existing != null && !replace) {
                throw BrokerException.of(ServiceBusError.ENTITY_ALREADY_EXISTS, s.description().path() + "/Rules/"
                        + rule.name());
            }
            if (existing == null && replace) {
                throw ns.notFound("Rule", s.description().path() + "/Rules/" + rule.name());
            }
            Instant createdAt = existing == null ? ns.now() : existing.createdAt();
            long id = existing == null ? ns.entityIds.getAsLong() : existing.id();
            DefinitionCodec.StoredRule stored = new DefinitionCodec.StoredRule(topic.path(),
                    s.description().name(), rule, createdAt);
            return ns.ctx.store().commit(new StoreBatch().putEntity(id, DefinitionCodec.encodeRule(ns.name(), stored)))
                    .thenApply(v -> {
                        List<TopicEntity.RuleRecord> rules = new ArrayList<>(s.rules());
                        TopicEntity.RuleRecord record = new TopicEntity.RuleRecord(id, rule, createdAt);
                        if (existing == null) {
                            rules.add(record);
                        } else {
                            rules.set(rules.indexOf(existing), record);
                        }
                        topic.setRules(s, rules);
                        return new RuleInfo(rule, createdAt);
                    });
        });
    }

    CompletableFuture<Void> deleteRule(String topicName, String subscriptionName, String ruleName) {
        return ns.inAdmin(() -> {
            TopicEntity topic = requireTopic(topicName);
            TopicEntity.Subscription s = requireSubscription(topic, subscriptionName);
            TopicEntity.RuleRecord existing = findRule(s, ruleName);
            if (existing == null) {
                throw ns.notFound("Rule", s.description().path() + "/Rules/" + ruleName);
            }
            return ns.ctx.store().commit(new StoreBatch().deleteEntity(existing.id())).thenRun(() -> {
                List<TopicEntity.RuleRecord> rules = new ArrayList<>(s.rules());
                rules.remove(existing);
                topic.setRules(s, rules);
            });
        });
    }

    List<RuleInfo> listRules(String topicName, String subscriptionName) {
        List<RuleInfo> all = new ArrayList<>();
        requireSubscription(requireTopic(topicName), subscriptionName).rules()
                .forEach(r -> all.add(new RuleInfo(r.rule(), r.createdAt())));
        return all;
    }

    private static TopicEntity.RuleRecord findRule(TopicEntity.Subscription s, String ruleName) {
        for (TopicEntity.RuleRecord r : s.rules()) {
            if (r.rule().name().equalsIgnoreCase(ruleName)) {
                return r;
            }
        }
        return null;
    }

    // ---- recovery ----------------------------------------------------------------------------------------------

    TopicEntity recoverTopic(long id, TopicDescription d) {
        TopicEntity topic = new TopicEntity(id, ns.name(), d, ns.ctx, ns.resolver);
        ns.topics.put(EntityNames.key(d.name()), topic);
        return topic;
    }

    /** A recovered subscription; null when its topic is gone. */
    QueueEntity recoverSubscription(long id, SubscriptionDescription d) {
        TopicEntity topic = ns.findTopic(d.topicName());
        if (topic == null) {
            return null;
        }
        QueueEntity engine = engineFor(id, topic, d);
        topic.addSubscription(engine, d, List.of());
        return engine;
    }

    void recoverRule(long id, DefinitionCodec.StoredRule r) {
        TopicEntity topic = ns.findTopic(r.topic());
        TopicEntity.Subscription s = topic == null ? null : topic.subscription(r.subscription());
        if (s != null) {
            List<TopicEntity.RuleRecord> rules = new ArrayList<>(s.rules());
            rules.add(new TopicEntity.RuleRecord(id, r.rule(), r.createdAt()));
            topic.setRules(s, rules);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private QueueEntity engineFor(long id, TopicEntity topic, SubscriptionDescription d) {
        return QueueEntity.forSubscription(id, ns.name(), topic.path(), d.name(), d.asQueue(topic.description()),
                ns.ctx, ns.resolver);
    }

    private void checkSubscriptionForwarding(TopicEntity topic, SubscriptionDescription d) {
        if (d.forwardTo() != null && EntityNames.key(d.forwardTo()).equals(EntityNames.key(topic.path()))) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR,
                    "ForwardTo of a subscription cannot name its own topic '" + topic.path() + "'.");
        }
    }

    TopicEntity requireTopic(String topicName) {
        TopicEntity topic = ns.findTopic(topicName);
        if (topic == null) {
            throw ns.notFound("Topic", topicName);
        }
        return topic;
    }

    TopicEntity.Subscription requireSubscription(TopicEntity topic, String subscriptionName) {
        TopicEntity.Subscription s = topic.subscription(subscriptionName);
        if (s == null) {
            throw ns.notFound("Topic", topic.path() + "|" + subscriptionName);
        }
        return s;
    }
}
