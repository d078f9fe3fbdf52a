package dev.omnibus.client.implementation.admin;

import dev.omnibus.client.admin.models.CorrelationRuleFilter;
import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.EmptyRuleAction;
import dev.omnibus.client.admin.models.FalseRuleFilter;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SqlRuleAction;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.admin.models.TrueRuleFilter;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * {@code RuleDescription} (and the {@code DefaultRuleDescription} of a new subscription): {@code Filter},
 * {@code Action}, {@code Name}, with filter and action typed by {@code i:type}. True and false filters carry their
 * {@code SqlExpression}, as the service writes them.
 */
final class RuleXml {
    static final String ELEMENT = "RuleDescription";
    private static final String COMPATIBILITY_LEVEL = "20";

    private RuleXml() {
    }

    static void write(XmlWriter out, String name, CreateRuleOptions rule) {
        out.openDescription(ELEMENT);
        body(out, name, rule);
        out.close();
    }

    /** A rule inside another description, under {@code elementName}, in that description's namespaces. */
    static void writeBody(XmlWriter out, String elementName, String name, CreateRuleOptions rule) {
        out.open(elementName);
        body(out, name, rule);
        out.close();
    }

    private static void body(XmlWriter out, String name, CreateRuleOptions rule) {
        writeFilter(out, rule.getFilter());
        writeAction(out, rule.getAction());
        out.element("Name", name);
    }

    private static void writeFilter(XmlWriter out, RuleFilter filter) {
        if (filter instanceof CorrelationRuleFilter c) {
            out.open("Filter").xsiType("CorrelationFilter")
                    .element("CorrelationId", c.getCorrelationId())
                    .element("MessageId", c.getMessageId())
                    .element("To", c.getTo())
                    .element("ReplyTo", c.getReplyTo())
                    .element("Label", c.getLabel())
                    .element("SessionId", c.getSessionId())
                    .element("ReplyToSessionId", c.getReplyToSessionId())
                    .element("ContentType", c.getContentType());
            KeyValueXml.write(out, "Properties", c.getProperties());
            out.close();
            return;
        }
        SqlRuleFilter sql = (SqlRuleFilter) filter;
        String type = sql instanceof TrueRuleFilter ? "TrueFilter" : sql instanceof FalseRuleFilter ? "FalseFilter"
                : "SqlFilter";
        out.open("Filter").xsiType(type);
        writeSql(out, sql.getSqlExpression(), sql.getParameters());
    }

    private static void writeAction(XmlWriter out, RuleAction action) {
        if (action instanceof SqlRuleAction sql) {
            out.open("Action").xsiType("SqlRuleAction");
            writeSql(out, sql.getSqlExpression(), sql.getParameters());
            return;
        }
        out.open("Action").xsiType("EmptyRuleAction").close();
    }

    private static void writeSql(XmlWriter out, String expression, Map<String, Object> parameters) {
        out.element("SqlExpression", expression).element("CompatibilityLevel", COMPATIBILITY_LEVEL);
        KeyValueXml.write(out, "Parameters", parameters);
        out.element("RequiresPreprocessing", false).close();
    }

    /**
     * @param fallbackName the name when the description has none (the URL's)
     * @throws IllegalArgumentException for a filter without what its type needs
     */
    static RuleProperties read(Element e, String fallbackName) {
        String name = XmlReader.text(e, "Name");
        return AdminModels.factory().rule(name == null ? fallbackName : name.strip(),
                filter(XmlReader.child(e, "Filter")), action(XmlReader.child(e, "Action")));
    }

    private static RuleFilter filter(Element f) {
        if (f == null) {
            return new TrueRuleFilter();
        }
        String type = XmlReader.xsiType(f);
        String expression = XmlReader.text(f, "SqlExpression");
        if ("TrueFilter".equals(type)) {
            return new TrueRuleFilter();
        }
        if ("FalseFilter".equals(type)) {
            return new FalseRuleFilter();
        }
        if ("CorrelationFilter".equals(type) || type == null && expression == null) {
            CorrelationRuleFilter c = new CorrelationRuleFilter()
                    .setCorrelationId(XmlReader.text(f, "CorrelationId"))
                    .setMessageId(XmlReader.text(f, "MessageId"))
                    .setTo(XmlReader.text(f, "To"))
                    .setReplyTo(XmlReader.text(f, "ReplyTo"))
                    .setLabel(XmlReader.text(f, "Label"))
                    .setSessionId(XmlReader.text(f, "SessionId"))
                    .setReplyToSessionId(XmlReader.text(f, "ReplyToSessionId"))
                    .setContentType(XmlReader.text(f, "ContentType"));
            c.getProperties().putAll(KeyValueXml.read(XmlReader.child(f, "Properties")));
            return c;
        }
        if (expression == null) {
            throw new IllegalArgumentException("The service sent a " + type + " without a SqlExpression");
        }
        SqlRuleFilter sql = new SqlRuleFilter(expression);
        sql.getParameters().putAll(KeyValueXml.read(XmlReader.child(f, "Parameters")));
        return sql;
    }

    private static RuleAction action(Element a) {
        String expression = a == null ? null : XmlReader.text(a, "SqlExpression");
        if (a == null || "EmptyRuleAction".equals(XmlReader.xsiType(a)) || expression == null) {
            return new EmptyRuleAction();
        }
        SqlRuleAction sql = new SqlRuleAction(expression);
        sql.getParameters().putAll(KeyValueXml.read(XmlReader.child(a, "Parameters")));
        return sql;
    }
}
