package dev.omnibus.client.implementation;

import static dev.omnibus.amqp.RuleWire.CORRELATION_FILTER;
import static dev.omnibus.amqp.RuleWire.CORRELATION_FILTER_CODE;
import static dev.omnibus.amqp.RuleWire.EMPTY_RULE_ACTION_CODE;
import static dev.omnibus.amqp.RuleWire.EXPRESSION;
import static dev.omnibus.amqp.RuleWire.FALSE_FILTER_CODE;
import static dev.omnibus.amqp.RuleWire.RULE_DESCRIPTION;
import static dev.omnibus.amqp.RuleWire.RULE_DESCRIPTION_CODE;
import static dev.omnibus.amqp.RuleWire.RULE_NAME;
import static dev.omnibus.amqp.RuleWire.SQL_FILTER;
import static dev.omnibus.amqp.RuleWire.SQL_FILTER_CODE;
import static dev.omnibus.amqp.RuleWire.SQL_RULE_ACTION;
import static dev.omnibus.amqp.RuleWire.SQL_RULE_ACTION_CODE;
import static dev.omnibus.amqp.RuleWire.TIMESPAN;
import static dev.omnibus.amqp.RuleWire.TRUE_FILTER_CODE;

import dev.omnibus.client.admin.models.CorrelationRuleFilter;
import dev.omnibus.client.admin.models.EmptyRuleAction;
import dev.omnibus.client.admin.models.FalseRuleFilter;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SqlRuleAction;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.admin.models.TrueRuleFilter;
import dev.omnibus.client.implementation.admin.AdminModels;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.protonj2.types.DescribedType;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedLong;

/**
 * Subscription rules on the {@code $management} wire (§6.2 of the protocol notes), for the rule manager.
 *
 * <p>{@code add-rule} sends a {@code rule-description} map with string keys: one filter, {@code sql-filter
 * {expression}} (also for the true and false filters, as {@code 1=1} and {@code 1=0}) or {@code correlation-filter
 * {correlation-id, message-id, to, reply-to, label, session-id, reply-to-session-id, content-type, properties}}, and
 * {@code sql-rule-action {expression}} or null.
 *
 * <p>{@code enumerate-rules} answers described lists under ulong descriptors (filter codes {@code 0x13_7000_000X},
 * rule and action codes {@code 0x137_0000_000X}):
 * <pre>
 * rule-description   0x0000013700000004  [filter, action, name, created-at]
 * sql-filter         0x0000001370000006  [expression, compatibility-level]
 * true-filter        0x0000001370000007  ["1=1", compatibility-level]
 * false-filter       0x0000001370000008  ["1=0", compatibility-level]
 * correlation-filter 0x0000001370000009  [correlation-id, message-id, to, reply-to, label, session-id,
 *                                         reply-to-session-id, content-type, properties]
 * empty-rule-action  0x0000013700000005  []
 * sql-rule-action    0x0000013700000006  [expression, compatibility-level]
 * </pre>
 * The models are the administration client's ({@code dev.omnibus.client.admin.models}).
 */
final class RuleCodec {
    private RuleCodec() {
    }

    // ---- add-rule ----------------------------------------------------------------------------------------------

    /**
     * The {@code rule-description} of an {@code add-rule} request.
     *
     * @throws IllegalArgumentException if the filter or action has parameters (the protocol has no field for them),
     *     or a correlation property has a type the protocol cannot carry
     */
    static Map<String, Object> encode(String name, RuleFilter filter, RuleAction action) {
        Map<String, Object> description = new LinkedHashMap<>();
        if (filter instanceof SqlRuleFilter sql) {
            noParameters(sql.getParameters(), "SqlRuleFilter");
            description.put(SQL_FILTER, Map.of(EXPRESSION, sql.getSqlExpression()));
        } else {
            description.put(CORRELATION_FILTER, correlation((CorrelationRuleFilter) filter));
        }
        if (action instanceof SqlRuleAction sql) {
            noParameters(sql.getParameters(), "SqlRuleAction");
            description.put(SQL_RULE_ACTION, Map.of(EXPRESSION, sql.getSqlExpression()));
        } else {
            description.put(SQL_RULE_ACTION, null);
        }
        description.put(RULE_NAME, name);
        return description;
    }

