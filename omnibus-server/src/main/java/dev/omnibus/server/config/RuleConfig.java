package dev.omnibus.server.config;

import dev.omnibus.core.filter.Rule;

/**
 * One configured subscription rule.
 *
 * @param path where it is declared, for errors
 * @param rule the rule, its SQL already parsed
 */
public record RuleConfig(String path, Rule rule) {
}
