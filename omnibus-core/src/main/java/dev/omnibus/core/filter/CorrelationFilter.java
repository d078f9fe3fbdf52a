package dev.omnibus.core.filter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A correlation filter: a conjunction of equality tests on the fields that are set (doc "Topic filters and
 * actions"). System fields compare as exact, case-sensitive strings; each entry of {@code properties} requires an
 * application property of that name (matched case-insensitively, as in SQL filters) with an equal value, where
 * "equal" is SQL {@code =} (so 5 and 5L are equal, "5" and 5 are not). A field left null is not tested, and a filter
 * with nothing set matches every message.
 *
 * <p>It is equivalent to a SQL filter such as {@code sys.ReplyTo = 'x' AND sys.Label = 'y' AND color = 'Red'}
 * (doc "Set subscription filters"), but cheaper: there is nothing to parse and no three-valued logic to run.
 *
 * @param correlationId {@code CorrelationId} to match, or null
 * @param messageId {@code MessageId} to match, or null
 * @param to {@code To} to match, or null
 * @param replyTo {@code ReplyTo} to match, or null
 * @param subject {@code Subject} to match ({@code label} on the wire, {@code sys.Label} in SQL), or null
 * @param sessionId {@code SessionId} to match, or null
 * @param replyToSessionId {@code ReplyToSessionId} to match, or null
 * @param contentType {@code ContentType} to match, or null
 * @param properties application properties to match; never null (empty when none). A null value never matches.
 */
public record CorrelationFilter(String correlationId, String messageId, String to, String replyTo, String subject,
                                String sessionId, String replyToSessionId, String contentType,
                                Map<String, Object> properties) implements Filter {

    /**
     * Validates and copies the properties.
     *
     * @throws IllegalArgumentException when a property value has a type a message property cannot hold
     */
    public CorrelationFilter {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (properties != null) {
            properties.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "property name"),
                    SqlValues.normalize(v)));
        }
        properties = Collections.unmodifiableMap(copy);
    }

    /** The common case: a filter on {@code CorrelationId} only. */
    public static CorrelationFilter ofCorrelationId(String correlationId) {
        return builder().correlationId(Objects.requireNonNull(correlationId, "correlationId")).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean matches(Filterable message) {
        if (!(same(correlationId, message, SystemProperty.CORRELATION_ID)
                && same(messageId, message, SystemProperty.MESSAGE_ID)
                && same(to, message, SystemProperty.TO)
                && same(replyTo, message, SystemProperty.REPLY_TO)
                && same(subject, message, SystemProperty.LABEL)
                && same(sessionId, message, SystemProperty.SESSION_ID)
                && same(replyToSessionId, message, SystemProperty.REPLY_TO_SESSION_ID)
                && same(contentType, message, SystemProperty.CONTENT_TYPE))) {
            return false;
        }
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (SqlValues.compare(CompareOp.EQ, message.userProperty(e.getKey()), e.getValue()) != SqlValues.TRUE) {
                return false;
            }
        }
        return true;
    }

    /** Whether no field and no property is set, so the filter matches everything. */
    public boolean isEmpty() {
        return correlationId == null && messageId == null && to == null && replyTo == null && subject == null
                && sessionId == null && replyToSessionId == null && contentType == null && properties.isEmpty();
    }

    private static boolean same(String expected, Filterable message, SystemProperty property) {
        return expected == null || expected.equals(message.systemProperty(property));
    }

    /** Builds a {@link CorrelationFilter}; every field is optional. */
    public static final class Builder {
        private String correlationId;
        private String messageId;
        private String to;
        private String replyTo;
        private String subject;
        private String sessionId;
        private String replyToSessionId;
        private String contentType;
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder correlationId(String v) {
            correlationId = v;
            return this;
        }

        public Builder messageId(String v) {
            messageId = v;
            return this;
        }

        public Builder to(String v) {
            to = v;
            return this;
        }

        public Builder replyTo(String v) {
            replyTo = v;
            return this;
        }

        /** {@code Subject}, called {@code Label} on the wire. */
        public Builder subject(String v) {
            subject = v;
            return this;
        }

        public Builder sessionId(String v) {
            sessionId = v;
            return this;
        }

        public Builder replyToSessionId(String v) {
            replyToSessionId = v;
            return this;
        }

        public Builder contentType(String v) {
            contentType = v;
            return this;
        }

        public Builder property(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        public Builder properties(Map<String, ?> values) {
            properties.putAll(values);
            return this;
        }

        public CorrelationFilter build() {
            return new CorrelationFilter(correlationId, messageId, to, replyTo, subject, sessionId, replyToSessionId,
                    contentType, properties);
        }
    }
}
