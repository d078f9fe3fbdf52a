package dev.omnibus.client.admin.models;

/**
 * Decides which messages a subscription rule selects: a {@link SqlRuleFilter} (with {@link TrueRuleFilter} and
 * {@link FalseRuleFilter}) or a {@link CorrelationRuleFilter}.
 */
public abstract sealed class RuleFilter permits SqlRuleFilter, CorrelationRuleFilter {
    RuleFilter() {
    }
}
