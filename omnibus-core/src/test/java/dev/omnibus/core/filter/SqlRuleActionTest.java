package dev.omnibus.core.filter;

import static dev.omnibus.core.filter.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SqlRuleActionTest {

    @Test
    void setAddsAndReplacesRemoveDeletes() {
        TestMessage msg = message().with("keep", 1).with("old", "x").with("gone", true);
        MessageChanges c = SqlRuleAction.parse("SET old = 'y'; SET added = 2.5; REMOVE gone; REMOVE never").apply(msg);
        assertThat(c.userPropertiesSet()).containsEntry("old", "y").containsEntry("added", 2.5);
        assertThat(c.userPropertiesRemoved()).containsExactly("gone", "never");
        assertThat(c.applyToUserProperties(msg.userProperties()))
                .containsExactly(Map.entry("keep", 1), Map.entry("old", "y"), Map.entry("added", 2.5));
        assertThat(msg.userProperties()).containsKey("gone").as("the original is untouched");
        assertThat(c.isEmpty()).isFalse();
    }

    @Test
    void statementsSeeEarlierStatements() {
        MessageChanges c = SqlRuleAction.parse("SET a = 1; SET b = a + 1; REMOVE a; SET c = a").apply(message());
        assertThat(c.userPropertiesSet()).containsEntry("b", 2L).containsEntry("c", null);
        assertThat(c.hasUserProperty("a")).isFalse();
        assertThat(c.hasUserProperty("c")).isTrue();
        assertThat(c.userProperty("b")).isEqualTo(2L);
    }

    @Test
    void setKeepsTheTypeOfAnExistingNumberWhenTheValueFits() {
        TestMessage msg = message().with("i", 10).with("s", (short) 4).with("d", 1.5).with("f", 2f).with("t", "x");
        MessageChanges c = SqlRuleAction.parse("SET i = i / 2; SET s = s * 2; SET d = 3; SET f = f + 0.5; SET t = 7")
                .apply(msg);
        assertThat(c.userPropertiesSet().get("i")).isEqualTo(5).isInstanceOf(Integer.class);
        assertThat(c.userPropertiesSet().get("s")).isEqualTo((short) 8).isInstanceOf(Short.class);
        assertThat(c.userPropertiesSet().get("d")).isEqualTo(3.0).isInstanceOf(Double.class);
        assertThat(c.userPropertiesSet().get("f")).isEqualTo(2.5f).isInstanceOf(Float.class);
        assertThat(c.userPropertiesSet().get("t")).isEqualTo(7L);
        MessageChanges overflow = SqlRuleAction.parse("SET i = i * 10000000000").apply(msg);
        assertThat(overflow.userPropertiesSet().get("i")).isEqualTo(100000000000L);
        MessageChanges fraction = SqlRuleAction.parse("SET i = i / 4.0").apply(msg);
        assertThat(fraction.userPropertiesSet().get("i")).isEqualTo(2.5);
    }

    @Test
    void namesAreCaseInsensitive() {
        TestMessage msg = message().with("color", "red").with("Size", 1);
        MessageChanges c = SqlRuleAction.parse("SET Color = 'blue'; REMOVE SIZE; SET COLOR = COLOR + '!'").apply(msg);
        assertThat(c.userPropertiesSet()).containsOnlyKeys("Color").containsEntry("Color", "blue!");
        assertThat(c.applyToUserProperties(msg.userProperties())).containsExactly(Map.entry("color", "blue!"));
    }

    @Test
    void setsSettableSystemProperties() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        TestMessage msg = message().sys(SystemProperty.LABEL, "old").sys(SystemProperty.TO, "t");
        MessageChanges c = SqlRuleAction.parse("SET sys.Label = sys.Label + '-routed'; SET sys.CorrelationId = 'low';"
                + " SET sys.MessageId = newid(); REMOVE sys.To; SET sys.TimeToLive = @ttl;"
                + " SET sys.ScheduledEnqueueTimeUtc = @at; SET sys.ReplyTo = 'r'; SET sys.ContentType = 'x/y';"
                + " SET sys.SessionId = 's'; SET sys.ReplyToSessionId = 'rs'; SET sys.PartitionKey = 's'",
                Map.of("@ttl", Duration.ofMinutes(5), "@at", at)).apply(msg);
        Map<SystemProperty, Object> set = c.systemPropertiesSet();
        assertThat(set).containsEntry(SystemProperty.LABEL, "old-routed")
                .containsEntry(SystemProperty.CORRELATION_ID, "low").containsEntry(SystemProperty.TO, null)
                .containsEntry(SystemProperty.TIME_TO_LIVE, Duration.ofMinutes(5))
                .containsEntry(SystemProperty.SCHEDULED_ENQUEUE_TIME_UTC, at)
                .containsEntry(SystemProperty.PARTITION_KEY, "s");
        assertThat(UUID.fromString((String) set.get(SystemProperty.MESSAGE_ID))).isNotNull();
        assertThat(c.systemProperty(SystemProperty.LABEL)).isEqualTo("old-routed");
        assertThat(c.systemProperty(SystemProperty.TO)).isNull();
        assertThat(c.userPropertiesSet()).isEmpty();
    }

    @Test
    void wrongTypeForASystemPropertyFailsEvaluation() {
        assertThatThrownBy(() -> SqlRuleAction.parse("SET sys.Label = 5").apply(message()))
                .isInstanceOf(FilterEvaluationException.class).hasMessageContaining("sys.Label");
        assertThatThrownBy(() -> SqlRuleAction.parse("SET sys.TimeToLive = 'PT5M'").apply(message()))
                .isInstanceOf(FilterEvaluationException.class).hasMessageContaining("TimeSpan");
        assertThatThrownBy(() -> SqlRuleAction.parse("SET a = 1 / 0").apply(message()))
                .isInstanceOf(FilterEvaluationException.class);
        assertThat(SqlRuleAction.parse("SET sys.Label = missing").apply(message()).systemPropertiesSet())
                .containsEntry(SystemProperty.LABEL, null);
    }

    @ParameterizedTest(name = "[{index}] <{0}>")
    @CsvSource(delimiter = '|', value = {
        "''|1|expected SET or REMOVE",
        "SET|4|expected a property name after SET",
        "SET a|6|expected '='",
        "SET a 1|7|expected '='",
        "SET a =|8|expected an expression",
        "SET a = 1 = 2|11|expected SET or REMOVE",
        "UPDATE a = 1|1|expected SET or REMOVE",
        "SET a = 1;;|11|expected SET or REMOVE",
        "SET sys.SequenceNumber = 1|5|read-only",
        "REMOVE sys.EnqueuedTimeUtc|8|read-only",
        "SET sys.Nope = 1|9|does not exist",
        "SET a = (b = 1)|9|expected a value",
        "REMOVE 1|8|expected a property name",
        "SET a = @p|9|no value was given"
    })
    void rejectsWithPosition(String expression, int column, String reason) {
        String text = expression.equals("''") ? "" : expression;
        FilterParseException e = catchThrowableOfType(() -> SqlRuleAction.parse(text), FilterParseException.class);
        assertThat(e).as(text).isNotNull();
        assertThat(e.reason()).contains(reason);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.getMessage()).startsWith("SQL rule action expression is invalid at line 1, column " + column);
    }

    @Test
    void separatorsAndLimits() {
        assertThat(SqlRuleAction.parse("SET a = 1 SET b = 2").statementCount()).isEqualTo(2);
        assertThat(SqlRuleAction.parse("SET a = 1;SET b = 2;").statementCount()).isEqualTo(2);
        assertThat(SqlRuleAction.parse("SET a = 1, SET b = 2").statementCount()).isEqualTo(2);
        assertThat(SqlRuleAction.parse("set a = 1 remove b Set [set] = 2 REMOVE remove").statementCount())
                .isEqualTo(4);
        String max = "SET a = 1;".repeat(SqlRuleAction.MAX_STATEMENTS);
        assertThat(SqlRuleAction.parse(max).statementCount()).isEqualTo(32);
        FilterParseException tooMany = catchThrowableOfType(() -> SqlRuleAction.parse(max + "SET a = 1"),
                FilterParseException.class);
        assertThat(tooMany.reason()).contains("at most 32 statements");
        assertThat(tooMany.position()).isEqualTo(max.length());
        assertThatThrownBy(() -> SqlRuleAction.parse("SET a = '" + "x".repeat(1100) + "'"))
                .isInstanceOf(FilterParseException.class).hasMessageContaining("limit is 1024");
    }

    @Test
    void applyToChainsActionsAndValueSemantics() {
        MessageChanges c = new MessageChanges(message().with("n", 1));
        SqlRuleAction.parse("SET n = n + 1").applyTo(c);
        SqlRuleAction.parse("SET n = n * 10").applyTo(c);
        assertThat(c.userProperty("n")).isEqualTo(20);
        SqlRuleAction a = SqlRuleAction.parse("SET a = @v", Map.of("@v", 1));
        assertThat(a).isEqualTo(SqlRuleAction.parse("SET a = @v", Map.of("@v", 1)));
        assertThat(a.expression()).isEqualTo("SET a = @v");
        assertThat(a.parameters()).containsEntry("@v", 1);
        assertThat(a.compatibilityLevel()).isEqualTo(20);
        assertThat(new MessageChanges(message()).isEmpty()).isTrue();
    }

    @Test
    void messageChangesRejectsReadOnlyAndBadTypes() {
        MessageChanges c = new MessageChanges(message());
        assertThatThrownBy(() -> c.setSystemProperty(SystemProperty.SEQUENCE_NUMBER, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.setSystemProperty(SystemProperty.LABEL, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.setUserProperty("x", new Object())).isInstanceOf(IllegalArgumentException.class);
        c.setSystemProperty(SystemProperty.LABEL, 'c');
        // A value of an unlisted type that the message itself carries is copied, not rejected.
        MessageChanges copied = SqlRuleAction.parse("SET y = x").apply(message().with("x", java.math.BigDecimal.ONE));
        assertThat(copied.userPropertiesSet()).containsEntry("y", java.math.BigDecimal.ONE);
        assertThatThrownBy(() -> SqlRuleAction.parse("SET y = x + 1").apply(message().with("x",
                java.math.BigDecimal.ONE))).isInstanceOf(FilterEvaluationException.class);
        assertThat(c.systemPropertiesSet()).containsEntry(SystemProperty.LABEL, "c");
        assertThat(c.toString()).contains("Label");
    }
}
