package dev.omnibus.core.filter;

/**
 * A filter written as a SQL expression: the form a {@code sql-filter} takes on the wire
 * ({@code {"expression": ..., "compatibility-level": 20}}).
 */
public sealed interface SqlExpressionFilter extends Filter permits SqlFilter, TrueFilter, FalseFilter {

    /** The compatibility level Service Bus reports for SQL filters and actions. */
    int COMPATIBILITY_LEVEL = 20;

    /** The expression: as given for a {@link SqlFilter}, {@code 1=1} / {@code 1=0} for the boolean filters. */
    String expression();

    /** Always {@link #COMPATIBILITY_LEVEL}. */
    default int compatibilityLevel() {
        return COMPATIBILITY_LEVEL;
    }
}
