package dev.omnibus.core.internal;

import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.core.filter.CorrelationFilter;
import dev.omnibus.core.filter.FalseFilter;
import dev.omnibus.core.filter.Filter;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlFilter;
import dev.omnibus.core.filter.SqlRuleAction;
import dev.omnibus.core.filter.TrueFilter;
import dev.omnibus.core.store.MessageMetaCodec.PropertyValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entity definitions as the store keeps them: a version, the kind, the namespace, named properties as text pairs
 * (so adding a property later does not break reading older definitions), and for rules their typed parameters.
 */
public final class DefinitionCodec {
    private static final byte VERSION = 1;
    public static final String QUEUE = "queue";
    public static final String TOPIC = "topic";
    public static final String SUBSCRIPTION = "subscription";
    public static final String RULE = "rule";

    /** A decoded definition; exactly one of queue, topic, subscription, rule is set. */
    public record Definition(String kind, String namespace, QueueDescription queue, TopicDescription topic,
                             SubscriptionDescription subscription, StoredRule rule) {
    }

    /** A rule with where it belongs. */
    public record StoredRule(String topic, String subscription, Rule rule, Instant createdAt) {
    }

    private DefinitionCodec() {
    }

    // ---- queues --------------------------------------------------------------------------------------------------

    public static byte[] encodeQueue(String namespace, QueueDescription d) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", d.name());
        p.put("lockDuration", d.lockDuration().toString());
        p.put("maxSizeInMegabytes", Long.toString(d.maxSizeInMegabytes()));
        p.put("requiresDuplicateDetection", Boolean.toString(d.requiresDuplicateDetection()));
        p.put("requiresSession", Boolean.toString(d.requiresSession()));
        p.put("defaultMessageTimeToLive", d.defaultMessageTimeToLive().toString());
        p.put("deadLetteringOnMessageExpiration", Boolean.toString(d.deadLetteringOnMessageExpiration()));
        p.put("duplicateDetectionHistoryTimeWindow", d.duplicateDetectionHistoryTimeWindow().toString());
        p.put("maxDeliveryCount", Integer.toString(d.maxDeliveryCount()));
        p.put("enableBatchedOperations", Boolean.toString(d.enableBatchedOperations()));
        p.put("status", d.status().name());
        putIfSet(p, "forwardTo", d.forwardTo());
        putIfSet(p, "forwardDeadLetteredMessagesTo", d.forwardDeadLetteredMessagesTo());
        p.put("autoDeleteOnIdle", d.autoDeleteOnIdle().toString());
        p.put("enablePartitioning", Boolean.toString(d.enablePartitioning()));
        putIfSet(p, "userMetadata", d.userMetadata());
        p.put("maxMessageSizeInKilobytes", Long.toString(d.maxMessageSizeInKilobytes()));
        p.put("createdAt", d.createdAt().toString());
        p.put("updatedAt", d.updatedAt().toString());
        return encode(QUEUE, namespace, p, null);
    }

    private static QueueDescription queue(Map<String, String> p) {
        return QueueDescription.builder(p.get("name"))
                .lockDuration(Duration.parse(p.get("lockDuration")))
                .maxSizeInMegabytes(Long.parseLong(p.get("maxSizeInMegabytes")))
                .requiresDuplicateDetection(Boolean.parseBoolean(p.get("requiresDuplicateDetection")))
                .requiresSession(Boolean.parseBoolean(p.get("requiresSession")))
                .defaultMessageTimeToLive(Duration.parse(p.get("defaultMessageTimeToLive")))
                .deadLetteringOnMessageExpiration(Boolean.parseBoolean(p.get("deadLetteringOnMessageExpiration")))
                .duplicateDetectionHistoryTimeWindow(Duration.parse(p.get("duplicateDetectionHistoryTimeWindow")))
                .maxDeliveryCount(Integer.parseInt(p.get("maxDeliveryCount")))
                .enableBatchedOperations(Boolean.parseBoolean(p.get("enableBatchedOperations")))
                .status(EntityStatus.valueOf(p.get("status")))
                .forwardTo(p.get("forwardTo"))
                .forwardDeadLetteredMessagesTo(p.get("forwardDeadLetteredMessagesTo"))
                .autoDeleteOnIdle(Duration.parse(p.get("autoDeleteOnIdle")))
                .enablePartitioning(Boolean.parseBoolean(p.get("enablePartitioning")))
                .userMetadata(p.get("userMetadata"))
                .maxMessageSizeInKilobytes(Long.parseLong(p.get("maxMessageSizeInKilobytes")))
                .createdAt(Instant.parse(p.get("createdAt")))
                .updatedAt(Instant.parse(p.get("updatedAt")))
                .build();
    }

    // ---- topics --------------------------------------------------------------------------------------------------

    public static byte[] encodeTopic(String namespace, TopicDescription d) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", d.name());
        p.put("defaultMessageTimeToLive", d.defaultMessageTimeToLive().toString());
        p.put("maxSizeInMegabytes", Long.toString(d.maxSizeInMegabytes()));
        p.put("requiresDuplicateDetection", Boolean.toString(d.requiresDuplicateDetection()));
        p.put("duplicateDetectionHistoryTimeWindow", d.duplicateDetectionHistoryTimeWindow().toString());
        p.put("status", d.status().name());
        p.put("autoDeleteOnIdle", d.autoDeleteOnIdle().toString());
        p.put("supportOrdering", Boolean.toString(d.supportOrdering()));
        p.put("enablePartitioning", Boolean.toString(d.enablePartitioning()));
        p.put("enableBatchedOperations", Boolean.toString(d.enableBatchedOperations()));
        putIfSet(p, "userMetadata", d.userMetadata());
        p.put("maxMessageSizeInKilobytes", Long.toString(d.maxMessageSizeInKilobytes()));
        p.put("createdAt", d.createdAt().toString());
        p.put("updatedAt", d.updatedAt().toString());
        return encode(TOPIC, namespace, p, null);
    }

    private static TopicDescription topic(Map<String, String> p) {
        return TopicDescription.builder(p.get("name"))
                .defaultMessageTimeToLive(Duration.parse(p.get("defaultMessageTimeToLive")))
                .maxSizeInMegabytes(Long.parseLong(p.get("maxSizeInMegabytes")))
                .requiresDuplicateDetection(Boolean.parseBoolean(p.get("requiresDuplicateDetection")))
                .duplicateDetectionHistoryTimeWindow(Duration.parse(p.get("duplicateDetectionHistoryTimeWindow")))
                .status(EntityStatus.valueOf(p.get("status")))
                .autoDeleteOnIdle(Duration.parse(p.get("autoDeleteOnIdle")))
                .supportOrdering(Boolean.parseBoolean(p.get("supportOrdering")))
                .enablePartitioning(Boolean.parseBoolean(p.get("enablePartitioning")))
                .enableBatchedOperations(Boolean.parseBoolean(p.get("enableBatchedOperations")))
                .userMetadata(p.get("userMetadata"))
                .maxMessageSizeInKilobytes(Long.parseLong(p.get("maxMessageSizeInKilobytes")))
                .createdAt(Instant.parse(p.get("createdAt")))
                .updatedAt(Instant.parse(p.get("updatedAt")))
                .build();
    }

    // ---- subscriptions -------------------------------------------------------------------------------------------

    public static byte[] encodeSubscription(String namespace, SubscriptionDescription d) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("topicName", d.topicName());
        p.put("name", d.name());
        p.put("lockDuration", d.lockDuration().toString());
        p.put("requiresSession", Boolean.toString(d.requiresSession()));
        p.put("defaultMessageTimeToLive", d.defaultMessageTimeToLive().toString());
        p.put("deadLetteringOnMessageExpiration", Boolean.toString(d.deadLetteringOnMessageExpiration()));
        p.put("deadLetteringOnFilterEvaluationExceptions",
                Boolean.toString(d.deadLetteringOnFilterEvaluationExceptions()));
        p.put("maxDeliveryCount", Integer.toString(d.maxDeliveryCount()));
        p.put("enableBatchedOperations", Boolean.toString(d.enableBatchedOperations()));
        p.put("status", d.status().name());
        putIfSet(p, "forwardTo", d.forwardTo());
        putIfSet(p, "forwardDeadLetteredMessagesTo", d.forwardDeadLetteredMessagesTo());
        p.put("autoDeleteOnIdle", d.autoDeleteOnIdle().toString());
        putIfSet(p, "userMetadata", d.userMetadata());
        p.put("createdAt", d.createdAt().toString());
        p.put("updatedAt", d.updatedAt().toString());
        return encode(SUBSCRIPTION, namespace, p, null);
    }

    private static SubscriptionDescription subscription(Map<String, String> p) {
        return SubscriptionDescription.builder(p.get("topicName"), p.get("name"))
                .lockDuration(Duration.parse(p.get("lockDuration")))
                .requiresSession(Boolean.parseBoolean(p.get("requiresSession")))
                .defaultMessageTimeToLive(Duration.parse(p.get("defaultMessageTimeToLive")))
                .deadLetteringOnMessageExpiration(Boolean.parseBoolean(p.get("deadLetteringOnMessageExpiration")))
                .deadLetteringOnFilterEvaluationExceptions(
                        Boolean.parseBoolean(p.get("deadLetteringOnFilterEvaluationExceptions")))
                .maxDeliveryCount(Integer.parseInt(p.get("maxDeliveryCount")))
                .enableBatchedOperations(Boolean.parseBoolean(p.get("enableBatchedOperations")))
                .status(EntityStatus.valueOf(p.get("status")))
                .forwardTo(p.get("forwardTo"))
                .forwardDeadLetteredMessagesTo(p.get("forwardDeadLetteredMessagesTo"))
                .autoDeleteOnIdle(Duration.parse(p.get("autoDeleteOnIdle")))
                .userMetadata(p.get("userMetadata"))
                .createdAt(Instant.parse(p.get("createdAt")))
                .updatedAt(Instant.parse(p.get("updatedAt")))
                .build();
    }

    // ---- rules ---------------------------------------------------------------------------------------------------

    public static byte[] encodeRule(String namespace, StoredRule r) {
        Map<String, String> p = new LinkedHashMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        p.put("topic", r.topic());
        p.put("subscription", r.subscription());
        p.put("name", r.rule().name());
        p.put("createdAt", r.createdAt().toString());
        Filter f = r.rule().filter();
        if (f instanceof TrueFilter) {
            p.put("filter", "true");
        } else if (f instanceof FalseFilter) {
            p.put("filter", "false");
        } else if (f instanceof SqlFilter sql) {
            p.put("filter", "sql");
            p.put("expression", sql.expression());
            sql.parameters().forEach((k, v) -> typed.put("filter." + k, v));
        } else if (f instanceof CorrelationFilter c) {
            p.put("filter", "correlation");
            putIfSet(p, "correlationId", c.correlationId());
            putIfSet(p, "messageId", c.messageId());
            putIfSet(p, "to", c.to());
            putIfSet(p, "replyTo", c.replyTo());
            putIfSet(p, "subject", c.subject());
            putIfSet(p, "sessionId", c.sessionId());
            putIfSet(p, "replyToSessionId", c.replyToSessionId());
            putIfSet(p, "contentType", c.contentType());
            c.properties().forEach((k, v) -> typed.put("property." + k, v));
        }
        SqlRuleAction action = r.rule().action();
        if (action != null) {
            p.put("action", action.expression());
            action.parameters().forEach((k, v) -> typed.put("action." + k, v));
        }
        return encode(RULE, namespace, p, typed);
    }

    private static StoredRule rule(Map<String, String> p, Map<String, Object> typed) {
        Filter filter = switch (p.get("filter")) {
            case "true" -> TrueFilter.INSTANCE;
            case "false" -> FalseFilter.INSTANCE;
            case "sql" -> SqlFilter.parse(p.get("expression"), prefixed(typed, "filter."));
            case "correlation" -> new CorrelationFilter(p.get("correlationId"), p.get("messageId"), p.get("to"),
                    p.get("replyTo"), p.get("subject"), p.get("sessionId"), p.get("replyToSessionId"),
                    p.get("contentType"), prefixed(typed, "property."));
            default -> throw new IllegalStateException("Unknown stored filter kind " + p.get("filter"));
        };
        SqlRuleAction action = p.containsKey("action")
                ? SqlRuleAction.parse(p.get("action"), prefixed(typed, "action.")) : null;
        return new StoredRule(p.get("topic"), p.get("subscription"), new Rule(p.get("name"), filter, action),
                Instant.parse(p.get("createdAt")));
    }

    private static Map<String, Object> prefixed(Map<String, Object> typed, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        typed.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    // ---- envelope ------------------------------------------------------------------------------------------------

    public static Definition decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Unknown definition version " + version);
            }
            String kind = in.readUTF();
            String namespace = in.readUTF();
            int n = in.readInt();
            Map<String, String> p = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                p.put(in.readUTF(), in.readUTF());
            }
            Map<String, Object> typed = new LinkedHashMap<>();
            if (in.available() > 0) {
                int t = in.readInt();
                for (int i = 0; i < t; i++) {
                    typed.put(in.readUTF(), PropertyValueCodec.read(in));
                }
            }
            return switch (kind) {
                case QUEUE -> new Definition(kind, namespace, queue(p), null, null, null);
                case TOPIC -> new Definition(kind, namespace, null, topic(p), null, null);
                case SUBSCRIPTION -> new Definition(kind, namespace, null, null, subscription(p), null);
                case RULE -> new Definition(kind, namespace, null, null, null, rule(p, typed));
                default -> new Definition(kind, namespace, null, null, null, null);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIfSet(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    private static byte[] encode(String kind, String namespace, Map<String, String> properties,
                                 Map<String, Object> typed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(kind);
            out.writeUTF(namespace);
            out.writeInt(properties.size());
            for (Map.Entry<String, String> e : properties.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            if (typed != null) {
                out.writeInt(typed.size());
                for (Map.Entry<String, Object> e : typed.entrySet()) {
                    out.writeUTF(e.getKey());
                    PropertyValueCodec.write(out, e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
