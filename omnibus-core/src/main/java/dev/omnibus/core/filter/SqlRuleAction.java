package dev.omnibus.core.filter;

import java.time.DateTimeException;
import java.util.List;
import java.util.Map;

/**
 * A rule action in the Service Bus SQL action language (doc "Subscription Rule SQL Action Syntax"): statements
 * {@code SET <property> = <expression>} and {@code REMOVE <property>}, each optionally followed by {@code ;} (or
 * {@code ,}), run in order against the subscription's copy of a matched message.
 *
 * <pre>{@code
 * SqlRuleAction a = SqlRuleAction.parse("SET quantity = quantity / 2; REMOVE priority; SET sys.CorrelationId = 'low'");
 * MessageChanges changes = a.apply(view);
 * }</pre>
 *
 * <p>Expressions follow the filter language. A user property that does not exist reads as unknown; a system
 * property that does not exist, or a read-only one as a target, is rejected when the action is parsed. Immutable
 * and safe to share between threads.
 */
public final class SqlRuleAction {
    /** The longest action expression Service Bus accepts (doc "Service Bus quotas"). */
    public static final int MAX_LENGTH = 1024;
    /** "Maximum number of expressions per rule action: 32" (doc "Service Bus quotas"), read as statements. */
    public static final int MAX_STATEMENTS = 32;

    private final String expression;
    private final Map<String, Object> parameters;
    private final List<ActionStatement> statements;

    private SqlRuleAction(String expression, Map<String, Object> parameters, List<ActionStatement> statements) {
        this.expression = expression;
        this.parameters = parameters;
        this.statements = statements;
    }

    /**
     * Parses an action expression.
     *
     * @param expression the statements, at most {@link #MAX_LENGTH} characters
     * @return the compiled action
     * @throws FilterParseException when the expression is invalid
     */
    public static SqlRuleAction parse(String expression) {
        return parse(expression, Map.of());
    }

    /**
     * Parses an action expression whose {@code @name} parameters take the given values.
     *
     * @param expression the statements, at most {@link #MAX_LENGTH} characters
     * @param parameters values by parameter name (see {@link SqlFilter#parse(String, Map)})
     * @return the compiled action
     * @throws FilterParseException when the expression is invalid or names a parameter without a value
     */
    public static SqlRuleAction parse(String expression, Map<String, ?> parameters) {
        Map<String, Object> params = SqlFilter.normalizeParameters(parameters);
        SqlFilter.checkLength("SQL rule action", expression, MAX_LENGTH);
        return new SqlRuleAction(expression, params, List.copyOf(
                Parser.parseAction(expression, params, MAX_STATEMENTS)));
    }

    /**
     * Runs the action against a message.
     *
     * @param message the matched message
     * @return the changes to make to the subscription's copy
     * @throws FilterEvaluationException when a statement fails (e.g. a value of the wrong type for a system property)
     */
    public MessageChanges apply(Filterable message) {
        MessageChanges changes = new MessageChanges(message);
        applyTo(changes);
        return changes;
    }

    /**
     * Runs the action on top of earlier changes.
     *
     * @param changes the changes so far; this action's changes are added to it
     * @throws FilterEvaluationException when a statement fails
     */
    public void applyTo(MessageChanges changes) {
        try {
            for (ActionStatement statement : statements) {
                statement.apply(changes);
            }
        } catch (ArithmeticException | DateTimeException e) {
            throw new FilterEvaluationException("Rule action failed: " + e.getMessage(), e);
        }
    }

    /** The expression, exactly as given. */
    public String expression() {
        return expression;
    }

    /** The bound parameters (empty when there are none). */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** Always {@link SqlExpressionFilter#COMPATIBILITY_LEVEL}. */
    public int compatibilityLevel() {
        return SqlExpressionFilter.COMPATIBILITY_LEVEL;
    }

    /** How many statements the action has. */
    public int statementCount() {
        return statements.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlRuleAction other && expression.equals(other.expression)
                && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return expression.hashCode() * 31 + parameters.hashCode();
    }

    @Override
    public String toString() {
        return "SqlRuleAction(" + expression + ")";
    }
}
