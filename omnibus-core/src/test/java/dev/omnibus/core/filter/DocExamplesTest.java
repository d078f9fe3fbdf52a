package dev.omnibus.core.filter;

import static dev.omnibus.core.filter.Sql.matches;
import static dev.omnibus.core.filter.Sql.truth;
import static dev.omnibus.core.filter.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The examples of the Microsoft documentation, paraphrased where they are C# around a filter. Pages:
 * <ul>
 *   <li>SQL = learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter</li>
 *   <li>ACTION = learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-rule-action</li>
 *   <li>TOPIC = learn.microsoft.com/azure/service-bus-messaging/topic-filters</li>
 *   <li>EXAMPLES = learn.microsoft.com/azure/service-bus-messaging/service-bus-filter-examples</li>
 * </ul>
 */
@Timeout(10)
class DocExamplesTest {

    // ---------------------------------------------------------------- SQL page

    @Test
    void sqlPageSystemPropertyLike() {
        assertThat(matches("sys.Label LIKE '%bus%'", message().sys(SystemProperty.LABEL, "servicebus"))).isTrue();
        assertThat(matches("sys.Label LIKE '%bus%'", message().sys(SystemProperty.LABEL, "queue"))).isFalse();
    }

    @Test
    void sqlPageUsingOr() {
        String f = "sys.Label LIKE '%bus%' OR user.tag IN ('queue', 'topic', 'subscription')";
        assertThat(matches(f, message().sys(SystemProperty.LABEL, "x").with("tag", "topic"))).isTrue();
        assertThat(matches(f, message().sys(SystemProperty.LABEL, "bus").with("tag", "other"))).isTrue();
        assertThat(matches(f, message().sys(SystemProperty.LABEL, "x").with("tag", "other"))).isFalse();
    }

    @Test
    void sqlPageInAndNotIn() {
        assertThat(matches("StoreId IN('Store1', 'Store2', 'Store3')", message().with("StoreId", "Store2"))).isTrue();
        assertThat(matches("StoreId IN('Store1', 'Store2', 'Store3')", message().with("StoreId", "Store4")))
                .isFalse();
        String or = "sys.To IN ('Store5','Store6','Store7') OR StoreId = 'Store8'";
        assertThat(matches(or, message().sys(SystemProperty.TO, "Store6"))).isTrue();
        assertThat(matches(or, message().with("StoreId", "Store8"))).isTrue();
        assertThat(matches(or, message().sys(SystemProperty.TO, "Store1").with("StoreId", "Store1"))).isFalse();
        String all = "'Store1','Store2','Store3','Store4','Store5','Store6','Store7','Store8'";
        String notIn = "sys.To NOT IN (" + all + ") OR StoreId NOT IN (" + all + ")";
        assertThat(matches(notIn, message().sys(SystemProperty.TO, "Store9").with("StoreId", "Store1"))).isTrue();
        assertThat(matches(notIn, message().sys(SystemProperty.TO, "Store1").with("StoreId", "Store1"))).isFalse();
    }

    @Test
    void sqlPageParameterisedFilterWithSetAction() {
        // new SqlFilter("source = @stringParam") with @stringParam = "orders", and action "SET source='routedOrders'".
        SqlFilter filter = SqlFilter.parse("source = @stringParam", Map.of("@stringParam", "orders"));
        Rule rule = new Rule("filterActionRule", filter, SqlRuleAction.parse("SET source='routedOrders'"));
        TestMessage msg = message().with("source", "orders");
        assertThat(rule.filter().matches(msg)).isTrue();
        assertThat(rule.action().apply(msg).applyToUserProperties(msg.userProperties()))
                .containsEntry("source", "routedOrders");
        assertThat(filter.matches(message().with("source", "other"))).isFalse();
    }

    @Test
    void sqlPageEscape() {
        // "property LIKE 'ABC\%' ESCAPE '\'" matches ABC% rather than a string that starts with ABC.
        String f = "property LIKE 'ABC\\%' ESCAPE '\\'";
        assertThat(matches(f, message().with("property", "ABC%"))).isTrue();
        assertThat(matches(f, message().with("property", "ABCDEF"))).isFalse();
    }

    @Test
    void sqlPageConstants() {
        assertThat(Sql.value("1894", message())).isEqualTo(1894L);
        assertThat(Sql.value("2", message())).isEqualTo(2L);
        assertThat(Sql.value("1894.1204", message())).isEqualTo(1894.1204);
        assertThat(Sql.value("2.0", message())).isEqualTo(2.0);
        assertThat(Sql.value("101.5E5", message())).isEqualTo(101.5E5);
        assertThat(Sql.value("0.5E-2", message())).isEqualTo(0.5E-2);
        assertThat(Sql.value("TRUE", message())).isEqualTo(true);
        assertThat(Sql.value("FALSE", message())).isEqualTo(false);
        assertThat(Sql.value("NULL", message())).isNull();
    }