    private static Map<String, Object> correlation(CorrelationRuleFilter filter) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("correlation-id", filter.getCorrelationId());
        map.put("message-id", filter.getMessageId());
        map.put("to", filter.getTo());
        map.put("reply-to", filter.getReplyTo());
        map.put("label", filter.getLabel());
        map.put("session-id", filter.getSessionId());
        map.put("reply-to-session-id", filter.getReplyToSessionId());
        map.put("content-type", filter.getContentType());
        Map<String, Object> properties = new LinkedHashMap<>();
        filter.getProperties().forEach((key, value) -> properties.put(key, propertyToWire(key, value)));
        map.put("properties", properties);
        return map;
    }

    private static Object propertyToWire(String key, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof Double
                || value instanceof Float || value instanceof UUID) {
            return value;
        }
        if (value instanceof OffsetDateTime time) {
            return Date.from(time.toInstant());
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        throw new IllegalArgumentException("Correlation filter property '" + key + "' has a type the rule manager "
                + "cannot send: " + value.getClass().getName() + " (use a string, number, boolean, UUID or time)");
    }

    private static void noParameters(Map<String, Object> parameters, String what) {
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException(what + " parameters cannot be sent over AMQP (the add-rule operation "
                    + "has no field for them): write the values into the expression, or create the rule with the "
                    + "administration client");
        }
    }

    // ---- enumerate-rules ---------------------------------------------------------------------------------------

    /**
     * One entry of an {@code enumerate-rules} response, {@code {rule-description: <described list>}}.
     *
     * @throws dev.omnibus.client.exceptions.ServiceBusException a decode error naming what was unexpected
     */
    static RuleProperties decode(Object entry, String context) {
        Object description = entry instanceof Map<?, ?> map ? map.get(RULE_DESCRIPTION) : null;
        List<?> fields = fields(description, RULE_DESCRIPTION_CODE, "rule-description", context);
        if (fields.size() < 3) {
            throw undecodable("a rule-description with " + fields.size() + " fields", context);
        }
        RuleFilter filter = filter(fields.get(0), context);
        RuleAction action = action(fields.get(1), context);
        return AdminModels.factory().rule(String.valueOf(fields.get(2)), filter, action);
    }

    private static RuleFilter filter(Object value, String context) {
        long code = code(value);
        List<?> fields = value instanceof DescribedType d && d.getDescribed() instanceof List<?> l ? l : List.of();
        if (code == TRUE_FILTER_CODE) {
            return new TrueRuleFilter();
        } else if (code == FALSE_FILTER_CODE) {
            return new FalseRuleFilter();
        } else if (code == SQL_FILTER_CODE && !fields.isEmpty() && fields.get(0) != null) {
            return new SqlRuleFilter(fields.get(0).toString());
        } else if (code == CORRELATION_FILTER_CODE) {
            CorrelationRuleFilter filter = new CorrelationRuleFilter()
                    .setCorrelationId(text(fields, 0)).setMessageId(text(fields, 1)).setTo(text(fields, 2))
                    .setReplyTo(text(fields, 3)).setLabel(text(fields, 4)).setSessionId(text(fields, 5))
                    .setReplyToSessionId(text(fields, 6)).setContentType(text(fields, 7));
            if (fields.size() > 8 && fields.get(8) instanceof Map<?, ?> properties) {
                properties.forEach((k, v) -> filter.getProperties().put(String.valueOf(k), propertyFromWire(v)));
            }
            return filter;
        }
        throw undecodable("a filter " + value, context);
    }

    private static RuleAction action(Object value, String context) {
        if (value == null) {
            return new EmptyRuleAction();
        }
        long code = code(value);
        if (code == EMPTY_RULE_ACTION_CODE) {
            return new EmptyRuleAction();
        }
        List<?> fields = value instanceof DescribedType d && d.getDescribed() instanceof List<?> l ? l : List.of();
        if (code == SQL_RULE_ACTION_CODE && !fields.isEmpty() && fields.get(0) != null) {
            return new SqlRuleAction(fields.get(0).toString());
        }
        throw undecodable("an action " + value, context);
    }

    private static Object propertyFromWire(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof Symbol symbol) {
            return symbol.toString();
        }
        if (value instanceof DescribedType described && TIMESPAN.equals(String.valueOf(described.getDescriptor()))
                && described.getDescribed() instanceof Number ticks) {
            long t = ticks.longValue();
            return Duration.ofSeconds(t / 10_000_000L, (t % 10_000_000L) * 100);
        }
        return value;
    }

    private static List<?> fields(Object value, long expected, String what, String context) {
        if (code(value) != expected || !(((DescribedType) value).getDescribed() instanceof List<?> list)) {
            throw undecodable("no " + what + " in " + value, context);
        }
        return list;
    }

    /** The ulong descriptor of a described value, or -1. */
    private static long code(Object value) {
        if (value instanceof DescribedType described) {
            Object descriptor = described.getDescriptor();
            if (descriptor instanceof UnsignedLong code) {
                return code.longValue();
            }
            if (descriptor instanceof Number code) {
                return code.longValue();
            }
        }
        return -1;
    }

    private static String text(List<?> fields, int index) {
        Object value = index < fields.size() ? fields.get(index) : null;
        return value == null ? null : value.toString();
    }

    private static RuntimeException undecodable(String what, String context) {
        return ServiceBusExceptions.fromCondition("amqp:decode-error", "enumerate-rules answered " + what, context);
    }
}
