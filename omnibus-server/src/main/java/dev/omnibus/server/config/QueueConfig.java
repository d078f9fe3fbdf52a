package dev.omnibus.server.config;

import dev.omnibus.core.QueueDescription;

/**
 * One configured queue.
 *
 * @param path where it is declared, e.g. {@code UserConfig.Namespaces[0].Queues[0]}, for errors found while applying
 * @param description the definition: Service Bus defaults overlaid with the declared properties, validated
 */
public record QueueConfig(String path, QueueDescription description) {
    public String name() {
        return description.name();
    }
}
