package dev.omnibus.core.filter;

import static dev.omnibus.core.filter.Sql.matches;
import static dev.omnibus.core.filter.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SqlFilterParseTest {

    /** Each row: expression | 1-based column of the error | a fragment of the reason. */
    @ParameterizedTest(name = "[{index}] <{0}>")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|1|empty",
        "color = 'red' AND|18|the end of the expression",
        "(a = 1|7|expected ')'",
        "a = = 1|5|expected an expression",
        "a = 'unterminated|5|unterminated string",
        "a = 1 # 2|7|unexpected character '#'",
        "sys.Foo = 1|5|'sys.Foo' does not exist",
        "AND = 1|1|keyword AND",
        "a NOT = 1|7|expected IN or LIKE after NOT",
        "1 + 2|1|expected a predicate",
        "a|1|expected a predicate",
        "TRUE|1|expected a predicate",
        "(a = 1) + 1 = 2|1|expected a value",
        "NOT a|5|expected a predicate",
        "a = 1 AND b|11|expected a predicate",
        "1 IS NULL|1|IS NULL applies to a property",
        "a IS 1|6|expected NULL after IS",
        "a IN ()|7|expected an expression",
        "a IN (1, 2|11|',' or ')'",
        "a IN 1|6|'(' to open the IN list",
        "a LIKE 5|8|pattern must be a string",
        "a LIKE 'x' ESCAPE 'ab'|19|ESCAPE operand must be a string of length 1",
        "a LIKE 'x!' ESCAPE '!'|8|ends with its escape character",
        "a = 9223372036854775808|5|out of the Int64 range",
        "a = 1E999|5|out of the Double range",
        "a = 1E|5|exponent",
        "a = 12abc|5|invalid number",
        "a = @missing|5|no value was given for parameter @missing",
        "a = foo(1)|5|unknown function 'foo'",
        "a = newid(1)|11|newid() takes no argument",
        "EXISTS a|8|'(' after EXISTS",
        "EXISTS(1)|8|expected a property name",
        "EXISTS(sys.Nope)|12|does not exist",
        "a = 1 b = 2|7|unexpected 'b'",
        "a = 1 = 2|7|unexpected '='",
        "[] = 1|1|cannot be empty",
        "[x]]] = 1 AND [] = 1|15|cannot be empty",
        "[abc = 1|1|unterminated delimited identifier",
        "sys. = 1|6|expected a property name after 'sys.'",
        "a ! b|3|'!'",
        "@ = 1|1|must be followed by a parameter name",
        "p('sys.Nope') = 1|3|does not exist",
        "p(1) = 1|3|must be a string",
        "- (a = 1) = 1|3|expected a value"
    })
    void rejectsWithPosition(String expression, int column, String reason) {
        FilterParseException e = catchThrowableOfType(() -> SqlFilter.parse(expression), FilterParseException.class);
        assertThat(e).as(expression).isNotNull();
        assertThat(e.reason()).contains(reason);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.position()).isEqualTo(column - 1);
        assertThat(e.expression()).isEqualTo(expression);
        assertThat(e.getMessage()).startsWith("SQL filter expression is invalid at line 1, column " + column + ": ");
    }

    @Test
    void reportsLineAndColumnAcrossLines() {
        FilterParseException e = catchThrowableOfType(() -> SqlFilter.parse("a = 1\nAND b = \n  )"),
                FilterParseException.class);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.position()).isEqualTo(17);
    }

    @Test
    void enforcesTheLengthLimit() {
        String ok = "a = '" + "x".repeat(SqlFilter.MAX_LENGTH - 6) + "'";
        assertThat(ok).hasSize(SqlFilter.MAX_LENGTH);
        assertThat(SqlFilter.parse(ok).expression()).isEqualTo(ok);
        String tooLong = "a = '" + "x".repeat(SqlFilter.MAX_LENGTH - 5) + "'";
        assertThatThrownBy(() -> SqlFilter.parse(tooLong)).isInstanceOf(FilterParseException.class)
                .hasMessageContaining("limit is 1024");
    }

    @Test
    void refusesDeepNestingInsteadOfOverflowingTheStack() {
        String deep = "(".repeat(200) + "a = 1" + ")".repeat(200);
        assertThatThrownBy(() -> SqlFilter.parse(deep)).isInstanceOf(FilterParseException.class)
                .hasMessageContaining("nested");
        String nots = "NOT ".repeat(200) + "a = 1";
        assertThatThrownBy(() -> SqlFilter.parse(nots)).isInstanceOf(FilterParseException.class);
        String minus = "a = " + "-".repeat(300) + "1";
        assertThatThrownBy(() -> SqlFilter.parse(minus)).isInstanceOf(FilterParseException.class);
        assertThat(matches("(".repeat(100) + "a = 1" + ")".repeat(100), message().with("a", 1))).isTrue();
    }

    @Test
    void keywordsAreCaseInsensitive() {
        TestMessage msg = message().with("a", 1).with("b", "x").with("n", null);
        assertThat(matches("a = 1 and b = 'x' oR a = 2", msg)).isTrue();
        assertThat(matches("nOt a = 2 AnD n iS nUlL AND a iS NoT NULL", msg)).isTrue();
        assertThat(matches("b like 'x' and b not in ('y') AND exists(a) and TRUE = true", msg)).isTrue();
        assertThat(matches("b LIKE 'x!%' escape '!' OR a In (1)", msg)).isTrue();
        assertThat(matches("NEWID() <> NEWID() AND P('a') = 1 AND Property('b') = 'x'", msg)).isTrue();
    }

    @Test
    void quotedAndDelimitedIdentifiers() {
        TestMessage msg = message().with("Contoso & Northwind", 1).with("Property With Space", 2)
                .with("HR-EmployeeID", 3).with("a]b", 4).with("a\"b", 5).with("user", 6).with("sys", 7)
                .with("AND", 8).with("sys.Label", 9);
        assertThat(matches("\"Contoso & Northwind\" = 1", msg)).isTrue();
        assertThat(matches("[Property With Space] = 2 AND [HR-EmployeeID] = 3", msg)).isTrue();
        assertThat(matches("[a]]b] = 4 AND \"a\"\"b\" = 5", msg)).isTrue();
        assertThat(matches("user = 6 AND sys = 7 AND [AND] = 8 AND user.[AND] = 8", msg)).isTrue();
        assertThat(matches("\"sys.Label\" = 9 AND user.\"sys.Label\" = 9", msg)).isTrue();
        assertThat(matches("sys.[Label] IS NULL AND sys.\"Label\" IS NULL", msg)).isTrue();
        assertThat(matches("\"\"\"\" = 10", message().with("\"", 10))).isTrue();
        FilterParseException empty = catchThrowableOfType(() -> SqlFilter.parse("a = 1 OR \"\" = 1"),
                FilterParseException.class);
        assertThat(empty.reason()).contains("cannot be empty");
        assertThat(empty.column()).isEqualTo(10);
    }

    @Test
    void identifiersFollowTheDocumentedRegularExpression() {
        // [[:IsLetter:]][_[:IsLetter:][:IsDigit:]]*
        TestMessage msg = message().with("a_1", 1).with("größe", 2).with("名前", 3);
        assertThat(matches("a_1 = 1 AND größe = 2 AND 名前 = 3", msg)).isTrue();
        assertThatThrownBy(() -> SqlFilter.parse("_a = 1")).isInstanceOf(FilterParseException.class);
        assertThatThrownBy(() -> SqlFilter.parse("a.b = 1")).isInstanceOf(FilterParseException.class);
    }

    @Test
    void everySystemPropertyParsesInAnyCase() {
        for (SystemProperty p : SystemProperty.values()) {
            assertThat(SqlFilter.parse("sys." + p.canonicalName() + " IS NULL")).isNotNull();
            assertThat(SqlFilter.parse("sys." + p.canonicalName().toUpperCase() + " IS NULL")).isNotNull();
            assertThat(SystemProperty.byName(p.canonicalName().toLowerCase())).isEqualTo(p);
        }
        assertThat(SystemProperty.byName("Subject")).as("Service Bus calls it Label in filters").isNull();
    }

    @Test
    void numberForms() {
        TestMessage msg = message();
        assertThat(matches(".5 = 0.5 AND 5. = 5 AND 1e3 = 1000 AND 1E+3 = 1000 AND 2.0 = 2", msg)).isTrue();
        assertThat(matches("-9223372036854775808 < 9223372036854775807", msg)).isTrue();
    }

    @Test
    void literalsWithQuotes() {
        assertThat(matches("v = 'it''s'", message().with("v", "it's"))).isTrue();
        assertThat(matches("v = ''''", message().with("v", "'"))).isTrue();
        assertThat(matches("v = ''", message().with("v", ""))).isTrue();
        assertThat(matches("v = 'a\"b'", message().with("v", "a\"b"))).isTrue();
    }

    @Test
    void constantPredicatesFoldButKeepTheirErrorsForEvaluation() {
        assertThat(SqlFilter.parse("1=1").matches(message())).isTrue();
        assertThat(SqlFilter.parse("1=0").matches(message())).isFalse();
        SqlFilter divide = SqlFilter.parse("1 / 0 = 1");
        assertThatThrownBy(() -> divide.matches(message())).isInstanceOf(FilterEvaluationException.class);
        assertThat(SqlFilter.parse("1 = 0 AND 1 / 0 = 1").matches(message())).isFalse();
    }

    @Test
    void valueSemantics() {
        SqlFilter a = SqlFilter.parse("a = @x", Map.of("@x", 1));
        assertThat(a).isEqualTo(SqlFilter.parse("a = @x", Map.of("@x", 1)));
        assertThat(a).isNotEqualTo(SqlFilter.parse("a = @x", Map.of("@x", 2)));
        assertThat(a.hashCode()).isEqualTo(SqlFilter.parse("a = @x", Map.of("@x", 1)).hashCode());
        assertThat(a.expression()).isEqualTo("a = @x");
        assertThat(a.compatibilityLevel()).isEqualTo(20);
        assertThat(a.toString()).contains("a = @x");
        assertThatThrownBy(() -> SqlFilter.parse("a = @x", Map.of("@x", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlFilter.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
