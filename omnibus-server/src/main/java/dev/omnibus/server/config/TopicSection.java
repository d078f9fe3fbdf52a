package dev.omnibus.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code Topics[]} with their subscriptions and rules. The broker has no topics yet, so nothing here builds
 * entities: it checks the shape and values against the emulator's schema and keeps the names to report.
 */
final class TopicSection {
    private static final Set<String> TOPIC_FIELDS = Set.of("Name", "Properties", "Subscriptions");
    private static final Set<String> SUBSCRIPTION_FIELDS = Set.of("Name", "Properties", "Rules");
    private static final Set<String> RULE_FIELDS = Set.of("Name", "Properties");
    private static final Set<String> RULE_PROPERTIES = Set.of("FilterType", "CorrelationFilter", "SqlFilter", "Action");
    private static final Set<String> CORRELATION_FIELDS = Set.of("ContentType", "CorrelationId", "Label",
            "MessageId", "ReplyTo", "ReplyToSessionId", "SessionId", "To", "Properties");
    private static final Set<String> SQL_FIELDS = Set.of("SqlExpression");

    private TopicSection() {
    }

    static TopicConfig read(ConfigNode topic) {
        topic.onlyFields(TOPIC_FIELDS);
        String name = ConfigLoader.entityName(topic, "Topic", true);
        topic.optional("Properties").ifPresent(EntityProperties::checkTopic);
        List<String> subscriptions = new ArrayList<>();
        for (ConfigNode subscription : topic.array("Subscriptions")) {
            subscriptions.add(readSubscription(subscription, subscriptions));
        }
        return new TopicConfig(name, subscriptions);
    }

    private static String readSubscription(ConfigNode subscription, List<String> seen) {
        subscription.onlyFields(SUBSCRIPTION_FIELDS);
        String name = ConfigLoader.entityName(subscription, "Subscription", false);
        if (seen.stream().anyMatch(name::equalsIgnoreCase)) {
            throw new ConfigException(subscription.path() + ".Name", "subscription '" + name + "' is declared twice");
        }
        subscription.optional("Properties").ifPresent(EntityProperties::checkSubscription);
        for (ConfigNode rule : subscription.array("Rules")) {
            readRule(rule);
        }
        return name;
    }

    private static void readRule(ConfigNode rule) {
        rule.onlyFields(RULE_FIELDS);
        ConfigLoader.entityName(rule, "Rule", false);
        rule.optional("Properties").ifPresent(properties -> {
            properties.onlyFields(RULE_PROPERTIES);
            properties.optional("FilterType").ifPresent(type -> {
                if (!type.text().equals("Correlation") && !type.text().equals("Sql")) {
                    throw type.fail("'" + type.text() + "' is not a filter type; expected Correlation or Sql");
                }
            });
            properties.optional("CorrelationFilter").ifPresent(TopicSection::checkCorrelationFilter);
            properties.optional("SqlFilter").ifPresent(f -> f.onlyFields(SQL_FIELDS).optional("SqlExpression")
                    .ifPresent(ConfigNode::text));
            properties.optional("Action").ifPresent(a -> a.onlyFields(SQL_FIELDS).optional("SqlExpression")
                    .ifPresent(ConfigNode::text));
        });
    }

    private static void checkCorrelationFilter(ConfigNode filter) {
        filter.onlyFields(CORRELATION_FIELDS);
        for (String field : filter.fieldNames()) {
            if (!field.equals("Properties")) {
                filter.optional(field).ifPresent(ConfigNode::text);
            }
        }
        // User properties may hold any JSON scalar; only their container must be an object.
        filter.optional("Properties").ifPresent(ConfigNode::fieldNames);
    }
}