    @Test
    void sqlPageIdentifiers() {
        TestMessage msg = message().with("Property With Space", 1).with("HR-EmployeeID", 2)
                .with("Contoso & Northwind", 3);
        assertThat(matches("[Property With Space] = 1 AND [HR-EmployeeID] = 2 AND \"Contoso & Northwind\" = 3", msg))
                .isTrue();
    }

    @Test
    void sqlPageNullAndUnknownSemantics() {
        // "property IS NULL is evaluated as true if either the property doesn't exist or the property's value is null"
        assertThat(truth("p1 IS NULL", message())).isEqualTo("TRUE");
        assertThat(truth("p1 IS NULL", message().with("p1", null))).isEqualTo("TRUE");
        // Unknown in arithmetic, comparison, LIKE and (left operand of) IN gives unknown.
        assertThat(truth("p1 + 1 = 1", message())).isEqualTo("UNKNOWN");
        assertThat(truth("-p1 = 1", message())).isEqualTo("UNKNOWN");
        assertThat(truth("p1 LIKE 'a'", message())).isEqualTo("UNKNOWN");
        assertThat(truth("p1 IN ('a')", message())).isEqualTo("UNKNOWN");
    }

    @Test
    void sqlPageFunctions() {
        assertThat(Sql.value("newid()", message())).isInstanceOf(java.util.UUID.class);
        assertThat(matches("property('color') = 'red' AND p('color') = 'red'", message().with("color", "red")))
                .isTrue();
    }

    // ---------------------------------------------------------------- EXAMPLES page

    @Test
    void examplesPageSystemProperties() {
        TestMessage msg = message().sys(SystemProperty.LABEL, "a bus").sys(SystemProperty.MESSAGE_ID, "xxxx")
                .sys(SystemProperty.CORRELATION_ID, "abc-123");
        assertThat(matches("sys.label LIKE '%bus%'", msg)).isTrue();
        assertThat(matches("sys.messageid = 'xxxx'", msg)).isTrue();
        assertThat(matches("sys.correlationid like 'abc-%'", msg)).isTrue();
    }

    @Test
    void examplesPageMessageProperties() {
        assertThat(matches("MessageProperty = 'A'", message().with("MessageProperty", "A"))).isTrue();
        assertThat(matches("user.SuperHero like 'SuperMan%'", message().with("SuperHero", "SuperMan II"))).isTrue();
        assertThat(matches("\"http://schemas.microsoft.com/xrm/2011/Claims/EntityLogicalName\" = 'account'",
                message().with("http://schemas.microsoft.com/xrm/2011/Claims/EntityLogicalName", "account")))
                .isTrue();
    }

    @Test
    void examplesPageNumericValues() {
        TestMessage msg = message().with("MessageProperty", 3).with("MessageProperty2", 3);
        assertThat(matches("MessageProperty = 1", msg)).isFalse();
        assertThat(matches("MessageProperty > 1", msg)).isTrue();
        assertThat(matches("MessageProperty > 2.08", msg)).isTrue();
        assertThat(matches("MessageProperty = 1 AND MessageProperty2 = 3", msg)).isFalse();
        assertThat(matches("MessageProperty = 1 OR MessageProperty2 = 3", msg)).isTrue();
    }

    @Test
    void examplesPageParameters() {
        Instant t1 = Instant.parse("2020-10-23T00:00:00Z");
        TestMessage msg = message().with("DateTimeMp", t1).with("DateTimeMp1", t1)
                .with("DateTimeMp2", t1.plus(Duration.ofHours(1)));
        Map<String, Object> params = Map.of("@dtParam", Instant.parse("2020-10-24T00:00:00Z"),
                "@timespan", Duration.ofHours(2));
        assertThat(SqlFilter.parse("DateTimeMp < @dtParam", params).matches(msg)).isTrue();
        assertThat(SqlFilter.parse("DateTimeMp > @dtParam", params).matches(msg)).isFalse();
        assertThat(SqlFilter.parse("(DateTimeMp2-DateTimeMp1) <= @timespan", params).matches(msg)).isTrue();
        assertThat(SqlFilter.parse("DateTimeMp2-DateTimeMp1 <= @timespan", params).matches(msg)).isTrue();
    }

    @Test
    void examplesPageCorrelationFilters() {
        CorrelationFilter byId = CorrelationFilter.ofCorrelationId("Contoso");
        assertThat(byId.matches(message().sys(SystemProperty.CORRELATION_ID, "Contoso"))).isTrue();
        assertThat(byId.matches(message().sys(SystemProperty.CORRELATION_ID, "contoso"))).isFalse();
        // Label + ReplyTo + color is "equivalent to" the SQL filter below.
        CorrelationFilter f = CorrelationFilter.builder().subject("Important").replyTo("johndoe@contoso.com")
                .property("color", "Red").build();
        SqlFilter sql = SqlFilter.parse(
                "sys.ReplyTo = 'johndoe@contoso.com' AND sys.Label = 'Important' AND color = 'Red'");
        List<TestMessage> messages = List.of(
                message().sys(SystemProperty.LABEL, "Important").sys(SystemProperty.REPLY_TO, "johndoe@contoso.com")
                        .with("color", "Red"),
                message().sys(SystemProperty.LABEL, "Important").sys(SystemProperty.REPLY_TO, "johndoe@contoso.com"),
                message().sys(SystemProperty.LABEL, "Other").sys(SystemProperty.REPLY_TO, "johndoe@contoso.com")
                        .with("color", "Red"),
                message().with("color", "Red"));
        for (TestMessage msg : messages) {
            assertThat(f.matches(msg)).as(msg.toString()).isEqualTo(sql.matches(msg));
        }
        assertThat(f.matches(messages.get(0))).isTrue();
    }

