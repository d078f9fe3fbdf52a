package dev.omnibus.client.admin.models;

import dev.omnibus.client.implementation.admin.AdminModels;
import dev.omnibus.client.implementation.admin.EntityRuntime;
import java.time.OffsetDateTime;

/** Gives the implementation the models' package-private constructors; registered when this class initialises. */
final class ModelFactory implements AdminModels.Factory {
    static {
        AdminModels.register(new ModelFactory());
    }

    private ModelFactory() {
    }

    @Override
    public QueueProperties queue(String name, CreateQueueOptions values) {
        return new QueueProperties(name, values);
    }

    @Override
    public QueueRuntimeProperties queueRuntime(String name, EntityRuntime runtime) {
        return new QueueRuntimeProperties(name, runtime);
    }

    @Override
    public TopicProperties topic(String name, CreateTopicOptions values) {
        return new TopicProperties(name, values);
    }

    @Override
    public TopicRuntimeProperties topicRuntime(String name, EntityRuntime runtime) {
        return new TopicRuntimeProperties(name, runtime);
    }

    @Override
    public SubscriptionProperties subscription(String topic, String name, CreateSubscriptionOptions values) {
        return new SubscriptionProperties(topic, name, values);
    }

    @Override
    public SubscriptionRuntimeProperties subscriptionRuntime(String topic, String name, EntityRuntime runtime) {
        return new SubscriptionRuntimeProperties(topic, name, runtime);
    }

    @Override
    public RuleProperties rule(String name, RuleFilter filter, RuleAction action) {
        return new RuleProperties(name, filter, action);
    }

    @Override
    public NamespaceProperties namespace(String name, String alias, OffsetDateTime created, OffsetDateTime modified,
                                         String sku, int units, String type) {
        return new NamespaceProperties(name, alias, created, modified, sku, units, type);
    }
}
