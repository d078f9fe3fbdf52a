package dev.omnibus.server.config;

import java.util.List;

/** One configured topic with the names of its subscriptions. */
public record TopicConfig(String name, List<String> subscriptions) {
    public TopicConfig {
        subscriptions = List.copyOf(subscriptions);
    }
}
