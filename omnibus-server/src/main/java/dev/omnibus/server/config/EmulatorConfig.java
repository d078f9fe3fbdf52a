package dev.omnibus.server.config;

import java.util.List;
import java.util.Set;

/**
 * What a Microsoft Service Bus emulator {@code Config.json} declares, checked and ready to apply.
 *
 * @param namespace the namespace name (the emulator allows only {@code sbemulatorns})
 * @param queues the queues, in document order
 * @param topics the topics with their subscriptions and rules, in document order
 * @param logTargets {@code Console} and/or {@code File} from {@code UserConfig.Logging.Type}
 */
public record EmulatorConfig(String namespace, List<QueueConfig> queues, List<TopicConfig> topics,
                             Set<String> logTargets) {
    public EmulatorConfig {
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
        logTargets = Set.copyOf(logTargets);
    }
}
