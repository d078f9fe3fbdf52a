package dev.omnibus.client.implementation.admin;

import dev.omnibus.client.admin.models.CreateQueueOptions;
import dev.omnibus.client.admin.models.CreateSubscriptionOptions;
import dev.omnibus.client.admin.models.CreateTopicOptions;
import dev.omnibus.client.admin.models.NamespaceProperties;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.admin.models.QueueRuntimeProperties;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SubscriptionProperties;
import dev.omnibus.client.admin.models.SubscriptionRuntimeProperties;
import dev.omnibus.client.admin.models.TopicProperties;
import dev.omnibus.client.admin.models.TopicRuntimeProperties;
import java.time.OffsetDateTime;

/**
 * The bridge through which the implementation creates the administration models, whose constructors are not public
 * (the accessor pattern of {@code ModelAccess}). The models package registers its factory when it is first used.
 */
public final class AdminModels {
    private static final String FACTORY_CLASS = "dev.omnibus.client.admin.models.ModelFactory";
    private static volatile Factory factory;

    private AdminModels() {
    }

    /** Creates the models the service's descriptions become. */
    public interface Factory {
        /** A queue named {@code name} with {@code values}, which it keeps (not copied). */
        QueueProperties queue(String name, CreateQueueOptions values);

        /** A queue's counts. */
        QueueRuntimeProperties queueRuntime(String name, EntityRuntime runtime);

        /** A topic named {@code name} with {@code values}, which it keeps. */
        TopicProperties topic(String name, CreateTopicOptions values);

        /** A topic's counts. */
        TopicRuntimeProperties topicRuntime(String name, EntityRuntime runtime);

        /** A subscription with {@code values}, which it keeps. */
        SubscriptionProperties subscription(String topic, String name, CreateSubscriptionOptions values);

        /** A subscription's counts. */
        SubscriptionRuntimeProperties subscriptionRuntime(String topic, String name, EntityRuntime runtime);

        /** A rule. */
        RuleProperties rule(String name, RuleFilter filter, RuleAction action);

        /** The namespace. */
        NamespaceProperties namespace(String name, String alias, OffsetDateTime created, OffsetDateTime modified,
                                      String sku, int units, String type);
    }

    /** Called once by the models package. */
    public static void register(Factory created) {
        factory = created;
    }

    /** @return the models' factory */
    public static Factory factory() {
        if (factory == null) {
            try {
                Class.forName(FACTORY_CLASS, true, AdminModels.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return factory;
    }
}
