package dev.omnibus.core.filter;

import static dev.omnibus.core.filter.Sql.truth;
import static dev.omnibus.core.filter.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class LikeAndInTest {

    @ParameterizedTest(name = "''{0}'' LIKE ''{1}'' is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "abc|abc|true", "abc|ABC|false", "abc|ab|false", "abc|abcd|false",
        "abc|a%|true", "abc|%c|true", "abc|%b%|true", "abc|%|true", "\"\"|%|true", "\"\"|\"\"|true",
        "abc|%%|true", "abc|a%%c|true", "abc|%x%|false", "abc|x%|false", "abc|%x|false",
        "abc|___|true", "abc|__|false", "abc|____|false", "abc|a_c|true", "abc|_b_|true", "\"\"|_|false",
        "abc|a%c|true", "ac|a%c|true", "abxbc|a%bc|true", "aab|a%ab|true", "abab|%ab%ab|true",
        "mississippi|m%iss%ppi|true", "mississippi|m%is_is%|true", "mississippi|%ss%ss%ss%|false",
        "xyz|x_%|true", "x|x_%|false", "über|_ber|true", "a.c|a.c|true", "abc|a.c|false", "a*c|a*c|true",
        "[a]|[a]|true", "a|[a]|false"
    })
    void wildcards(String text, String pattern, boolean expected) {
        TestMessage msg = message().with("v", text).with("pat", pattern);
        String literal = pattern.replace("'", "''");
        assertThat(SqlFilter.parse("v LIKE '" + literal + "'").matches(msg)).isEqualTo(expected);
        assertThat(SqlFilter.parse("v NOT LIKE '" + literal + "'").matches(msg)).isEqualTo(!expected);
        assertThat(SqlFilter.parse("v LIKE pat").matches(msg)).as("dynamic pattern").isEqualTo(expected);
    }

    @Test
    void escape() {
        // Doc "Subscription Rule SQL Filter Syntax": property LIKE 'ABC\%' ESCAPE '\' matches ABC% only.
        assertThat(truth("v LIKE 'ABC\\%' ESCAPE '\\'", message().with("v", "ABC%"))).isEqualTo("TRUE");
        assertThat(truth("v LIKE 'ABC\\%' ESCAPE '\\'", message().with("v", "ABCD"))).isEqualTo("FALSE");
        assertThat(truth("v LIKE 'ABC%' ESCAPE '\\'", message().with("v", "ABCD"))).isEqualTo("TRUE");
        assertThat(truth("v LIKE 'a!_c' ESCAPE '!'", message().with("v", "a_c"))).isEqualTo("TRUE");
        assertThat(truth("v LIKE 'a!_c' ESCAPE '!'", message().with("v", "abc"))).isEqualTo("FALSE");
        assertThat(truth("v LIKE 'a!!c' ESCAPE '!'", message().with("v", "a!c"))).isEqualTo("TRUE");
        assertThat(truth("v LIKE '!a%' ESCAPE '!'", message().with("v", "abc"))).isEqualTo("TRUE");
        assertThat(truth("v LIKE '%!%%' ESCAPE '!'", message().with("v", "50% off"))).isEqualTo("TRUE");
        assertThat(truth("v LIKE '%!%%' ESCAPE '!'", message().with("v", "50 off"))).isEqualTo("FALSE");
        assertThat(truth("v LIKE 'x%' ESCAPE esc", message().with("v", "xy").with("esc", "!"))).isEqualTo("TRUE");
        assertThat(truth("v LIKE 'a''b'", message().with("v", "a'b"))).isEqualTo("TRUE");
    }

    @Test
    void unknownAndOddOperands() {
        assertThat(truth("missing LIKE 'a%'", message())).isEqualTo("UNKNOWN");
        assertThat(truth("missing NOT LIKE 'a%'", message())).isEqualTo("UNKNOWN");
        assertThat(truth("v LIKE missing", message().with("v", "a"))).isEqualTo("UNKNOWN");
        assertThat(truth("v LIKE 'a' ESCAPE missing", message().with("v", "a"))).isEqualTo("UNKNOWN");
        assertThat(truth("v LIKE NULL", message().with("v", "a"))).isEqualTo("UNKNOWN");
        assertThat(truth("v LIKE '1%'", message().with("v", 12))).isEqualTo("UNKNOWN");
        assertThatThrownBy(() -> SqlFilter.parse("v LIKE pat").matches(message().with("v", "a").with("pat", 1)))
                .isInstanceOf(FilterEvaluationException.class).hasMessageContaining("pattern");
        assertThatThrownBy(() -> SqlFilter.parse("v LIKE 'a' ESCAPE e").matches(message().with("v", "a")
                .with("e", "ab"))).isInstanceOf(FilterEvaluationException.class).hasMessageContaining("ESCAPE");
        assertThatThrownBy(() -> SqlFilter.parse("v LIKE pat ESCAPE '!'").matches(message().with("v", "a")
                .with("pat", "a!"))).isInstanceOf(FilterEvaluationException.class);
    }

    @Test
    void matchesTheSameAsARegularExpressionOnRandomInput() {
        Random random = new Random(7);
        String alphabet = "ab%_";
        for (int i = 0; i < 3000; i++) {
            String pattern = randomString(random, alphabet, 8);
            String text = randomString(random, "ab", 10);
            boolean expected = Pattern.compile(toRegex(pattern), Pattern.DOTALL).matcher(text).matches();
            assertThat(LikePattern.compile(pattern, null).matches(text)).as("'%s' LIKE '%s'", text, pattern)
                    .isEqualTo(expected);
        }
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String toRegex(String like) {
        StringBuilder sb = new StringBuilder();
        for (char c : like.toCharArray()) {
            sb.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }

    @Test
    void inLists() {
        TestMessage msg = message().with("s", "b").with("i", 2).with("l", 3L).with("d", 2.5).with("n", null);
        assertThat(truth("s IN ('a', 'b', 'c')", msg)).isEqualTo("TRUE");
        assertThat(truth("s IN ('a')", msg)).isEqualTo("FALSE");
        assertThat(truth("s NOT IN ('a', 'c')", msg)).isEqualTo("TRUE");
        assertThat(truth("s NOT IN ('b')", msg)).isEqualTo("FALSE");
        assertThat(truth("s IN ('B')", msg)).as("case-sensitive").isEqualTo("FALSE");
        assertThat(truth("i IN (1, 2, 3)", msg)).isEqualTo("TRUE");
        assertThat(truth("i IN (2.0)", msg)).isEqualTo("TRUE");
        assertThat(truth("l IN (i + 1, 9)", msg)).isEqualTo("TRUE");
        assertThat(truth("d IN (2.5)", msg)).isEqualTo("TRUE");
        assertThat(truth("i IN ('2', 3)", msg)).isEqualTo("FALSE");
        assertThat(truth("s IN (1, 2)", msg)).isEqualTo("FALSE");
        assertThat(truth("s IN (missing, 'b')", msg)).isEqualTo("TRUE");
        // Only an unknown left operand makes IN unknown (doc); an unknown item just does not match.
        assertThat(truth("s IN (missing, 'z')", msg)).isEqualTo("FALSE");
        assertThat(truth("s NOT IN (missing, 'z')", msg)).isEqualTo("TRUE");
        assertThat(truth("missing IN ('a', 'b')", msg)).isEqualTo("UNKNOWN");
        assertThat(truth("n NOT IN ('a', 'b')", msg)).isEqualTo("UNKNOWN");
        assertThat(truth("(s) IN (('b'))", msg)).isEqualTo("TRUE");
        assertThatThrownBy(() -> SqlFilter.parse("s IN ('a', 1 / (i - 2))").matches(msg))
                .isInstanceOf(FilterEvaluationException.class);
    }
}
