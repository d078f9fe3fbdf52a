package dev.omnibus.client.admin.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Selects messages whose system and application properties equal the given values: every value that is set must
 * match (a logical AND); string comparison is case-sensitive. Cheaper to evaluate than a SQL filter. Not
 * thread-safe.
 *
 * <pre>{@code
 * new CorrelationRuleFilter().setLabel("order").getProperties().put("region", "eu");
 * }</pre>
 */
public final class CorrelationRuleFilter extends RuleFilter {
    private String correlationId;
    private String messageId;
    private String to;
    private String replyTo;
    private String label;
    private String sessionId;
    private String replyToSessionId;
    private String contentType;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    /** A filter that matches every message until a value is set. */
    public CorrelationRuleFilter() {
    }

    /**
     * @param correlationId the correlation id to match
     * @throws NullPointerException if {@code correlationId} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CorrelationRuleFilter(String correlationId) {
        this.correlationId = Checks.name(correlationId, "correlationId");
    }

    /** @return the correlation id to match, or null */
    public String getCorrelationId() {
        return correlationId;
    }

    /**
     * @param correlationId the correlation id to match, or null for any
     * @return this filter
     */
    public CorrelationRuleFilter setCorrelationId(String correlationId) {
        this.correlationId = correlationId;
        return this;
    }

    /** @return the message id to match, or null */
    public String getMessageId() {
        return messageId;
    }

    /**
     * @param messageId the message id to match, or null for any
     * @return this filter
     */
    public CorrelationRuleFilter setMessageId(String messageId) {
        this.messageId = messageId;
        return this;
    }

    /** @return the "to" address to match, or null */
    public String getTo() {
        return to;
    }

    /**
     * @param to the "to" address to match, or null for any
     * @return this filter
     */
    public CorrelationRuleFilter setTo(String to) {
        this.to = to;
        return this;
    }

    /** @return the reply-to address to match, or null */
    public String getReplyTo() {
        return replyTo;
    }

    /**
     * @param replyTo the reply-to address to match, or null for any
     * @return this filter
     */
    public CorrelationRuleFilter setReplyTo(String replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    /** @return the label (the message's subject) to match, or null */
    public String getLabel() {
        return label;
    }

    /**
     * @param label the label (the message's subject) to match, or null for any
     * @return this filter
     */
    public CorrelationRuleFilter setLabel(String label) {
        this.label = label;
        return this;
    }

    /** @return the session id to match, or null */
    public String getSessionId() {
        return sessionId;
    }

    /**
     * @param sessionId the session id to match, or null for any
     * @return this filter
     */
    public CorrelationRuleFilter setSessionId(String sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    /** @return the reply-to session id to match, or null */
    public String getReplyToSessionId() {
        return replyToSessionId;
    }

    /**
     * @param replyToSessionId the reply-to session id to match, or null for any
     * @return this filter
     */
    public CorrelationRuleFilter setReplyToSessionId(String replyToSessionId) {
        this.replyToSessionId = replyToSessionId;
        return this;
    }

    /** @return the content type to match, or null */
    public String getContentType() {
        return contentType;
    }

    /**
     * @param contentType the content type to match, or null for any
     * @return this filter
     */
    public CorrelationRuleFilter setContentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    /**
     * The application properties to match, by name. Values are strings, numbers, booleans, {@code OffsetDateTime}s
     * or {@code Duration}s.
     *
     * @return the properties; a live, modifiable map
     */
    public Map<String, Object> getProperties() {
        return properties;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CorrelationRuleFilter that && Objects.equals(correlationId, that.correlationId)
                && Objects.equals(messageId, that.messageId) && Objects.equals(to, that.to)
                && Objects.equals(replyTo, that.replyTo) && Objects.equals(label, that.label)
                && Objects.equals(sessionId, that.sessionId) && Objects.equals(replyToSessionId, that.replyToSessionId)
                && Objects.equals(contentType, that.contentType) && properties.equals(that.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(correlationId, messageId, to, replyTo, label, sessionId, replyToSessionId, contentType,
                properties);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("CorrelationRuleFilter:");
        append(out, "sys.CorrelationId", correlationId);
        append(out, "sys.MessageId", messageId);
        append(out, "sys.To", to);
        append(out, "sys.ReplyTo", replyTo);
        append(out, "sys.Label", label);
        append(out, "sys.SessionId", sessionId);
        append(out, "sys.ReplyToSessionId", replyToSessionId);
        append(out, "sys.ContentType", contentType);
        properties.forEach((key, value) -> append(out, key, String.valueOf(value)));
        return out.toString();
    }

    private static void append(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(out.charAt(out.length() - 1) == ':' ? " " : " AND ").append(name).append(" = '")
                    .append(value).append('\'');
        }
    }
}
