package dev.omnibus.core.filter;

/** The filter that selects no message: the SQL filter {@code 1=0}. */
public final class FalseFilter implements SqlExpressionFilter {
    /** The expression the SDKs send for a FalseFilter. */
    public static final String EXPRESSION = "1=0";
    /** The only instance. */
    public static final FalseFilter INSTANCE = new FalseFilter();

    private FalseFilter() {
    }

    @Override
    public boolean matches(Filterable message) {
        return false;
    }

    @Override
    public String expression() {
        return EXPRESSION;
    }

    @Override
    public String toString() {
        return "FalseFilter(" + EXPRESSION + ")";
    }
}
