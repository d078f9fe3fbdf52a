package dev.omnibus.core.filter;

/** The filter that selects every message: the SQL filter {@code 1=1}, and the filter of the {@code $Default} rule. */
public final class TrueFilter implements SqlExpressionFilter {
    /** The expression the SDKs send for a TrueFilter. */
    public static final String EXPRESSION = "1=1";
    /** The only instance. */
    public static final TrueFilter INSTANCE = new TrueFilter();

    private TrueFilter() {
    }

    @Override
    public boolean matches(Filterable message) {
        return true;
    }

    @Override
    public String expression() {
        return EXPRESSION;
    }

    @Override
    public String toString() {
        return "TrueFilter(" + EXPRESSION + ")";
    }
}
