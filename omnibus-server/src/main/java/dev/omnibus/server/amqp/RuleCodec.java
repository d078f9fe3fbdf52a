package dev.omnibus.server.amqp;

import static dev.omnibus.amqp.RuleWire.CORRELATION_FILTER;
import static dev.omnibus.amqp.RuleWire.CORRELATION_FILTER_CODE;
import static dev.omnibus.amqp.RuleWire.EMPTY_RULE_ACTION_CODE;
import static dev.omnibus.amqp.RuleWire.EXPRESSION;
import static dev.omnibus.amqp.RuleWire.FALSE_FILTER_CODE;
import static dev.omnibus.amqp.RuleWire.RULE_DESCRIPTION;
import static dev.omnibus.amqp.RuleWire.RULE_DESCRIPTION_CODE;
import static dev.omnibus.amqp.RuleWire.SQL_FILTER;
import static dev.omnibus.amqp.RuleWire.SQL_FILTER_CODE;
import static dev.omnibus.amqp.RuleWire.SQL_RULE_ACTION;
import static dev.omnibus.amqp.RuleWire.SQL_RULE_ACTION_CODE;
import static dev.omnibus.amqp.RuleWire.TIMESPAN;
import static dev.omnibus.amqp.RuleWire.TRUE_FILTER_CODE;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.RuleInfo;
import dev.omnibus.core.filter.CorrelationFilter;
import dev.omnibus.core.filter.FalseFilter;
import dev.omnibus.core.filter.Filter;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlExpressionFilter;
import dev.omnibus.core.filter.SqlRuleAction;
import dev.omnibus.core.filter.TrueFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules on the {@code $management} wire, both ways.
 *
 * <p>Requests ({@code add-rule}) carry a {@code rule-description} map with string keys: one filter,
 * {@code sql-filter {expression}} or {@code correlation-filter {correlation-id, message-id, to, reply-to, label,
 * session-id, reply-to-session-id, content-type, properties}}, and {@code sql-rule-action {expression}} or null. The
 * SDKs send TrueFilter and FalseFilter as the SQL filters {@code 1=1} and {@code 1=0}.
 *
 * <p>Responses ({@code enumerate-rules}) are described lists with ulong descriptors (filter codes are
 * {@code 0x13_7000_000X}, rule and action codes {@code 0x137_0000_000X}):
 * <pre>
 * rule-description  0x0000013700000004  [filter, action, name, created-at]
 * sql-filter        0x0000001370000006  [expression, compatibility-level 20]
 * true-filter       0x0000001370000007  ["1=1", 20]
 * false-filter      0x0000001370000008  ["1=0", 20]
 * correlation-filter 0x0000001370000009 [correlation-id, message-id, to, reply-to, label, session-id,
 *                                        reply-to-session-id, content-type, properties]
 * empty-rule-action 0x0000013700000005  []
 * sql-rule-action   0x0000013700000006  [expression, compatibility-level 20]
 * </pre>
 * The action is always a described value, {@code empty-rule-action} when the rule has none: the JavaScript SDK reads
 * its descriptor without checking for null.
 */
final class RuleCodec {
    private RuleCodec() {
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    /**
     * The rule an {@code add-rule} request describes.
     *
     * @throws BrokerException {@code com.microsoft:argument-error} with the parser's message when the SQL is invalid,
     *     or when the description has no filter
     */
    static Rule decode(String name, Map<?, ?> description) {
        try {
            return new Rule(name, filter(description), action(description.get(SQL_RULE_ACTION)));
        } catch (IllegalArgumentException e) {
            // FilterParseException is one: its message says where the expression is wrong.
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, e.getMessage());
        }
    }

    private static Filter filter(Map<?, ?> description) {
        if (description.get(SQL_FILTER) instanceof Map<?, ?> sql) {
            return Filter.fromSql(expression(sql, SQL_FILTER));
        }
        if (description.get(CORRELATION_FILTER) instanceof Map<?, ?> c) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (c.get("properties") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> properties.put(String.valueOf(k), MessageReader.toJdk(v)));
            }
            return new CorrelationFilter(text(c, "correlation-id"), text(c, "message-id"), text(c, "to"),
                    text(c, "reply-to"), text(c, "label"), text(c, "session-id"), text(c, "reply-to-session-id"),
                    text(c, "content-type"), properties);
        }
        throw new BrokerException(ServiceBusError.ARGUMENT_ERROR,
                "The rule-description needs a 'sql-filter' or a 'correlation-filter'.");
    }

    private static SqlRuleAction action(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> action)) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "The 'sql-rule-action' must be a map.");
        }
        return SqlRuleAction.parse(expression(action, SQL_RULE_ACTION));
    }

    private static String expression(Map<?, ?> map, String owner) {
        Object expression = map.get(EXPRESSION);
        if (expression == null) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "The '" + owner + "' has no 'expression'.");
        }
        return expression.toString();
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v == null ? null : v.toString();
    }

    // ---- responses ---------------------------------------------------------------------------------------------

    /** One entry of an {@code enumerate-rules} response: {@code {rule-description: <described list>}}. */
    static Map<String, Object> encode(RuleInfo info) {
        Rule rule = info.rule();
        List<Object> fields = Arrays.asList(filter(rule.filter()), action(rule.action()), rule.name(),
                new Date(info.createdAt().toEpochMilli()));
        return Map.of(RULE_DESCRIPTION, new Described(RULE_DESCRIPTION_CODE, fields));
    }

    private static Described filter(Filter filter) {
        if (filter instanceof TrueFilter t) {
            return new Described(TRUE_FILTER_CODE, List.of(t.expression(), t.compatibilityLevel()));
        } else if (filter instanceof FalseFilter f) {
            return new Described(FALSE_FILTER_CODE, List.of(f.expression(), f.compatibilityLevel()));
        } else if (filter instanceof SqlExpressionFilter sql) {
            return new Described(SQL_FILTER_CODE, List.of(sql.expression(), sql.compatibilityLevel()));
        }
        CorrelationFilter c = (CorrelationFilter) filter;
        Map<String, Object> properties = new LinkedHashMap<>();
        c.properties().forEach((k, v) -> properties.put(k, wireValue(v)));
        return new Described(CORRELATION_FILTER_CODE, Arrays.asList(c.correlationId(), c.messageId(), c.to(),
                c.replyTo(), c.subject(), c.sessionId(), c.replyToSessionId(), c.contentType(), properties));
    }

    private static Described action(SqlRuleAction action) {
        return action == null ? new Described(EMPTY_RULE_ACTION_CODE, List.of())
                : new Described(SQL_RULE_ACTION_CODE, List.of(action.expression(), action.compatibilityLevel()));
    }

    /** A duration in 100 ns ticks, saturated (TimeSpan.MaxValue stands for "unlimited"). */
    private static long ticks(Duration d) {
        try {
            return Math.addExact(Math.multiplyExact(d.getSeconds(), 10_000_000L), d.getNano() / 100);
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** A correlation property value as AMQP carries it: JDK scalars as they are, a duration as a described TimeSpan. */
    private static Object wireValue(Object v) {
        if (v instanceof Duration d) {
            return new Described(TIMESPAN, ticks(d));
        } else if (v instanceof Instant t) {
            return new Date(t.toEpochMilli());
        }
        return v;
    }
}
