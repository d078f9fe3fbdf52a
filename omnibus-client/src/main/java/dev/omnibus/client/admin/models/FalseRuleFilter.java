package dev.omnibus.client.admin.models;

/** Selects no message: the SQL expression {@code 1=0}. */
public final class FalseRuleFilter extends SqlRuleFilter {
    /** The filter that selects no message. */
    public FalseRuleFilter() {
        super("1=0");
    }
}
