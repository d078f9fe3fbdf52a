package dev.omnibus.server.management;

import dev.omnibus.core.RuleInfo;
import dev.omnibus.core.filter.CorrelationFilter;
import dev.omnibus.core.filter.FalseFilter;
import dev.omnibus.core.filter.Filter;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlExpressionFilter;
import dev.omnibus.core.filter.SqlFilter;
import dev.omnibus.core.filter.SqlRuleAction;
import dev.omnibus.core.filter.TrueFilter;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * {@code RuleDescription} with its {@code Filter} and {@code Action}, each typed by {@code i:type}. True and false
 * filters are written with their {@code SqlExpression}: the JS client tells SQL from correlation filters by whether
 * that element is there. A rule without an action has an {@code EmptyRuleAction}.
 */
final class RuleXml {
    static final String ELEMENT = "RuleDescription";
    private static final String SQL_FILTER = "SqlFilter";
    private static final String CORRELATION_FILTER = "CorrelationFilter";
    private static final String TRUE_FILTER = "TrueFilter";
    private static final String FALSE_FILTER = "FalseFilter";
    private static final String SQL_ACTION = "SqlRuleAction";
    private static final String EMPTY_ACTION = "EmptyRuleAction";

    private RuleXml() {
    }

    static void write(XmlOut out, RuleInfo info) {
        write(out, ELEMENT, info);
    }

    static void write(XmlOut out, String elementName, RuleInfo info) {
        DescriptionXml.open(out, elementName);
        writeFilter(out, info.rule().filter());
        writeAction(out, info.rule().action());
        out.element("CreatedAt", XmlValues.instant(info.createdAt()))
                .element("Name", info.name())
                .close();
    }

    private static void writeFilter(XmlOut out, Filter filter) {
        if (filter instanceof CorrelationFilter c) {
            typed(out, "Filter", CORRELATION_FILTER);
            out.element("CorrelationId", c.correlationId())
                    .element("MessageId", c.messageId())
                    .element("To", c.to())
                    .element("ReplyTo", c.replyTo())
                    .element("Label", c.subject())
                    .element("SessionId", c.sessionId())
                    .element("ReplyToSessionId", c.replyToSessionId())
                    .element("ContentType", c.contentType());
            KeyValueXml.write(out, "Properties", c.properties());
            out.close();
            return;
        }
        SqlExpressionFilter sql = (SqlExpressionFilter) filter;
        String type = sql instanceof TrueFilter ? TRUE_FILTER : sql instanceof FalseFilter ? FALSE_FILTER : SQL_FILTER;
        typed(out, "Filter", type);
        Map<String, Object> parameters = sql instanceof SqlFilter f ? f.parameters() : Map.of();
        writeSql(out, sql.expression(), sql.compatibilityLevel(), parameters);
    }

    private static void writeAction(XmlOut out, SqlRuleAction action) {
        if (action == null) {
            typed(out, "Action", EMPTY_ACTION);
            out.close();
            return;
        }
        typed(out, "Action", SQL_ACTION);
        writeSql(out, action.expression(), action.compatibilityLevel(), action.parameters());
    }

    private static void writeSql(XmlOut out, String expression, int compatibilityLevel,
                                 Map<String, Object> parameters) {
        out.element("SqlExpression", expression).element("CompatibilityLevel", compatibilityLevel);
        if (!parameters.isEmpty()) {
            KeyValueXml.write(out, "Parameters", parameters);
        }
        out.element("RequiresPreprocessing", false).close();
    }

    private static void typed(XmlOut out, String element, String type) {
        out.open(element).attribute(AtomNs.XSI_PREFIX, AtomNs.XSI, "type", type);
    }

    /**
     * Reads a rule. {@code name} wins over the body's {@code Name} (the URL names the rule); when both are absent
     * the rule is {@code $Default}.
     *
     * @throws IllegalArgumentException for an unknown filter or action type, a missing expression, a bad name
     * @throws dev.omnibus.core.filter.FilterParseException for an invalid SQL filter or action
     */
    static Rule read(Element e, String name) {
        String ruleName = name != null ? name : XmlIn.text(e, "Name");
        return new Rule(ruleName == null ? Rule.DEFAULT_NAME : ruleName.trim(), filter(XmlIn.child(e, "Filter")),
                action(XmlIn.child(e, "Action")));
    }

    private static Filter filter(Element f) {
        if (f == null) {
            return TrueFilter.INSTANCE;
        }
        String type = XmlIn.xsiType(f);
        if (type == null) {
            type = XmlIn.child(f, "SqlExpression") != null ? SQL_FILTER : CORRELATION_FILTER;
        }
        return switch (type) {
            case TRUE_FILTER -> TrueFilter.INSTANCE;
            case FALSE_FILTER -> FalseFilter.INSTANCE;
            case SQL_FILTER -> {
                String expression = required(f, "SqlExpression", "A SqlFilter");
                Map<String, Object> parameters = KeyValueXml.read(XmlIn.child(f, "Parameters"));
                yield parameters.isEmpty() ? Filter.fromSql(expression) : SqlFilter.parse(expression, parameters);
            }
            case CORRELATION_FILTER -> CorrelationFilter.builder()
                    .correlationId(XmlIn.text(f, "CorrelationId"))
                    .messageId(XmlIn.text(f, "MessageId"))
                    .to(XmlIn.text(f, "To"))
                    .replyTo(XmlIn.text(f, "ReplyTo"))
                    .subject(XmlIn.text(f, "Label"))
                    .sessionId(XmlIn.text(f, "SessionId"))
                    .replyToSessionId(XmlIn.text(f, "ReplyToSessionId"))
                    .contentType(XmlIn.text(f, "ContentType"))
                    .properties(KeyValueXml.read(XmlIn.child(f, "Properties")))
                    .build();
            default -> throw new IllegalArgumentException("The filter type '" + type + "' is not supported; use "
                    + "SqlFilter, CorrelationFilter, TrueFilter or FalseFilter.");
        };
    }

    private static SqlRuleAction action(Element a) {
        if (a == null) {
            return null;
        }
        String type = XmlIn.xsiType(a);
        if (type == null) {
            type = XmlIn.child(a, "SqlExpression") != null ? SQL_ACTION : EMPTY_ACTION;
        }
        return switch (type) {
            case EMPTY_ACTION -> null;
            case SQL_ACTION -> SqlRuleAction.parse(required(a, "SqlExpression", "A SqlRuleAction"),
                    KeyValueXml.read(XmlIn.child(a, "Parameters")));
            default -> throw new IllegalArgumentException("The action type '" + type + "' is not supported; use "
                    + "SqlRuleAction or EmptyRuleAction.");
        };
    }

    private static String required(Element e, String child, String what) {
        String text = XmlIn.text(e, child);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " needs a " + child + ".");
        }
        return text;
    }
}
