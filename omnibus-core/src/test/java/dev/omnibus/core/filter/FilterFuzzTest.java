package dev.omnibus.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property tests with fixed seeds: the parser throws nothing but {@link FilterParseException} on any input, and valid
 * filters and actions throw nothing but {@link FilterEvaluationException} on any message.
 */
@Timeout(20)
class FilterFuzzTest {
    private static final Map<String, Object> PARAMS = Map.of("@p", 1, "@t", Instant.parse("2026-01-01T00:00:00Z"),
            "@d", Duration.ofSeconds(30));

    private static final List<String> TOKENS = List.of("AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "ESCAPE",
            "EXISTS", "TRUE", "FALSE", "SET", "REMOVE", "newid", "property", "p", "sys", "user", ".", "a", "Color",
            "(", ")", ",", ";", "=", "<>", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "'str'", "'it''s'",
            "'", "\"q\"", "\"", "[d]", "[a]]b]", "[", "]", "1", "0", "9223372036854775807", "9223372036854775808",
            "1.5", "1E5", "1E", ".5", "5.", "@p", "@missing", "@", "sys.Label", "sys.Nope", "sys.SequenceNumber",
            "'%'", "'_'", "'!'", "!", "p('a')", "newid()", "EXISTS(a)", "a IS NULL", "a = 1", "SET a = 1");
    private static final String ODD_CHARS = " \t\n\r'\"[]()@.,;!#$^&|~`?:{}\\/_%=<>+-*0123456789abcXYZ€ü名\u0000\uFFFF";

    private final Random random = new Random(20260101L);

    @Test
    void parserThrowsOnlyParseExceptions() {
        for (int i = 0; i < 20_000; i++) {
            String input = randomInput();
            parseSafely(input);
        }
    }

