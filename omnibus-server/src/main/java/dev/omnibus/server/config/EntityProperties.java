package dev.omnibus.server.config;

import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.QueueDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The {@code Properties} an entity may carry in Config.json: the emulator's names plus every other queue property the
 * core supports, spelled as the management API spells them. Queues are read into a {@link QueueDescription}; topic
 * and subscription properties are only type-checked until those entities exist, so a config that will work with
 * them later already fails early when it is wrong.
 */
final class EntityProperties {
    private static final Map<String, BiConsumer<QueueDescription.Builder, ConfigNode>> QUEUE = new LinkedHashMap<>();
    private static final Map<String, Consumer<ConfigNode>> TOPIC = new LinkedHashMap<>();
    private static final Map<String, Consumer<ConfigNode>> SUBSCRIPTION = new LinkedHashMap<>();

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

        for (String name : Set.of("AutoDeleteOnIdle", "DefaultMessageTimeToLive",
                "DuplicateDetectionHistoryTimeWindow")) {
            TOPIC.put(name, ConfigNode::duration);
        }
        for (String name : Set.of("EnableBatchedOperations", "EnablePartitioning", "RequiresDuplicateDetection",
                "SupportOrdering")) {
            TOPIC.put(name, ConfigNode::bool);
        }
        TOPIC.put("MaxMessageSizeInKilobytes", n -> n.integer(1, Long.MAX_VALUE));
        TOPIC.put("MaxSizeInMegabytes", n -> n.integer(1, Long.MAX_VALUE));
        TOPIC.put("Status", EntityProperties::status);
        TOPIC.put("UserMetadata", ConfigNode::text);

        for (String name : Set.of("AutoDeleteOnIdle", "DefaultMessageTimeToLive", "LockDuration")) {
            SUBSCRIPTION.put(name, ConfigNode::duration);
        }
        for (String name : Set.of("DeadLetteringOnFilterEvaluationExceptions", "DeadLetteringOnMessageExpiration",
                "EnableBatchedOperations", "RequiresSession")) {
            SUBSCRIPTION.put(name, ConfigNode::bool);
        }
        for (String name : Set.of("ForwardDeadLetteredMessagesTo", "ForwardTo", "UserMetadata")) {
            SUBSCRIPTION.put(name, ConfigNode::text);
        }
        SUBSCRIPTION.put("MaxDeliveryCount", n -> n.integer(1, Integer.MAX_VALUE));
        SUBSCRIPTION.put("Status", EntityProperties::status);
    }

    private EntityProperties() {
    }

    /** Applies the queue's {@code Properties} over the Service Bus defaults already in {@code builder}. */
    static QueueDescription.Builder readQueue(ConfigNode properties, QueueDescription.Builder builder) {
        properties.onlyFields(new TreeSet<>(QUEUE.keySet()));
        for (String name : properties.fieldNames()) {
            properties.optional(name).ifPresent(value -> QUEUE.get(name).accept(builder, value));
        }
        return builder;
    }

    static void checkTopic(ConfigNode properties) {
        check(properties, TOPIC);
    }

    static void checkSubscription(ConfigNode properties) {
        check(properties, SUBSCRIPTION);
    }

    /** The queue property a core validation message is about, so the error can point at it; null if none. */
    static String queuePropertyIn(String message) {
        return QUEUE.keySet().stream().filter(message::contains).findFirst().orElse(null);
    }

    private static void check(ConfigNode properties, Map<String, Consumer<ConfigNode>> table) {
        properties.onlyFields(new TreeSet<>(table.keySet()));
        for (String name : properties.fieldNames()) {
            properties.optional(name).ifPresent(table.get(name));
        }
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
