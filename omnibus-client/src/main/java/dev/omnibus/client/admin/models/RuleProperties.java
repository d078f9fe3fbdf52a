package dev.omnibus.client.admin.models;

import java.util.Objects;

/**
 * A subscription rule as the service describes it: its name, filter and action. Get one from {@code getRule},
 * {@code createRule} or {@code listRules}; change the filter or action and pass it to {@code updateRule}. Not
 * thread-safe.
 */
public final class RuleProperties {
    /** The name of the rule every new subscription starts with. */
    public static final String DEFAULT_RULE_NAME = "$Default";

    private final String name;
    private RuleFilter filter;
    private RuleAction action;

    RuleProperties(String name, RuleFilter filter, RuleAction action) {
        this.name = name;
        this.filter = filter;
        this.action = action;
    }

    /** @return the rule's name */
    public String getName() {
        return name;
    }

    /** @return the rule's filter */
    public RuleFilter getFilter() {
        return filter;
    }

    /**
     * @param filter the rule's filter
     * @return this object
     * @throws NullPointerException if {@code filter} is null
     */
    public RuleProperties setFilter(RuleFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
        return this;
    }

    /** @return the rule's action, {@link EmptyRuleAction} when it has none */
    public RuleAction getAction() {
        return action;
    }

    /**
     * @param action the rule's action; null means {@link EmptyRuleAction}
     * @return this object
     */
    public RuleProperties setAction(RuleAction action) {
        this.action = action == null ? new EmptyRuleAction() : action;
        return this;
    }

    @Override
    public String toString() {
        return "RuleProperties{name=" + name + ", filter=" + filter + ", action=" + action + "}";
    }
}
