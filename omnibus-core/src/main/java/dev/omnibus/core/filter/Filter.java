package dev.omnibus.core.filter;

/**
 * A subscription rule's filter: decides whether a message sent to a topic is copied into the subscription.
 *
 * <p>The kinds are those of Service Bus (doc "Topic filters and actions"): SQL filters, the boolean filters
 * ({@link TrueFilter}, {@link FalseFilter}, which are SQL filters with fixed expressions) and
 * {@link CorrelationFilter}s. All are immutable and safe to evaluate from any thread.
 */
public sealed interface Filter permits SqlExpressionFilter, CorrelationFilter {

    /**
     * Whether the message passes the filter: only when the predicate is TRUE; FALSE and unknown do not pass.
     *
     * @param message the message
     * @return true when the message is selected
     * @throws FilterEvaluationException when evaluation fails (the broker may dead-letter the copy)
     */
    boolean matches(Filterable message);

    /**
     * The filter for a SQL expression as it arrives on the wire: the SDKs send {@code TrueFilter} and
     * {@code FalseFilter} as SQL filters {@code 1=1} and {@code 1=0}, which become {@link TrueFilter#INSTANCE} and
     * {@link FalseFilter#INSTANCE} here; anything else is parsed.
     *
     * @param expression the SQL filter expression
     * @return the filter
     * @throws FilterParseException when the expression is invalid
     */
    static SqlExpressionFilter fromSql(String expression) {
        String compact = expression == null ? null : expression.replaceAll("\\s+", "");
        if (TrueFilter.EXPRESSION.equals(compact)) {
            return TrueFilter.INSTANCE;
        }
        if (FalseFilter.EXPRESSION.equals(compact)) {
            return FalseFilter.INSTANCE;
        }
        return SqlFilter.parse(expression);
    }
}
