package dev.omnibus.client.admin.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Changes the properties of the messages a rule selects with statements in the Service Bus SQL action language,
 * such as {@code SET priority = 'high'; REMOVE tmp}. Not thread-safe.
 */
public final class SqlRuleAction extends RuleAction {
    private final String sqlExpression;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /**
     * @param sqlExpression the action's statements
     * @throws NullPointerException if {@code sqlExpression} is null
     * @throws IllegalArgumentException if it is empty
     */
    public SqlRuleAction(String sqlExpression) {
        this.sqlExpression = Checks.name(sqlExpression, "sqlExpression");
    }

    /** @return the action's statements */
    public String getSqlExpression() {
        return sqlExpression;
    }

    /**
     * The values of the statements' parameters, by name (with the {@code @}).
     *
     * @return the parameters; a live, modifiable map
     */
    public Map<String, Object> getParameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SqlRuleAction that && sqlExpression.equals(that.sqlExpression)
                && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sqlExpression, parameters);
    }

    @Override
    public String toString() {
        return "SqlRuleAction: " + sqlExpression + (parameters.isEmpty() ? "" : " " + parameters);
    }
}
