package dev.omnibus.server.config;

import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads {@code Topics[]} with their {@code Subscriptions[]} and each subscription's {@code Rules[]}
 * ({@link RuleSection}) into definitions over the Service Bus defaults, validated as the core validates them, each
 * problem reported with its JSON path.
 */
final class TopicSection {
    private static final Set<String> TOPIC_FIELDS = Set.of("Name", "Properties", "Subscriptions");
    private static final Set<String> SUBSCRIPTION_FIELDS = Set.of("Name", "Properties", "Rules");

    private TopicSection() {
    }

    static TopicConfig read(ConfigNode topic) {
        topic.onlyFields(TOPIC_FIELDS);
        String name = ConfigLoader.entityName(topic, "Topic", true);
        TopicDescription.Builder builder = TopicDescription.builder(name);
        topic.optional("Properties").ifPresent(p -> EntityProperties.readTopic(p, builder));
        TopicDescription description = valid(topic, () -> builder.build().validate());
        List<SubscriptionConfig> subscriptions = new ArrayList<>();
        for (ConfigNode subscription : topic.array("Subscriptions")) {
            SubscriptionConfig s = readSubscription(name, subscription);
            if (subscriptions.stream().anyMatch(other -> other.name().equalsIgnoreCase(s.name()))) {
                throw new ConfigException(subscription.path() + ".Name", "subscription '" + s.name()
                        + "' is declared twice");
            }
            subscriptions.add(s);
        }
        return new TopicConfig(topic.path(), description, subscriptions);
    }

    private static SubscriptionConfig readSubscription(String topic, ConfigNode subscription) {
        subscription.onlyFields(SUBSCRIPTION_FIELDS);
        String name = ConfigLoader.entityName(subscription, "Subscription", false);
        SubscriptionDescription.Builder builder = SubscriptionDescription.builder(topic, name);
        subscription.optional("Properties").ifPresent(p -> EntityProperties.readSubscription(p, builder));
        SubscriptionDescription description = valid(subscription, () -> builder.build().validate());
        List<RuleConfig> rules = new ArrayList<>();
        for (ConfigNode rule : subscription.array("Rules")) {
            RuleConfig r = RuleSection.read(rule);
            if (rules.stream().anyMatch(other -> other.rule().name().equalsIgnoreCase(r.rule().name()))) {
                throw new ConfigException(rule.path() + ".Name", "rule '" + r.rule().name() + "' is declared twice");
            }
            rules.add(r);
        }
        return new SubscriptionConfig(subscription.path(), description, rules);
    }

    /** Runs the core's validation; its message names the property, which becomes the error's path. */
    static <T> T valid(ConfigNode entity, Supplier<T> validation) {
        try {
            return validation.get();
        } catch (IllegalArgumentException e) {
            String property = EntityProperties.propertyIn(e.getMessage());
            throw new ConfigException(property == null ? entity.path() : entity.path() + ".Properties." + property,
                    e.getMessage());
        }
    }
}
