package dev.omnibus.core.filter;

import java.time.DateTimeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A filter written in the Service Bus SQL filter language (doc "Subscription Rule SQL Filter Syntax"), compiled
 * once when it is created and then evaluated per message without further parsing or lookups by name.
 *
 * <pre>{@code
 * SqlFilter f = SqlFilter.parse("sys.Label = 'orders' AND priority > 5 AND region IN ('eu', 'us')");
 * boolean selected = f.matches(view);
 * }</pre>
 *
 * <p>The language and its evaluation rules are summarised in the package documentation. Parameters
 * ({@code @name}), as the SDKs' {@code SqlRuleFilter.Parameters} and the management API carry them, are bound when
 * the filter is parsed.
 */
public final class SqlFilter implements SqlExpressionFilter {
    /** The longest filter expression Service Bus accepts (doc "Service Bus quotas"). */
    public static final int MAX_LENGTH = 1024;

    private final String expression;
    private final Map<String, Object> parameters;
    private final PredicateNode predicate;

    private SqlFilter(String expression, Map<String, Object> parameters, PredicateNode predicate) {
        this.expression = expression;
        this.parameters = parameters;
        this.predicate = predicate;
    }

    /**
     * Parses a filter expression.
     *
     * @param expression the expression, at most {@link #MAX_LENGTH} characters
     * @return the compiled filter
     * @throws FilterParseException when the expression is invalid; its message gives the line, column and reason
     */
    public static SqlFilter parse(String expression) {
        return parse(expression, Map.of());
    }

    /**
     * Parses a filter expression whose {@code @name} parameters take the given values.
     *
     * @param expression the expression, at most {@link #MAX_LENGTH} characters
     * @param parameters values by parameter name, with or without the {@code @}; strings, numbers, booleans,
     *     characters, UUIDs, instants (or dates) and durations
     * @return the compiled filter
     * @throws FilterParseException when the expression is invalid or names a parameter without a value
     * @throws IllegalArgumentException when a parameter value has an unsupported type
     */
    public static SqlFilter parse(String expression, Map<String, ?> parameters) {
        Map<String, Object> params = normalizeParameters(parameters);
        checkLength("SQL filter", expression, MAX_LENGTH);
        return new SqlFilter(expression, params, Parser.parseFilter(expression, params));
    }

    @Override
    public boolean matches(Filterable message) {
        return evaluate(predicate, message) == SqlValues.TRUE;
    }

    /** The expression, exactly as given. */
    @Override
    public String expression() {
        return expression;
    }

    /** The bound parameters (empty when there are none). */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /**
     * Runs a predicate, turning the JDK's arithmetic and date-range failures into evaluation errors. Anything else
     * thrown is a bug and is left alone, so tests see it.
     */
    static int evaluate(PredicateNode predicate, Filterable message) {
        try {
            return predicate.test(message);
        } catch (ArithmeticException | DateTimeException e) {
            throw new FilterEvaluationException("Filter evaluation failed: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> normalizeParameters(Map<String, ?> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "parameter name"), SqlValues.normalize(v)));
        return Collections.unmodifiableMap(copy);
    }

    static void checkLength(String kind, String expression, int max) {
        Objects.requireNonNull(expression, "expression");
        if (expression.length() > max) {
            throw new FilterParseException(kind, expression, max, "the expression is " + expression.length()
                    + " characters long; the limit is " + max);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlFilter other && expression.equals(other.expression)
                && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return expression.hashCode() * 31 + parameters.hashCode();
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? "SqlFilter(" + expression + ")"
                : "SqlFilter(" + expression + ", " + parameters + ")";
    }
}