    /**
     * The EXAMPLES and TOPIC pages' sample: four subscriptions over thirteen orders (Color, Quantity and Priority as
     * application properties, CorrelationId = Priority, Subject = Color), the first order with nothing set.
     */
    @Test
    void examplesPageOrderSample() {
        List<TestMessage> orders = new ArrayList<>();
        orders.add(order(null, 0, null));
        Object[][] rows = {{"blue", 5, "low"}, {"red", 10, "high"}, {"yellow", 5, "low"}, {"blue", 10, "low"},
            {"blue", 5, "high"}, {"blue", 10, "low"}, {"red", 5, "low"}, {"red", 10, "low"}, {"red", 5, "low"},
            {"yellow", 10, "high"}, {"yellow", 5, "low"}, {"yellow", 10, "low"}};
        for (Object[] r : rows) {
            orders.add(order((String) r[0], (Integer) r[1], (String) r[2]));
        }
        Filter allOrders = TrueFilter.INSTANCE;
        Filter blueSize10 = SqlFilter.parse("color='blue' AND quantity=10");
        Filter red = SqlFilter.parse("user.color='red'");
        Filter highPriorityRed = CorrelationFilter.builder().subject("red").correlationId("high").build();
        assertThat(orders.stream().filter(allOrders::matches).count()).isEqualTo(13);
        assertThat(orders.stream().filter(blueSize10::matches).count()).isEqualTo(2);
        assertThat(orders.stream().filter(red::matches).count()).isEqualTo(4);
        assertThat(orders.stream().filter(highPriorityRed::matches).count()).isEqualTo(1);

        // The ColorRed rule's action: "SET quantity = quantity / 2; REMOVE priority;SET sys.CorrelationId = 'low';"
        SqlRuleAction action = SqlRuleAction.parse("SET quantity = quantity / 2; REMOVE priority;"
                + "SET sys.CorrelationId = 'low';");
        TestMessage redHigh = orders.get(2);
        MessageChanges changes = action.apply(redHigh);
        assertThat(changes.applyToUserProperties(redHigh.userProperties()))
                .containsEntry("quantity", 5).containsEntry("color", "red").doesNotContainKey("priority");
        assertThat(changes.systemPropertiesSet()).containsEntry(SystemProperty.CORRELATION_ID, "low");
    }

    private static TestMessage order(String color, int quantity, String priority) {
        return message().sys(SystemProperty.CORRELATION_ID, priority).sys(SystemProperty.LABEL, color)
                .with("color", color).with("quantity", quantity).with("priority", priority);
    }

    // ---------------------------------------------------------------- TOPIC and ACTION pages

    @Test
    void topicPageHalvesQuantityOfRedOrders() {
        Rule rule = new Rule("RedOrdersWithAction", SqlFilter.parse("user.color='red'"),
                SqlRuleAction.parse("SET quantity = quantity / 2;"));
        TestMessage msg = message().with("color", "red").with("quantity", 10);
        assertThat(rule.filter().matches(msg)).isTrue();
        Object quantity = rule.action().apply(msg).userPropertiesSet().get("quantity");
        assertThat(quantity).isEqualTo(5).isInstanceOf(Integer.class);
    }

    @Test
    void actionPageGrammarAndConsiderations() {
        // "Semicolon is optional"; SET creates or updates, REMOVE removes; unknown user properties do not fail.
        TestMessage msg = message().with("a", 1).with("gone", "x");
        MessageChanges c = SqlRuleAction.parse("SET a = a + 1 SET b = missing REMOVE gone; SET c = 'x'").apply(msg);
        assertThat(c.applyToUserProperties(msg.userProperties()))
                .containsEntry("a", 2).containsEntry("b", null).containsEntry("c", "x").doesNotContainKey("gone");
    }

    @Test
    void defaultRuleIsTrueFilterWithoutAction() {
        // TOPIC page: every new subscription has an initial rule with the true filter and no action.
        assertThat(Rule.DEFAULT.name()).isEqualTo("$Default");
        assertThat(Rule.DEFAULT.filter()).isSameAs(TrueFilter.INSTANCE);
        assertThat(Rule.DEFAULT.hasAction()).isFalse();
        assertThat(((SqlExpressionFilter) Rule.DEFAULT.filter()).expression()).isEqualTo("1=1");
    }
}
