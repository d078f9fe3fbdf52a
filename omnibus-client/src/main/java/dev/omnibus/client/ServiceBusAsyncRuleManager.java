package dev.omnibus.client;

import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.EmptyRuleAction;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.RuleManagerCore;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Manages the rules of one subscription over AMQP, asynchronously: the twin of {@link ServiceBusRuleManager}. Get one
 * from {@link ServiceBusAsyncClient#getRuleManager(String, String)}. Filters and actions are the administration
 * client's models ({@code dev.omnibus.client.admin.models}). Futures complete on the client's callback threads;
 * failures are the client's exceptions. Thread-safe.
 */
public final class ServiceBusAsyncRuleManager implements AutoCloseable {
    private final RuleManagerCore core;
    private final ServiceBusAsyncClient client;

    ServiceBusAsyncRuleManager(RuleManagerCore core, ServiceBusAsyncClient client) {
        this.core = core;
        this.client = client;
    }

    /**
     * Adds a rule with a filter and no action.
     *
     * @param ruleName the rule's name, unique in the subscription
     * @param filter which messages the rule selects
     * @return completes when the service has added it; fails with {@code MessagingEntityAlreadyExistsException} if
     *         the name is taken, or a {@code ServiceBusException} with the parser's message for invalid SQL
     * @throws IllegalArgumentException if the filter has parameters (the protocol cannot carry them)
     */
    public CompletableFuture<Void> createRule(String ruleName, RuleFilter filter) {
        return createRule(ruleName, filter, new EmptyRuleAction());
    }

    /**
     * Adds a rule with a filter and an action, which changes the copies of the messages the filter selects.
     *
     * @param ruleName the rule's name, unique in the subscription
     * @param filter which messages the rule selects
     * @param action what it changes in them; null or {@link EmptyRuleAction} for nothing
     * @return completes when the service has added it
     * @throws IllegalArgumentException if the filter or action has parameters (the protocol cannot carry them)
     */
    public CompletableFuture<Void> createRule(String ruleName, RuleFilter filter, RuleAction action) {
        checkName(ruleName);
        Objects.requireNonNull(filter, "filter");
        return user(core.createRule(ruleName, filter, action == null ? new EmptyRuleAction() : action));
    }

    /**
     * Adds a rule with the filter and action of {@code options}.
     *
     * @param ruleName the rule's name, unique in the subscription
     * @param options the filter and action
     * @return completes when the service has added it
     * @throws IllegalArgumentException if the filter or action has parameters (the protocol cannot carry them)
     */
    public CompletableFuture<Void> createRule(String ruleName, CreateRuleOptions options) {
        Objects.requireNonNull(options, "options");
        return createRule(ruleName, options.getFilter(), options.getAction());
    }

    /**
     * Removes a rule. A subscription without rules receives nothing.
     *
     * @param ruleName the rule's name (the subscription's first rule is {@link RuleProperties#DEFAULT_RULE_NAME})
     * @return completes when the service has removed it; fails with {@code MessagingEntityNotFoundException} if
     *         there is no such rule
     */
    public CompletableFuture<Void> deleteRule(String ruleName) {
        checkName(ruleName);
        return user(core.deleteRule(ruleName));
    }

    /**
     * Lists the subscription's rules.
     *
     * @return every rule with its filter and action ({@link EmptyRuleAction} when it has none), possibly none
     */
    public CompletableFuture<List<RuleProperties>> listRules() {
        return user(core.listRules());
    }

    /** @return the subscription's path, {@code topic/Subscriptions/subscription} */
    public String getEntityPath() {
        return core.subscriptionPath();
    }

    /** Detaches the rule manager's links. Idempotent. */
    @Override
    public void close() {
        core.close();
        client.forget(this);
    }

    private <T> CompletableFuture<T> user(CompletableFuture<T> internal) {
        return Futures.toUser(internal, client.connections().callbacks());
    }

    private static void checkName(String ruleName) {
        Objects.requireNonNull(ruleName, "ruleName");
        if (ruleName.isBlank()) {
            throw new IllegalArgumentException("The rule name is empty");
        }
    }
}
