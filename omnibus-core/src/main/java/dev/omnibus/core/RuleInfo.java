package dev.omnibus.core;

import dev.omnibus.core.filter.Rule;
import java.time.Instant;

/** A subscription rule as the namespace reports it. */
public record RuleInfo(Rule rule, Instant createdAt) {
    public String name() {
        return rule.name();
    }
}
