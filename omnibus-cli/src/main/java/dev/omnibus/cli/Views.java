package dev.omnibus.cli;

import dev.omnibus.client.admin.models.CorrelationRuleFilter;
import dev.omnibus.client.admin.models.FalseRuleFilter;
import dev.omnibus.client.admin.models.NamespaceProperties;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.admin.models.QueueRuntimeProperties;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SqlRuleAction;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.admin.models.SubscriptionProperties;
import dev.omnibus.client.admin.models.SubscriptionRuntimeProperties;
import dev.omnibus.client.admin.models.TopicProperties;
import dev.omnibus.client.admin.models.TopicRuntimeProperties;
import dev.omnibus.client.admin.models.TrueRuleFilter;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's models as ordered maps, the one shape {@link Output} prints. Keys are the property names of the
 * client's models (camel case), so JSON output reads like the Service Bus documentation.
 */
final class Views {
    private Views() {
    }

    /** An ordered map of alternating keys and values. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            v.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return v;
    }

    /** A queue's properties, then its counts when known. */
    static Map<String, Object> queue(QueueProperties q, QueueRuntimeProperties r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", q.getName());
        v.put("status", q.getStatus().getWireName());
        if (r != null) {
            counts(v, r.getActiveMessageCount(), r.getDeadLetterMessageCount(), r.getScheduledMessageCount(),
                    r.getTransferMessageCount(), r.getTransferDeadLetterMessageCount(), r.getTotalMessageCount());
            v.put("sizeInBytes", r.getSizeInBytes());
        }
        v.put("lockDuration", q.getLockDuration());
        v.put("maxDeliveryCount", q.getMaxDeliveryCount());
        v.put("defaultMessageTimeToLive", q.getDefaultMessageTimeToLive());
        v.put("deadLetteringOnMessageExpiration", q.isDeadLetteringOnMessageExpiration());
        v.put("requiresSession", q.isSessionRequired());
        v.put("requiresDuplicateDetection", q.isDuplicateDetectionRequired());
        v.put("duplicateDetectionHistoryTimeWindow", q.getDuplicateDetectionHistoryTimeWindow());
        v.put("maxSizeInMegabytes", q.getMaxSizeInMegabytes());
        v.put("maxMessageSizeInKilobytes", q.getMaxMessageSizeInKilobytes());
        v.put("forwardTo", q.getForwardTo());
        v.put("forwardDeadLetteredMessagesTo", q.getForwardDeadLetteredMessagesTo());
        v.put("autoDeleteOnIdle", q.getAutoDeleteOnIdle());
        v.put("enableBatchedOperations", q.isBatchedOperationsEnabled());
        v.put("enablePartitioning", q.isPartitioningEnabled());
        v.put("userMetadata", q.getUserMetadata());
        if (r != null) {
            times(v, r.getCreatedAt(), r.getUpdatedAt(), r.getAccessedAt());
        }
        return v;
    }

    static Map<String, Object> topic(TopicProperties t, TopicRuntimeProperties r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", t.getName());
        v.put("status", t.getStatus().getWireName());
        if (r != null) {
            v.put("subscriptionCount", r.getSubscriptionCount());
            v.put("scheduledMessageCount", r.getScheduledMessageCount());
            v.put("sizeInBytes", r.getSizeInBytes());
        }
        v.put("defaultMessageTimeToLive", t.getDefaultMessageTimeToLive());
        v.put("requiresDuplicateDetection", t.isDuplicateDetectionRequired());
        v.put("duplicateDetectionHistoryTimeWindow", t.getDuplicateDetectionHistoryTimeWindow());
        v.put("maxSizeInMegabytes", t.getMaxSizeInMegabytes());
        v.put("maxMessageSizeInKilobytes", t.getMaxMessageSizeInKilobytes());
        v.put("supportOrdering", t.isOrderingSupported());
        v.put("autoDeleteOnIdle", t.getAutoDeleteOnIdle());
        v.put("enableBatchedOperations", t.isBatchedOperationsEnabled());
        v.put("enablePartitioning", t.isPartitioningEnabled());
        v.put("userMetadata", t.getUserMetadata());
        if (r != null) {
            times(v, r.getCreatedAt(), r.getUpdatedAt(), r.getAccessedAt());
        }
        return v;
    }

    static Map<String, Object> subscription(SubscriptionProperties s, SubscriptionRuntimeProperties r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("topic", s.getTopicName());
        v.put("name", s.getSubscriptionName());
        v.put("status", s.getStatus().getWireName());
        if (r != null) {
            counts(v, r.getActiveMessageCount(), r.getDeadLetterMessageCount(), null, r.getTransferMessageCount(),
                    r.getTransferDeadLetterMessageCount(), r.getTotalMessageCount());
        }
        v.put("lockDuration", s.getLockDuration());
        v.put("maxDeliveryCount", s.getMaxDeliveryCount());
        v.put("defaultMessageTimeToLive", s.getDefaultMessageTimeToLive());
        v.put("deadLetteringOnMessageExpiration", s.isDeadLetteringOnMessageExpiration());
        v.put("deadLetteringOnFilterEvaluationExceptions", s.isDeadLetteringOnFilterEvaluationExceptions());
        v.put("requiresSession", s.isSessionRequired());
        v.put("forwardTo", s.getForwardTo());
        v.put("forwardDeadLetteredMessagesTo", s.getForwardDeadLetteredMessagesTo());
        v.put("autoDeleteOnIdle", s.getAutoDeleteOnIdle());
        v.put("enableBatchedOperations", s.isBatchedOperationsEnabled());
        v.put("userMetadata", s.getUserMetadata());
        if (r != null) {
            times(v, r.getCreatedAt(), r.getUpdatedAt(), r.getAccessedAt());
        }
        return v;
    }

