package dev.omnibus.core.filter;

import java.util.Objects;

/**
 * A subscription rule: a name, a filter, and optionally an action run on the copies the filter selects.
 *
 * <p>Rules without an action all lead to one copy of a message however many of them match; each matching rule with
 * an action makes its own copy, which carries a {@code RuleName} property with the rule's name (doc "Topic filters
 * and actions"). A new subscription starts with {@link #DEFAULT}.
 *
 * @param name the rule name, unique within its subscription (the broker compares names ignoring case)
 * @param filter the filter
 * @param action the action, or null for none ({@code EmptyRuleAction} on the wire)
 */
public record Rule(String name, Filter filter, SqlRuleAction action) {
    /** The name of the rule every new subscription starts with. */
    public static final String DEFAULT_NAME = "$Default";
    /** The longest rule name Service Bus accepts (the SDKs check 50 characters). */
    public static final int MAX_NAME_LENGTH = 50;
    /** {@code $Default} with the {@link TrueFilter} and no action. */
    public static final Rule DEFAULT = new Rule(DEFAULT_NAME, TrueFilter.INSTANCE, null);

    /**
     * Validates the rule.
     *
     * @throws IllegalArgumentException when the name is empty or longer than {@link #MAX_NAME_LENGTH}
     */
    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(filter, "filter");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A rule name must have 1 to " + MAX_NAME_LENGTH
                    + " characters: '" + name + "'");
        }
    }

    /** A rule without an action. */
    public Rule(String name, Filter filter) {
        this(name, filter, null);
    }

    /** Whether the rule has an action (and so makes its own copy of each message it selects). */
    public boolean hasAction() {
        return action != null;
    }
}
