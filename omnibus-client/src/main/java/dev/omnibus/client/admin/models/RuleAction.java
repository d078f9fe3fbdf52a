package dev.omnibus.client.admin.models;

/**
 * What a subscription rule does to the messages its filter selects: a {@link SqlRuleAction} changes their
 * properties, an {@link EmptyRuleAction} leaves them alone.
 */
public abstract sealed class RuleAction permits SqlRuleAction, EmptyRuleAction {
    RuleAction() {
    }
}
