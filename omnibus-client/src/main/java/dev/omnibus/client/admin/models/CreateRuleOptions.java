package dev.omnibus.client.admin.models;

import java.util.Objects;

/**
 * The filter and action of a rule to create. By default the filter selects every message ({@link TrueRuleFilter})
 * and the action changes nothing ({@link EmptyRuleAction}):
 *
 * <pre>{@code
 * admin.createRule("events", "audit", "red-only", new CreateRuleOptions(new SqlRuleFilter("color = 'red'"))
 *         .setAction(new SqlRuleAction("SET audited = true")));
 * }</pre>
 *
 * Not thread-safe.
 */
public final class CreateRuleOptions {
    private RuleFilter filter;
    private RuleAction action = new EmptyRuleAction();

    /** Options with the filter that selects every message and no action. */
    public CreateRuleOptions() {
        this(new TrueRuleFilter());
    }

    /**
     * @param filter the rule's filter
     * @throws NullPointerException if {@code filter} is null
     */
    public CreateRuleOptions(RuleFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /**
     * Options with the filter and action of an existing rule.
     *
     * @param rule the rule to copy
     * @throws NullPointerException if {@code rule} is null
     */
    public CreateRuleOptions(RuleProperties rule) {
        Objects.requireNonNull(rule, "rule");
        this.filter = rule.getFilter();
        this.action = rule.getAction();
    }

    /** @return the rule's filter */
    public RuleFilter getFilter() {
        return filter;
    }

    /**
     * @param filter the rule's filter
     * @return these options
     * @throws NullPointerException if {@code filter} is null
     */
    public CreateRuleOptions setFilter(RuleFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
        return this;
    }

    /** @return the rule's action */
    public RuleAction getAction() {
        return action;
    }

    /**
     * @param action the rule's action; null means {@link EmptyRuleAction}
     * @return these options
     */
    public CreateRuleOptions setAction(RuleAction action) {
        this.action = action == null ? new EmptyRuleAction() : action;
        return this;
    }
}
