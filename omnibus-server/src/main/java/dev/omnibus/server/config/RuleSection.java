package dev.omnibus.server.config;

import dev.omnibus.core.filter.CorrelationFilter;
import dev.omnibus.core.filter.Filter;
import dev.omnibus.core.filter.FilterParseException;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlRuleAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code Subscriptions[].Rules[]}: {@code Properties.FilterType} ({@code Sql} or {@code Correlation}) picks the
 * filter, {@code SqlFilter.SqlExpression} or {@code CorrelationFilter.{CorrelationId, MessageId, To, ReplyTo, Label,
 * SessionId, ReplyToSessionId, ContentType, Properties}}; {@code Action.SqlExpression} is optional. SQL is parsed here,
 * so a wrong expression is reported with its JSON path and the parser's line and column, before anything is applied.
 * The filter that {@code FilterType} does not pick is checked for shape and otherwise ignored, as the emulator does.
 */
final class RuleSection {
    private static final Set<String> RULE_FIELDS = Set.of("Name", "Properties");
    private static final Set<String> RULE_PROPERTIES = Set.of("FilterType", "CorrelationFilter", "SqlFilter", "Action");
    private static final Set<String> CORRELATION_FIELDS = Set.of("ContentType", "CorrelationId", "Label",
            "MessageId", "ReplyTo", "ReplyToSessionId", "SessionId", "To", "Properties");
    private static final Set<String> SQL_FIELDS = Set.of("SqlExpression");

    private RuleSection() {
    }

    static RuleConfig read(ConfigNode rule) {
        rule.onlyFields(RULE_FIELDS);
        String name = ConfigLoader.entityName(rule, "Rule", false);
        ConfigNode properties = rule.required("Properties").onlyFields(RULE_PROPERTIES);
        ConfigNode type = properties.required("FilterType");
        Filter sql = properties.optional("SqlFilter").map(RuleSection::sqlFilter).orElse(null);
        Filter correlation = properties.optional("CorrelationFilter").map(RuleSection::correlationFilter).orElse(null);
        Filter filter = switch (type.text()) {
            case "Sql" -> required(sql, properties, "SqlFilter", type);
            case "Correlation" -> required(correlation, properties, "CorrelationFilter", type);
            default -> throw type.fail("'" + type.text() + "' is not a filter type; expected Correlation or Sql");
        };
        SqlRuleAction action = properties.optional("Action")
                .map(a -> parsed(a.onlyFields(SQL_FIELDS).required("SqlExpression"), SqlRuleAction::parse))
                .orElse(null);
        return new RuleConfig(rule.path(), new Rule(name, filter, action));
    }

    private static Filter required(Filter filter, ConfigNode properties, String member, ConfigNode type) {
        if (filter == null) {
            throw new ConfigException(properties.path() + "." + member, "is required when FilterType is "
                    + type.text());
        }
        return filter;
    }

    private static Filter sqlFilter(ConfigNode filter) {
        return parsed(filter.onlyFields(SQL_FIELDS).required("SqlExpression"), Filter::fromSql);
    }

    private static <T> T parsed(ConfigNode expression, Function<String, T> parser) {
        try {
            return parser.apply(expression.text());
        } catch (FilterParseException e) {
            throw expression.fail(e.getMessage());
        }
    }

    private static Filter correlationFilter(ConfigNode filter) {
        filter.onlyFields(CORRELATION_FIELDS);
        if (filter.fieldNames().isEmpty()) {
            // The emulator's schema asks for one property at least; an empty filter would select everything.
            throw filter.fail("must set at least one property");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        filter.optional("Properties").ifPresent(p -> {
            for (String key : p.fieldNames()) {
                properties.put(key, p.optional(key).map(ConfigNode::scalar).orElse(null));
            }
        });
        return new CorrelationFilter(text(filter, "CorrelationId"), text(filter, "MessageId"), text(filter, "To"),
                text(filter, "ReplyTo"), text(filter, "Label"), text(filter, "SessionId"),
                text(filter, "ReplyToSessionId"), text(filter, "ContentType"), properties);
    }

    private static String text(ConfigNode node, String field) {
        return node.optional(field).map(ConfigNode::text).orElse(null);
    }
}
