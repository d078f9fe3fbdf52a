package dev.omnibus.server.config;

import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.filter.Rule;
import java.util.List;

/**
 * One configured subscription.
 *
 * @param path where it is declared, for errors found while applying
 * @param description the definition over the Service Bus defaults, validated
 * @param rules its rules in document order; a subscription that declares none gets {@link Rule#DEFAULT}, as Service
 *     Bus gives a new subscription without rules ({@code subscription.3} of the emulator's sample receives everything)
 */
public record SubscriptionConfig(String path, SubscriptionDescription description, List<RuleConfig> rules) {
    public SubscriptionConfig {
        rules = List.copyOf(rules);
    }

    public String name() {
        return description.name();
    }

    /** The rules the subscription must end up with: the declared ones, or {@code $Default} when there are none. */
    public List<Rule> effectiveRules() {
        return rules.isEmpty() ? List.of(Rule.DEFAULT) : rules.stream().map(RuleConfig::rule).toList();
    }
}