    static Map<String, Object> rule(RuleProperties rule) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", rule.getName());
        v.put("filter", filter(rule.getFilter()));
        v.put("action", action(rule.getAction()));
        return v;
    }

    /** A rule in one table row: its filter and action as text. */
    static Map<String, Object> ruleRow(RuleProperties rule) {
        Map<String, Object> v = new LinkedHashMap<>(rule(rule));
        v.put("filterText", describe(rule.getFilter()));
        v.put("actionText", rule.getAction() instanceof SqlRuleAction a ? a.getSqlExpression() : "-");
        return v;
    }

    static Map<String, Object> filter(RuleFilter filter) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (filter instanceof CorrelationRuleFilter c) {
            v.put("type", "CorrelationFilter");
            putIfSet(v, "correlationId", c.getCorrelationId());
            putIfSet(v, "messageId", c.getMessageId());
            putIfSet(v, "to", c.getTo());
            putIfSet(v, "replyTo", c.getReplyTo());
            putIfSet(v, "label", c.getLabel());
            putIfSet(v, "sessionId", c.getSessionId());
            putIfSet(v, "replyToSessionId", c.getReplyToSessionId());
            putIfSet(v, "contentType", c.getContentType());
            v.put("properties", c.getProperties());
            return v;
        }
        SqlRuleFilter sql = (SqlRuleFilter) filter;
        v.put("type", sql instanceof TrueRuleFilter ? "TrueFilter" : sql instanceof FalseRuleFilter ? "FalseFilter"
                : "SqlFilter");
        v.put("sqlExpression", sql.getSqlExpression());
        v.put("parameters", sql.getParameters());
        return v;
    }

    static Map<String, Object> action(RuleAction action) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (action instanceof SqlRuleAction sql) {
            v.put("type", "SqlRuleAction");
            v.put("sqlExpression", sql.getSqlExpression());
            v.put("parameters", sql.getParameters());
        } else {
            v.put("type", "EmptyRuleAction");
        }
        return v;
    }

    private static String describe(RuleFilter filter) {
        if (filter instanceof CorrelationRuleFilter c) {
            return c.toString().replaceFirst("^CorrelationRuleFilter: ?", "correlation: ");
        }
        return ((SqlRuleFilter) filter).getSqlExpression();
    }

    static Map<String, Object> namespace(NamespaceProperties ns) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", ns.getName());
        v.put("messagingSku", ns.getMessagingSku());
        v.put("namespaceType", ns.getNamespaceType());
        v.put("messagingUnits", ns.getMessagingUnits());
        v.put("alias", ns.getAlias());
        v.put("createdTime", ns.getCreatedTime());
        v.put("modifiedTime", ns.getModifiedTime());
        return v;
    }

    /** A received or peeked message: what the broker stamped, the properties, and the body. */
    static Map<String, Object> message(ServiceBusReceivedMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sequenceNumber", m.getSequenceNumber());
        v.put("messageId", m.getMessageId());
        v.put("enqueuedTime", m.getEnqueuedTime());
        v.put("deliveryCount", m.getDeliveryCount());
        v.put("state", m.getState() == null ? null : m.getState().toString());
        putIfSet(v, "sessionId", m.getSessionId());
        putIfSet(v, "subject", m.getSubject());
        putIfSet(v, "contentType", m.getContentType());
        putIfSet(v, "correlationId", m.getCorrelationId());
        putIfSet(v, "to", m.getTo());
        putIfSet(v, "replyTo", m.getReplyTo());
        putIfSet(v, "replyToSessionId", m.getReplyToSessionId());
        putIfSet(v, "partitionKey", m.getPartitionKey());
        putIfSet(v, "timeToLive", m.getTimeToLive());
        putIfSet(v, "expiresAt", m.getExpiresAt());
        putIfSet(v, "scheduledEnqueueTime", m.getScheduledEnqueueTime());
        putIfSet(v, "deadLetterSource", m.getDeadLetterSource());
        putIfSet(v, "deadLetterReason", m.getDeadLetterReason());
        putIfSet(v, "deadLetterErrorDescription", m.getDeadLetterErrorDescription());
        Map<String, Object> properties = new LinkedHashMap<>();
        m.getApplicationProperties().forEach((key, value) -> properties.put(key, plainValue(value)));
        v.put("applicationProperties", properties);
        String text = utf8(m.getBody());
        v.put("bodyEncoding", text != null ? "utf-8" : "base64");
        v.put("body", text != null ? text : Base64.getEncoder().encodeToString(m.getBody()));
        return v;
    }

    private static Object plainValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().toString();
        }
        return value.toString();
    }

    /** The body as text when it is valid UTF-8, else null. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void counts(Map<String, Object> v, long active, long deadLetter, Long scheduled, long transfer,
                               long transferDeadLetter, long total) {
        v.put("activeMessageCount", active);
        v.put("deadLetterMessageCount", deadLetter);
        if (scheduled != null) {
            v.put("scheduledMessageCount", scheduled);
        }
        v.put("transferMessageCount", transfer);
        v.put("transferDeadLetterMessageCount", transferDeadLetter);
        v.put("totalMessageCount", total);
    }

    private static void times(Map<String, Object> v, Object created, Object updated, Object accessed) {
        v.put("createdAt", created);
        v.put("updatedAt", updated);
        v.put("accessedAt", accessed);
    }

    private static void putIfSet(Map<String, Object> v, String key, Object value) {
        if (value != null) {
            v.put(key, value);
        }
    }
}
