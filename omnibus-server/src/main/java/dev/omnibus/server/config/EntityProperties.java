package dev.omnibus.server.config;

import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The {@code Properties} an entity may carry in Config.json: the emulator's names plus every other property the core
 * supports, spelled as the management API spells them, read over the Service Bus defaults into a
 * {@link QueueDescription}, {@link TopicDescription} or {@link SubscriptionDescription}.
 */
final class EntityProperties {
    private static final Map<String, BiConsumer<QueueDescription.Builder, ConfigNode>> QUEUE = new LinkedHashMap<>();
    private static final Map<String, BiConsumer<TopicDescription.Builder, ConfigNode>> TOPIC = new LinkedHashMap<>();
    private static final Map<String, BiConsumer<SubscriptionDescription.Builder, ConfigNode>> SUBSCRIPTION =
            new LinkedHashMap<>();

    static {
        QUEUE.put("AutoDeleteOnIdle", (b, n) -> b.autoDeleteOnIdle(n.duration()));
        QUEUE.put("DeadLetteringOnMessageExpiration", (b, n) -> b.deadLetteringOnMessageExpiration(n.bool()));
        QUEUE.put("DefaultMessageTimeToLive", (b, n) -> b.defaultMessageTimeToLive(n.duration()));
        QUEUE.put("DuplicateDetectionHistoryTimeWindow",
                (b, n) -> b.duplicateDetectionHistoryTimeWindow(n.duration()));
        QUEUE.put("EnableBatchedOperations", (b, n) -> b.enableBatchedOperations(n.bool()));
        QUEUE.put("EnablePartitioning", (b, n) -> b.enablePartitioning(n.bool()));
        QUEUE.put("ForwardDeadLetteredMessagesTo", (b, n) -> b.forwardDeadLetteredMessagesTo(n.text()));
        QUEUE.put("ForwardTo", (b, n) -> b.forwardTo(n.text()));
        QUEUE.put("LockDuration", (b, n) -> b.lockDuration(n.duration()));
        QUEUE.put("MaxDeliveryCount", (b, n) -> b.maxDeliveryCount((int) n.integer(1, Integer.MAX_VALUE)));
        QUEUE.put("MaxMessageSizeInKilobytes", (b, n) -> b.maxMessageSizeInKilobytes(n.integer(1, Long.MAX_VALUE)));
        QUEUE.put("MaxSizeInMegabytes", (b, n) -> b.maxSizeInMegabytes(n.integer(1, Long.MAX_VALUE)));
        QUEUE.put("RequiresDuplicateDetection", (b, n) -> b.requiresDuplicateDetection(n.bool()));
        QUEUE.put("RequiresSession", (b, n) -> b.requiresSession(n.bool()));
        QUEUE.put("Status", (b, n) -> b.status(status(n)));
        QUEUE.put("UserMetadata", (b, n) -> b.userMetadata(n.text()));

        TOPIC.put("AutoDeleteOnIdle", (b, n) -> b.autoDeleteOnIdle(n.duration()));
        TOPIC.put("DefaultMessageTimeToLive", (b, n) -> b.defaultMessageTimeToLive(n.duration()));
        TOPIC.put("DuplicateDetectionHistoryTimeWindow", (b, n) -> b.duplicateDetectionHistoryTimeWindow(n.duration()));
        TOPIC.put("EnableBatchedOperations", (b, n) -> b.enableBatchedOperations(n.bool()));
        TOPIC.put("EnablePartitioning", (b, n) -> b.enablePartitioning(n.bool()));
        TOPIC.put("MaxMessageSizeInKilobytes", (b, n) -> b.maxMessageSizeInKilobytes(n.integer(1, Long.MAX_VALUE)));
        TOPIC.put("MaxSizeInMegabytes", (b, n) -> b.maxSizeInMegabytes(n.integer(1, Long.MAX_VALUE)));
        TOPIC.put("RequiresDuplicateDetection", (b, n) -> b.requiresDuplicateDetection(n.bool()));
        TOPIC.put("Status", (b, n) -> b.status(status(n)));
        TOPIC.put("SupportOrdering", (b, n) -> b.supportOrdering(n.bool()));
        TOPIC.put("UserMetadata", (b, n) -> b.userMetadata(n.text()));

        SUBSCRIPTION.put("AutoDeleteOnIdle", (b, n) -> b.autoDeleteOnIdle(n.duration()));
        SUBSCRIPTION.put("DeadLetteringOnFilterEvaluationExceptions",
                (b, n) -> b.deadLetteringOnFilterEvaluationExceptions(n.bool()));
        SUBSCRIPTION.put("DeadLetteringOnMessageExpiration", (b, n) -> b.deadLetteringOnMessageExpiration(n.bool()));
        SUBSCRIPTION.put("DefaultMessageTimeToLive", (b, n) -> b.defaultMessageTimeToLive(n.duration()));
        SUBSCRIPTION.put("EnableBatchedOperations", (b, n) -> b.enableBatchedOperations(n.bool()));
        SUBSCRIPTION.put("ForwardDeadLetteredMessagesTo", (b, n) -> b.forwardDeadLetteredMessagesTo(n.text()));
        SUBSCRIPTION.put("ForwardTo", (b, n) -> b.forwardTo(n.text()));
        SUBSCRIPTION.put("LockDuration", (b, n) -> b.lockDuration(n.duration()));
        SUBSCRIPTION.put("MaxDeliveryCount", (b, n) -> b.maxDeliveryCount((int) n.integer(1, Integer.MAX_VALUE)));
        SUBSCRIPTION.put("RequiresSession", (b, n) -> b.requiresSession(n.bool()));
        SUBSCRIPTION.put("Status", (b, n) -> b.status(status(n)));
        SUBSCRIPTION.put("UserMetadata", (b, n) -> b.userMetadata(n.text()));
    }

    private EntityProperties() {
    }

    /** Applies the queue's {@code Properties} over the Service Bus defaults already in {@code builder}. */
    static QueueDescription.Builder readQueue(ConfigNode properties, QueueDescription.Builder builder) {
        return read(properties, QUEUE, builder);
    }

    static TopicDescription.Builder readTopic(ConfigNode properties, TopicDescription.Builder builder) {
        return read(properties, TOPIC, builder);
    }

    static SubscriptionDescription.Builder readSubscription(ConfigNode properties,
                                                            SubscriptionDescription.Builder builder) {
        return read(properties, SUBSCRIPTION, builder);
    }

    /** The property a core validation message is about, so the error can point at it; null if none. */
    static String propertyIn(String message) {
        for (Map<String, ?> table : List.of(QUEUE, TOPIC, SUBSCRIPTION)) {
            for (String name : table.keySet()) {
                if (message.contains(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static <B> B read(ConfigNode properties, Map<String, BiConsumer<B, ConfigNode>> table, B builder) {
        properties.onlyFields(new TreeSet<>(table.keySet()));
        for (String name : properties.fieldNames()) {
            properties.optional(name).ifPresent(value -> table.get(name).accept(builder, value));
        }
        return builder;
    }

    private static EntityStatus status(ConfigNode n) {
        try {
            return EntityStatus.parse(n.text());
        } catch (IllegalArgumentException e) {
            throw n.fail("'" + n.text() + "' is not a status; expected Active, Disabled, SendDisabled or "
                    + "ReceiveDisabled");
        }
    }
}
