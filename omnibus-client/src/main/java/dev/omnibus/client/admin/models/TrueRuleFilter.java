package dev.omnibus.client.admin.models;

/** Selects every message: the SQL expression {@code 1=1}. A subscription's {@code $Default} rule has this filter. */
public final class TrueRuleFilter extends SqlRuleFilter {
    /** The filter that selects every message. */
    public TrueRuleFilter() {
        super("1=1");
    }
}
