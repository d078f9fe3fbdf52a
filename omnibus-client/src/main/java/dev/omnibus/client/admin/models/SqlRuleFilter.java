package dev.omnibus.client.admin.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Selects messages with an expression in the Service Bus SQL filter language, such as
 * {@code color = 'red' AND quantity > @min}; parameters ({@code @min}) are given in {@link #getParameters()}.
 * The service checks the expression when the rule is created. Not thread-safe.
 */
public sealed class SqlRuleFilter extends RuleFilter permits TrueRuleFilter, FalseRuleFilter {
    private final String sqlExpression;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /**
     * @param sqlExpression the filter expression
     * @throws NullPointerException if {@code sqlExpression} is null
     * @throws IllegalArgumentException if it is empty
     */
    public SqlRuleFilter(String sqlExpression) {
        this.sqlExpression = Checks.name(sqlExpression, "sqlExpression");
    }

    /** @return the filter expression */
    public String getSqlExpression() {
        return sqlExpression;
    }

    /**
     * The values of the expression's parameters, by name (with the {@code @}). Values are strings, numbers
     * ({@code Integer}, {@code Long}, {@code Double}), booleans, {@code OffsetDateTime}s or {@code Duration}s.
     *
     * @return the parameters; a live, modifiable map
     */
    public Map<String, Object> getParameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SqlRuleFilter that && other.getClass() == getClass()
                && sqlExpression.equals(that.sqlExpression) && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sqlExpression, parameters);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + ": " + sqlExpression + (parameters.isEmpty() ? "" : " " + parameters);
    }
}
