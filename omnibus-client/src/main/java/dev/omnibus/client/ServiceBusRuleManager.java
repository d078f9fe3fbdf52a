package dev.omnibus.client;

import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.implementation.Futures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Manages the rules of one subscription over AMQP, through the subscription's {@code $management} node (add-rule,
 * remove-rule, enumerate-rules), as the SDKs' rule managers do. Get one from
 * {@link ServiceBusClient#getRuleManager(String, String)}:
 *
 * <pre>{@code
 * try (ServiceBusRuleManager rules = client.getRuleManager("events", "audit")) {
 *     rules.deleteRule(RuleProperties.DEFAULT_RULE_NAME);                 // the $Default rule takes everything
 *     rules.createRule("red", new SqlRuleFilter("color = 'red'"), new SqlRuleAction("SET audited = true"));
 *     rules.createRule("orders", new CorrelationRuleFilter().setLabel("order"));
 *     for (RuleProperties rule : rules.listRules()) { ... }
 * }
 * }</pre>
 *
 * <p>Filters and actions are the administration client's models ({@code dev.omnibus.client.admin.models}):
 * {@code SqlRuleFilter}, {@code TrueRuleFilter}, {@code FalseRuleFilter}, {@code CorrelationRuleFilter},
 * {@code SqlRuleAction}, {@code EmptyRuleAction}. The protocol has no field for SQL parameters: a filter or action
 * with parameters is refused ({@code IllegalArgumentException}); the administration client can create such rules.
 * Blocking calls wait at most as long as the client's retry options allow. Thread-safe.
 */
public final class ServiceBusRuleManager implements AutoCloseable {
    private final ServiceBusAsyncRuleManager async;
    private final Duration operationWait;

    ServiceBusRuleManager(ServiceBusAsyncRuleManager async, Duration operationWait) {
        this.async = async;
        this.operationWait = operationWait;
    }

    /**
     * Adds a rule with a filter and no action.
     *
     * @param ruleName the rule's name, unique in the subscription
     * @param filter which messages the rule selects
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if the name is taken
     * @throws dev.omnibus.client.exceptions.ServiceBusException with the parser's message if the SQL is invalid
     * @throws IllegalArgumentException if the filter has parameters
     */
    public void createRule(String ruleName, RuleFilter filter) {
        await(async.createRule(ruleName, filter), "create rule " + ruleName);
    }

    /**
     * Adds a rule with a filter and an action, which changes the copies of the messages the filter selects.
     *
     * @param ruleName the rule's name, unique in the subscription
     * @param filter which messages the rule selects
     * @param action what it changes in them; null for nothing
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if the name is taken
     * @throws IllegalArgumentException if the filter or action has parameters
     */
    public void createRule(String ruleName, RuleFilter filter, RuleAction action) {
        await(async.createRule(ruleName, filter, action), "create rule " + ruleName);
    }

    /**
     * Adds a rule with the filter and action of {@code options}.
     *
     * @param ruleName the rule's name, unique in the subscription
     * @param options the filter and action
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if the name is taken
     * @throws IllegalArgumentException if the filter or action has parameters
     */
    public void createRule(String ruleName, CreateRuleOptions options) {
        await(async.createRule(ruleName, options), "create rule " + ruleName);
    }

    /**
     * Removes a rule. A subscription without rules receives nothing.
     *
     * @param ruleName the rule's name (the subscription's first rule is {@link RuleProperties#DEFAULT_RULE_NAME})
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is no such rule
     */
    public void deleteRule(String ruleName) {
        await(async.deleteRule(ruleName), "delete rule " + ruleName);
    }

    /**
     * Lists the subscription's rules.
     *
     * @return every rule with its filter and action ({@code EmptyRuleAction} when it has none), possibly none
     */
    public List<RuleProperties> listRules() {
        return await(async.listRules(), "list rules");
    }

    /** @return the subscription's path, {@code topic/Subscriptions/subscription} */
    public String getEntityPath() {
        return async.getEntityPath();
    }

    /** @return the asynchronous view of this rule manager */
    public ServiceBusAsyncRuleManager getAsyncRuleManager() {
        return async;
    }

    /** Detaches the rule manager's links. Idempotent. */
    @Override
    public void close() {
        async.close();
    }

    private <T> T await(CompletableFuture<T> future, String operation) {
        return Futures.await(future, operationWait, operation + " on " + getEntityPath());
    }
}
