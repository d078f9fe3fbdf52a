package dev.omnibus.server.config;

import java.util.List;

/**
 * One configured namespace and its entities.
 *
 * @param path where it is declared, e.g. {@code UserConfig.Namespaces[1]}, for errors found while applying
 * @param name the namespace name; clients reach it by a host whose first DNS label (or whole name) is this name
 * @param queues the queues, in document order
 * @param topics the topics with their subscriptions and rules, in document order
 */
public record NamespaceConfig(String path, String name, List<QueueConfig> queues, List<TopicConfig> topics) {
    public NamespaceConfig {
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
    }
}
