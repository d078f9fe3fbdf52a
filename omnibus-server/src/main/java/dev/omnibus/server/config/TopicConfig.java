package dev.omnibus.server.config;

import dev.omnibus.core.TopicDescription;
import java.util.List;

/**
 * One configured topic.
 *
 * @param path where it is declared, e.g. {@code UserConfig.Namespaces[0].Topics[0]}, for errors found while applying
 * @param description the definition: Service Bus defaults overlaid with the declared properties, validated
 * @param subscriptions its subscriptions, in document order
 */
public record TopicConfig(String path, TopicDescription description, List<SubscriptionConfig> subscriptions) {
    public TopicConfig {
        subscriptions = List.copyOf(subscriptions);
    }

    public String name() {
        return description.name();
    }
}