    @Test
    void mutatedValidFiltersThrowOnlyParseExceptions() {
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sb = new StringBuilder(new Generator(random).predicate(3));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0:
                        sb.deleteCharAt(at);
                        break;
                    case 1:
                        sb.insert(at, ODD_CHARS.charAt(random.nextInt(ODD_CHARS.length())));
                        break;
                    default:
                        sb.insert(at, " " + TOKENS.get(random.nextInt(TOKENS.size())) + " ");
                        break;
                }
            }
            parseSafely(sb.toString());
        }
    }

    private static void parseSafely(String input) {
        for (boolean action : new boolean[] {false, true}) {
            try {
                if (action) {
                    SqlRuleAction.parse(input, PARAMS);
                } else {
                    SqlFilter.parse(input, PARAMS);
                }
            } catch (FilterParseException e) {
                assertThat(e.position()).as(input).isBetween(0, input.length());
                assertThat(e.getMessage()).as(input).contains("column");
            } catch (Throwable t) {
                fail("parsing <" + input + "> as " + (action ? "an action" : "a filter") + " threw " + t, t);
            }
        }
    }

    private String randomInput() {
        StringBuilder sb = new StringBuilder();
        int pieces = 1 + random.nextInt(25);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(5) == 0) {
                int n = 1 + random.nextInt(3);
                for (int c = 0; c < n; c++) {
                    sb.append(ODD_CHARS.charAt(random.nextInt(ODD_CHARS.length())));
                }
            } else {
                sb.append(TOKENS.get(random.nextInt(TOKENS.size())));
            }
            if (random.nextInt(4) != 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    @Test
    void validFiltersThrowOnlyEvaluationExceptionsAndObeyThreeValuedLogic() {
        Generator gen = new Generator(random);
        int evaluations = 0;
        for (int i = 0; i < 2_000; i++) {
            String p = gen.filterWithin(SqlFilter.MAX_LENGTH - 10);
            SqlFilter filter = parseValid(() -> SqlFilter.parse(p, PARAMS), p);
            SqlFilter negated = parseValid(() -> SqlFilter.parse("NOT (" + p + ")", PARAMS), p);
            for (int m = 0; m < 10; m++) {
                Filterable message = gen.message();
                Boolean a = evaluate(filter, message, p);
                Boolean b = evaluate(negated, message, p);
                evaluations++;
                assertThat(a == null).as("both or neither fail: %s over %s", p, message).isEqualTo(b == null);
                if (a != null && !p.contains("newid")) {
                    assertThat(a && b).as("p and NOT p both TRUE: %s over %s", p, message).isFalse();
                }
            }
        }
        assertThat(evaluations).isEqualTo(20_000);
    }

    @Test
    void validActionsThrowOnlyEvaluationExceptions() {
        Generator gen = new Generator(random);
        for (int i = 0; i < 1_000; i++) {
            String action = gen.action();
            SqlRuleAction parsed = parseValid(() -> SqlRuleAction.parse(action, PARAMS), action);
            for (int m = 0; m < 10; m++) {
                Filterable message = gen.message();
                try {
                    MessageChanges changes = parsed.apply(message);
                    changes.applyToUserProperties(Map.of("a", 1));
                } catch (FilterEvaluationException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                } catch (Throwable t) {
                    fail("action <" + action + "> over " + message + " threw " + t, t);
                }
            }
        }
    }

    private static <T> T parseValid(Supplier<T> parse, String text) {
        try {
            return parse.get();
        } catch (Throwable t) {
            return fail("generated text did not parse: <" + text + ">: " + t, t);
        }
    }

    /** TRUE → true, FALSE or unknown → false, an evaluation error → null; anything else fails the test. */
    private static Boolean evaluate(SqlFilter filter, Filterable message, String text) {
        try {
            return filter.matches(message);
        } catch (FilterEvaluationException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return null;
        } catch (Throwable t) {
            return fail("filter <" + text + "> over " + message + " threw " + t, t);
        }
    }

    /** Random well-formed filters, actions and messages over a small vocabulary of names and values. */
    static final class Generator {
        private static final String[] NAMES = {"a", "b", "c", "Color", "[x y]", "\"q\"\"\"", "user.a", "USER.b",
            "sys.Label", "sys.MessageId", "sys.SequenceNumber", "sys.EnqueuedTimeUtc", "sys.TimeToLive",
            "sys.DeliveryCount", "sys.Size", "sys.To"};
        private static final String[] CONSTANTS = {"0", "1", "2", "7", "(-1)", "9223372036854775807",
            "(-9223372036854775808)", "1.5", "0.0", "1E300", "2.5E-3", "'abc'", "''", "'x''y'", "'sys.Label'", "'a'",
            "TRUE", "FALSE", "NULL", "@p", "@t", "@d"};
        private static final String[] PATTERNS = {"'%'", "'a%'", "'%b_'", "'_'", "'a!%%'", "''", "b", "'!_%'"};
        private static final String[] OPS = {"=", "<>", "!=", "<", "<=", ">", ">="};
        private static final String[] ARITH = {"+", "-", "*", "/", "%"};

        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        String filterWithin(int maxLength) {
            while (true) {
                String p = predicate(4);
                if (p.length() <= maxLength) {
                    return p;
                }
            }
        }

        String predicate(int depth) {
            int choice = random.nextInt(depth <= 0 ? 5 : 10);
            switch (choice) {
                case 0:
                    return expression(depth - 1) + " " + pick(OPS) + " " + expression(depth - 1);
                case 1:
                    return expression(depth - 1) + (random.nextBoolean() ? " NOT" : "") + " IN (" + list(depth) + ")";
                case 2:
                    return expression(depth - 1) + (random.nextBoolean() ? " NOT" : "") + " LIKE " + pick(PATTERNS)
                            + (random.nextBoolean() ? " ESCAPE '!'" : "");
                case 3:
                    return plainName() + " IS " + (random.nextBoolean() ? "NOT " : "") + "NULL";
                case 4:
                    return "EXISTS(" + plainName() + ")";
                case 5:
                    return "NOT " + predicate(depth - 1);
                case 6:
                    return predicate(depth - 1) + " AND " + predicate(depth - 1);
                case 7:
                    return predicate(depth - 1) + " OR " + predicate(depth - 1);
                default:
                    return "(" + predicate(depth - 1) + ")";
            }
        }

        String expression(int depth) {
            int choice = random.nextInt(depth <= 0 ? 2 : 8);
            switch (choice) {
                case 0:
                    return pick(NAMES);
                case 1:
                    return pick(CONSTANTS);
                case 2:
                    return expression(depth - 1) + " " + pick(ARITH) + " " + expression(depth - 1);
                case 3:
                    return (random.nextBoolean() ? "-" : "+") + "(" + expression(depth - 1) + ")";
                case 4:
                    return "(" + expression(depth - 1) + ")";
                case 5:
                    return random.nextBoolean() ? "p('b')" : "property(a)";
                case 6:
                    return random.nextInt(4) == 0 ? "newid()" : pick(NAMES);
                default:
                    return pick(CONSTANTS);
            }
        }

        String action() {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(4)) {
                    case 0:
                        sb.append("REMOVE ").append(random.nextBoolean() ? "a" : "sys.To");
                        break;
                    case 1:
                        sb.append("SET sys.").append(random.nextBoolean() ? "Label" : "TimeToLive").append(" = ")
                                .append(expression(2));
                        break;
                    default:
                        sb.append("SET ").append(random.nextBoolean() ? "a" : "[new one]").append(" = ")
                                .append(expression(2));
                        break;
                }
                sb.append(random.nextBoolean() ? "; " : " ");
            }
            return sb.toString();
        }

        TestMessage message() {
            TestMessage m = TestMessage.message();
            for (String name : new String[] {"a", "b", "c", "Color", "x y", "q\""}) {
                if (random.nextInt(4) != 0) {
                    m.with(random.nextBoolean() ? name : name.toUpperCase(), value());
                }
            }
            if (random.nextBoolean()) {
                m.sys(SystemProperty.LABEL, pick(new String[] {"abc", "", "a%b", "sys.Label"}));
            }
            m.sys(SystemProperty.SEQUENCE_NUMBER, random.nextLong());
            m.sys(SystemProperty.ENQUEUED_TIME_UTC, Instant.ofEpochMilli(random.nextInt(1 << 30) * 1000L));
            if (random.nextBoolean()) {
                m.sys(SystemProperty.TIME_TO_LIVE, Duration.ofSeconds(random.nextInt(100_000)));
            }
            m.sys(SystemProperty.DELIVERY_COUNT, random.nextInt(5));
            m.sys(SystemProperty.SIZE, (long) random.nextInt(1000));
            return m;
        }

        private Object value() {
            switch (random.nextInt(16)) {
                case 0: return null;
                case 1: return random.nextInt(5) - 2;
                case 2: return random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                case 3: return random.nextLong();
                case 4: return (long) random.nextInt(3);
                case 5: return random.nextDouble() * 10;
                case 6: return random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
                case 7: return (float) random.nextGaussian();
                case 8: return pick(new String[] {"abc", "", "a!%", "sys.Label", "sys.Nope", "b", "user.c"});
                case 9: return random.nextBoolean();
                case 10: return UUID.randomUUID();
                case 11: return random.nextBoolean() ? Instant.MAX : Instant.ofEpochSecond(random.nextInt());
                case 12: return random.nextBoolean() ? Duration.ofSeconds(Long.MAX_VALUE) : Duration.ofMillis(5);
                case 13: return new byte[] {1};
                case 14: return (short) 3;
                default: return random.nextBoolean() ? (Object) 'z' : java.math.BigDecimal.TEN;
            }
        }

        private String list(int depth) {
            StringBuilder sb = new StringBuilder(expression(depth - 1));
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(", ").append(expression(depth - 1));
            }
            return sb.toString();
        }

        private String plainName() {
            return pick(new String[] {"a", "b", "Color", "[x y]", "user.a", "sys.Label", "sys.To"});
        }

        private String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }
    }
}
