package dev.omnibus.core.filter;

import static dev.omnibus.core.filter.Sql.matches;
import static dev.omnibus.core.filter.Sql.truth;
import static dev.omnibus.core.filter.Sql.value;
import static dev.omnibus.core.filter.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SqlFilterEvaluationTest {
    private final TestMessage m = message()
            .with("i", 10).with("l", 10L).with("d", 10.0).with("f", 0.1f).with("s", "abc").with("b", true)
            .with("n", null).with("c", 'x').with("big", Integer.MAX_VALUE).with("one", 1)
            .sys(SystemProperty.LABEL, "orders").sys(SystemProperty.SEQUENCE_NUMBER, 42L);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "1 = 1|TRUE", "1 = 2|FALSE", "1 <> 2|TRUE", "1 != 1|FALSE", "1 < 2|TRUE", "2 < 1|FALSE",
        "1 <= 1|TRUE", "2 <= 1|FALSE", "2 > 1|TRUE", "1 > 1|FALSE", "1 >= 1|TRUE", "0 >= 1|FALSE",
        "i = 10|TRUE", "i = l|TRUE", "i = d|TRUE", "l > 9.5|TRUE", "d < 10.5|TRUE", "i > 9|TRUE",
        "'abc' = s|TRUE", "s = 'ABC'|FALSE", "s < 'abd'|TRUE", "'B' < 'a'|TRUE", "'a' < 'B'|FALSE",
        "'' < 'a'|TRUE", "s >= 'abc'|TRUE",
        "b = TRUE|TRUE", "b <> FALSE|TRUE", "b = FALSE|FALSE",
        "c = 'x'|TRUE", "c < 'y'|TRUE", "c = s|FALSE",
        "sys.Label = 'orders'|TRUE", "sys.SequenceNumber = 42|TRUE", "sys.SequenceNumber > i|TRUE"
    })
    void comparisons(String predicate, String expected) {
        assertThat(truth(predicate, m)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is unknown")
    @CsvSource(delimiter = '|', value = {
        "missing = 1", "missing <> 1", "1 = missing", "missing = missing", "n = 1", "n <> n",
        "i = NULL", "NULL = NULL", "NULL <> NULL",
        "s = 1", "s > 1", "1 = '1'", "b = 1", "b > FALSE", "TRUE < FALSE", "i = TRUE",
        "missing + 1 = 2", "-missing = 1", "missing * 0 = 0",
        "sys.MessageId = 'x'", "sys.To <> 'x'"
    })
    void unknowns(String predicate) {
        assertThat(truth(predicate, m)).isEqualTo("UNKNOWN");
    }

    @Test
    void threeValuedLogicTables() {
        // Doc "Subscription Rule SQL Filter Syntax": the AND and OR tables.
        Map<String, String> operands = Map.of("T", "1 = 1", "F", "1 = 0", "U", "missing = 1");
        String[][] and = {{"T", "T", "T"}, {"T", "F", "F"}, {"T", "U", "U"}, {"F", "T", "F"}, {"F", "F", "F"},
            {"F", "U", "F"}, {"U", "T", "U"}, {"U", "F", "F"}, {"U", "U", "U"}};
        String[][] or = {{"T", "T", "T"}, {"T", "F", "T"}, {"T", "U", "T"}, {"F", "T", "T"}, {"F", "F", "F"},
            {"F", "U", "U"}, {"U", "T", "T"}, {"U", "F", "U"}, {"U", "U", "U"}};
        for (String[] row : and) {
            String p = "(" + operands.get(row[0]) + ") AND (" + operands.get(row[1]) + ")";
            assertThat(truth(p, m)).as(p).startsWith(row[2]);
        }
        for (String[] row : or) {
            String p = "(" + operands.get(row[0]) + ") OR (" + operands.get(row[1]) + ")";
            assertThat(truth(p, m)).as(p).startsWith(row[2]);
        }
        assertThat(truth("NOT (missing = 1)", m)).isEqualTo("UNKNOWN");
        assertThat(truth("NOT NOT 1 = 1", m)).isEqualTo("TRUE");
    }

    @Test
    void onlyTrueSelects() {
        assertThat(matches("missing = 1", m)).isFalse();
        assertThat(matches("NOT (missing = 1)", m)).isFalse();
        assertThat(matches("missing = 1 OR 1 = 1", m)).isTrue();
    }

    @Test
    void nullTests() {
        assertThat(truth("missing IS NULL", m)).isEqualTo("TRUE");
        assertThat(truth("n IS NULL", m)).isEqualTo("TRUE");
        assertThat(truth("i IS NULL", m)).isEqualTo("FALSE");
        assertThat(truth("i IS NOT NULL", m)).isEqualTo("TRUE");
        assertThat(truth("n IS NOT NULL", m)).isEqualTo("FALSE");
        assertThat(truth("sys.MessageId IS NULL", m)).isEqualTo("TRUE");
        assertThat(truth("sys.Label IS NOT NULL", m)).isEqualTo("TRUE");
    }

    @Test
    void existsSeesPresenceNotValue() {
        assertThat(truth("EXISTS(i)", m)).isEqualTo("TRUE");
        assertThat(truth("EXISTS(n)", m)).isEqualTo("TRUE");
        assertThat(truth("EXISTS(missing)", m)).isEqualTo("FALSE");
        assertThat(truth("EXISTS(user.i)", m)).isEqualTo("TRUE");
        assertThat(truth("EXISTS([i])", m)).isEqualTo("TRUE");
        assertThat(truth("EXISTS(sys.Label)", m)).isEqualTo("TRUE");
        assertThat(truth("EXISTS(sys.To)", m)).isEqualTo("FALSE");
        assertThat(truth("NOT EXISTS(missing)", m)).isEqualTo("TRUE");
    }

    @Test
    void precedence() {
        assertThat(truth("1 = 1 OR 1 = 0 AND 1 = 0", m)).isEqualTo("TRUE");
        assertThat(truth("(1 = 1 OR 1 = 0) AND 1 = 0", m)).isEqualTo("FALSE");
        assertThat(truth("NOT 1 = 0 AND 1 = 0", m)).isEqualTo("FALSE");
        assertThat(truth("NOT (1 = 0 AND 1 = 0)", m)).isEqualTo("TRUE");
        assertThat(value("1 + 2 * 3", m)).isEqualTo(7L);
        assertThat(value("(1 + 2) * 3", m)).isEqualTo(9L);
        assertThat(value("10 - 4 - 3", m)).isEqualTo(3L);
        assertThat(value("100 / 10 / 5", m)).isEqualTo(2L);
        assertThat(value("2 * 3 % 4", m)).isEqualTo(2L);
        assertThat(value("-2 * -3", m)).isEqualTo(6L);
        assertThat(value("- - 4", m)).isEqualTo(4L);
        assertThat(value("+4 - -4", m)).isEqualTo(8L);
        assertThat(truth("1 + 1 = 2 AND 2 * 2 > 3", m)).isEqualTo("TRUE");
    }

    @Test
    void numericPromotionFollowsCSharp() {
        assertThat(value("7 / 2", m)).isEqualTo(3L);
        assertThat(value("-7 / 2", m)).isEqualTo(-3L);
        assertThat(value("7 / 2.0", m)).isEqualTo(3.5);
        assertThat(value("7 % 3", m)).isEqualTo(1L);
        assertThat(value("-7 % 3", m)).isEqualTo(-1L);
        assertThat(value("7.5 % 2", m)).isEqualTo(1.5);
        assertThat(value("i + one", m)).isEqualTo(11);
        assertThat(value("i + 1", m)).isEqualTo(11L);
        assertThat(value("i * 1.5", m)).isEqualTo(15.0);
        assertThat(value("big + one", m)).isEqualTo(Integer.MIN_VALUE);
        assertThat(value("big + 1", m)).isEqualTo(2147483648L);
        assertThat(value("9223372036854775807 + 1", m)).isEqualTo(Long.MIN_VALUE);
        assertThat(value("-9223372036854775808", m)).isEqualTo(Long.MIN_VALUE);
        assertThat(value("f * 2", m)).isEqualTo(0.1f * 2);
        assertThat(value("f + 1.0", m)).isEqualTo((double) 0.1f + 1.0);
        // A float promoted to double is not 0.1, as in C#.
        assertThat(truth("f = 0.1", m)).isEqualTo("FALSE");
        assertThat(value("101.5E5", m)).isEqualTo(101.5E5);
        assertThat(value("0.5E-2", m)).isEqualTo(0.005);
    }

    @Test
    void integerDivisionByZeroFails() {
        assertThatThrownBy(() -> matches("i / 0 = 1", m)).isInstanceOf(FilterEvaluationException.class)
                .hasMessageContaining("divide by zero");
        assertThatThrownBy(() -> matches("l % 0 = 1", m)).isInstanceOf(FilterEvaluationException.class);
        assertThatThrownBy(() -> matches("i / (one - 1) = 1", m)).isInstanceOf(FilterEvaluationException.class);
        assertThatThrownBy(() -> matches("-9223372036854775808 / -1 = 1", m))
                .isInstanceOf(FilterEvaluationException.class).hasMessageContaining("overflow");
        assertThat(truth("d / 0 > 1000000", m)).isEqualTo("TRUE");
        assertThat(truth("i / 0.0 > 1000000", m)).isEqualTo("TRUE");
        assertThat(truth("0.0 / 0 = 0.0 / 0", m)).isEqualTo("FALSE");
        assertThat(truth("0.0 / 0 <> 0.0 / 0", m)).isEqualTo("TRUE");
        assertThat(truth("missing / 0 = 1", m)).isEqualTo("UNKNOWN");
    }

    @Test
    void arithmeticOnTypesWithoutOperatorFails() {
        assertThatThrownBy(() -> matches("s * 2 = 1", m)).isInstanceOf(FilterEvaluationException.class)
                .hasMessageContaining("'*'").hasMessageContaining("String").hasMessageContaining("Int64");
        assertThatThrownBy(() -> matches("b + 1 = 1", m)).isInstanceOf(FilterEvaluationException.class);
        assertThatThrownBy(() -> matches("-s = 1", m)).isInstanceOf(FilterEvaluationException.class);
        assertThatThrownBy(() -> matches("s - 'a' = 1", m)).isInstanceOf(FilterEvaluationException.class);
    }

    @Test
    void plusConcatenatesStringsAsDotNetFormats() {
        assertThat(value("'a' + 'b'", m)).isEqualTo("ab");
        assertThat(value("s + 1", m)).isEqualTo("abc1");
        assertThat(value("1 + s", m)).isEqualTo("1abc");
        assertThat(value("'x' + TRUE", m)).isEqualTo("xTrue");
        assertThat(value("'x' + 1.5", m)).isEqualTo("x1.5");
        assertThat(value("'x' + 2.0", m)).isEqualTo("x2");
        assertThat(value("'x' + 1E20", m)).isEqualTo("x1E+20");
        assertThat(value("'x' + 0.00001", m)).isEqualTo("x1E-05");
        assertThat(value("'x' + c", m)).isEqualTo("xx");
        assertThat(value("'x' + missing", m)).isNull();
        assertThat(truth("s + 'd' = 'abcd'", m)).isEqualTo("TRUE");
    }

    @Test
    void timesAndDurations() {
        Instant t1 = Instant.parse("2020-07-05T11:12:13Z");
        Instant t2 = t1.plusSeconds(90);
        TestMessage msg = message().with("t1", t1).with("t2", t2).with("ttl", Duration.ofMinutes(1));
        Map<String, Object> params = Map.of("@ts", Duration.ofMinutes(2), "@at", t1);
        assertThat(SqlFilter.parse("t2 - t1 <= @ts", params).matches(msg)).isTrue();
        assertThat(SqlFilter.parse("(t2 - t1) > ttl", params).matches(msg)).isTrue();
        assertThat(SqlFilter.parse("t1 = @at AND t2 > @at AND t1 + ttl < t2", params).matches(msg)).isTrue();
        assertThat(SqlFilter.parse("t2 - ttl - ttl < t1", params).matches(msg)).isTrue();
        assertThat(value("-ttl", msg)).isEqualTo(Duration.ofMinutes(-1));
        assertThatThrownBy(() -> matches("t1 + t2 > t1", msg)).isInstanceOf(FilterEvaluationException.class);
        assertThatThrownBy(() -> matches("t1 * 2 > t1", msg)).isInstanceOf(FilterEvaluationException.class);
        assertThat(truth("t1 = 1", msg)).isEqualTo("UNKNOWN");
    }

    @Test
    void guidsCompareForEqualityOnly() {
        UUID id = UUID.randomUUID();
        TestMessage msg = message().with("g", id).with("h", id).with("k", UUID.randomUUID());
        assertThat(truth("g = h", msg)).isEqualTo("TRUE");
        assertThat(truth("g <> k", msg)).isEqualTo("TRUE");
        assertThat(truth("g < k", msg)).isEqualTo("UNKNOWN");
        assertThat(truth("g = '" + id + "'", msg)).isEqualTo("UNKNOWN");
        assertThat(truth("newid() = newid()", msg)).isEqualTo("FALSE");
        assertThat(truth("newid() <> g", msg)).isEqualTo("TRUE");
    }

    @Test
    void binaryValuesCompareWithNothing() {
        TestMessage msg = message().with("bytes", new byte[] {1, 2});
        assertThat(truth("bytes = bytes", msg)).isEqualTo("UNKNOWN");
        assertThat(truth("bytes IS NOT NULL", msg)).isEqualTo("TRUE");
    }

    @Test
    void propertyNamesAreCaseInsensitive() {
        TestMessage msg = message().with("Color", "red").with("size", 3).sys(SystemProperty.MESSAGE_ID, "m1");
        assertThat(matches("color = 'red'", msg)).isTrue();
        assertThat(matches("COLOR = 'red' AND user.SIZE = 3", msg)).isTrue();
        assertThat(matches("sys.messageid = 'm1' AND SYS.MESSAGEID = 'm1' AND sys.MessageId = 'm1'", msg)).isTrue();
        assertThat(matches("EXISTS(cOlOr)", msg)).isTrue();
        // The exact spelling wins when two properties differ only in case.
        TestMessage both = message().with("color", "blue").with("Color", "red");
        assertThat(matches("Color = 'red' AND color = 'blue'", both)).isTrue();
    }

    @Test
    void propertyFunctionLooksUpByComputedName() {
        TestMessage msg = message().with("color", "red").with("which", "color").with("num", 7)
                .sys(SystemProperty.LABEL, "L");
        assertThat(matches("p('color') = 'red'", msg)).isTrue();
        assertThat(matches("property('user.color') = 'red'", msg)).isTrue();
        assertThat(matches("property('sys.Label') = 'L'", msg)).isTrue();
        assertThat(matches("p(which) = 'red'", msg)).isTrue();
        assertThat(matches("p('col' + 'or') = 'red'", msg)).isTrue();
        assertThat(truth("p(missing) = 'red'", msg)).isEqualTo("UNKNOWN");
        assertThat(truth("p('missing') IS NULL", msg)).isEqualTo("TRUE");
        assertThatThrownBy(() -> matches("p(num) = 'red'", msg)).isInstanceOf(FilterEvaluationException.class);
        TestMessage dynamicSys = message().with("which", "sys.Nope");
        assertThatThrownBy(() -> matches("p(which) = 1", dynamicSys))
                .isInstanceOf(FilterEvaluationException.class).hasMessageContaining("sys.Nope");
    }

    @Test
    void parametersBindAtParseTime() {
        Map<String, Object> params = Map.of("@s", "abc", "@n", 10, "@b", true, "@d", 2.5, "NoAt", 1L);
        assertThat(SqlFilter.parse("s = @s AND i = @n AND b = @b AND d > @d AND one = @NoAt", params).matches(m))
                .isTrue();
        assertThat(SqlFilter.parse("s = @S", params).matches(m)).as("names ignore case").isTrue();
        assertThat(SqlFilter.parse("s = @s", params).parameters()).containsEntry("@s", "abc");
    }

    @Test
    void characterPropertyActsAsString() {
        assertThat(truth("c IN ('x', 'y')", m)).isEqualTo("TRUE");
        assertThat(truth("c LIKE 'x'", m)).isEqualTo("TRUE");
    }
}
