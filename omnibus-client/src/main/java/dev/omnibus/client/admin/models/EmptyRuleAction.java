package dev.omnibus.client.admin.models;

/** The action that changes nothing: what a rule without an action has. */
public final class EmptyRuleAction extends RuleAction {
    /** The empty action. */
    public EmptyRuleAction() {
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmptyRuleAction;
    }

    @Override
    public int hashCode() {
        return EmptyRuleAction.class.hashCode();
    }

    @Override
    public String toString() {
        return "EmptyRuleAction";
    }
}
