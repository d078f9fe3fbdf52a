package dev.omnibus.client.admin;

import dev.omnibus.client.admin.models.CreateQueueOptions;
import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.CreateSubscriptionOptions;
import dev.omnibus.client.admin.models.CreateTopicOptions;
import dev.omnibus.client.admin.models.NamespaceProperties;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.admin.models.QueueRuntimeProperties;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SubscriptionProperties;
import dev.omnibus.client.admin.models.SubscriptionRuntimeProperties;
import dev.omnibus.client.admin.models.TopicProperties;
import dev.omnibus.client.admin.models.TopicRuntimeProperties;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import dev.omnibus.client.implementation.admin.AdminConfig;
import dev.omnibus.client.implementation.admin.AdminCore;
import dev.omnibus.client.implementation.admin.Paths;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous twin of {@link ServiceBusAdministrationClient}: the same operations, returning
 * {@link CompletableFuture}s. Futures complete on the client's own threads, so continuations may block; they fail
 * with the client's exceptions ({@code dev.omnibus.client.exceptions}), after transient failures were retried as the
 * retry options allow. Invalid arguments throw at once, on the caller's thread.
 *
 * <pre>{@code
 * try (ServiceBusAdministrationAsyncClient admin = new ServiceBusAdministrationClientBuilder()
 *         .connectionString(connectionString).buildAsyncClient()) {
 *     admin.createQueue("orders", new CreateQueueOptions().setMaxDeliveryCount(5))
 *          .thenAccept(queue -> System.out.println(queue.getName()))
 *          .join();
 * }
 * }</pre>
 *
 * Thread-safe. Close it when done: that stops its threads.
 */
public final class ServiceBusAdministrationAsyncClient implements AutoCloseable {
    private final AdminCore core;

    ServiceBusAdministrationAsyncClient(AdminConfig config) {
        this.core = new AdminCore(config);
    }

    AdminCore core() {
        return core;
    }

    // ---- queues ----------------------------------------------------------------------------------------------

    /**
     * Creates a queue with the Service Bus defaults.
     *
     * @param queueName the queue's name (its path: {@code a/b} is allowed)
     * @return the queue as the service created it; fails with {@code MessagingEntityAlreadyExistsException} if a queue
     *         or topic of that name exists
     * @throws NullPointerException if {@code queueName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<QueueProperties> createQueue(String queueName) {
        return createQueue(queueName, new CreateQueueOptions());
    }

    /**
     * Creates a queue.
     *
     * @param queueName the queue's name
     * @param options its properties
     * @return the queue as the service created it; fails with {@code MessagingEntityAlreadyExistsException} if it
     *         exists
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is empty
     */
    public CompletableFuture<QueueProperties> createQueue(String queueName, CreateQueueOptions options) {
        name(queueName, "queueName");
        Objects.requireNonNull(options, "options");
        return user(core.createQueue(queueName, options));
    }

    /**
     * Gets a queue's properties.
     *
     * @param queueName the queue
     * @return the queue; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if {@code queueName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<QueueProperties> getQueue(String queueName) {
        return user(core.getQueue(name(queueName, "queueName")));
    }

    /**
     * Gets a queue's message counts, size and times.
     *
     * @param queueName the queue
     * @return its runtime properties; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if {@code queueName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<QueueRuntimeProperties> getQueueRuntimeProperties(String queueName) {
        return user(core.getQueueRuntime(name(queueName, "queueName")));
    }

    /**
     * Whether a queue exists.
     *
     * @param queueName the queue
     * @return true if it exists, false if not (a topic of that name is not a queue)
     * @throws NullPointerException if {@code queueName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<Boolean> queueExists(String queueName) {
        return exists(core.getQueue(name(queueName, "queueName")));
    }

    /**
     * Lists every queue of the namespace, page after page.
     *
     * @return the queues, in the service's order
     */
    public CompletableFuture<List<QueueProperties>> listQueues() {
        checkOpen();
        return user(core.all(core.queues()));
    }

    /**
     * Lists the runtime properties of every queue.
     *
     * @return their counts, sizes and times
     */
    public CompletableFuture<List<QueueRuntimeProperties>> listQueuesRuntimeProperties() {
        checkOpen();
        return user(core.all(core.queueRuntimes()));
    }

    /**
     * Replaces a queue's changeable properties with those of {@code queue} (get it, change it, update it).
     *
     * @param queue the queue with its new properties
     * @return the queue as the service now has it; fails with {@code MessagingEntityNotFoundException} if it is gone
     * @throws NullPointerException if {@code queue} is null
     */
    public CompletableFuture<QueueProperties> updateQueue(QueueProperties queue) {
        checkOpen();
        Objects.requireNonNull(queue, "queue");
        return user(core.updateQueue(queue));
    }

    /**
     * Deletes a queue and its messages.
     *
     * @param queueName the queue
     * @return completes when it is deleted; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if {@code queueName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<Void> deleteQueue(String queueName) {
        return user(core.delete(name(queueName, "queueName"), "queue '" + queueName + "'"));
    }

    // ---- topics ----------------------------------------------------------------------------------------------

    /**
     * Creates a topic with the Service Bus defaults.
     *
     * @param topicName the topic's name
     * @return the topic as the service created it; fails with {@code MessagingEntityAlreadyExistsException} if it
     *         exists
     * @throws NullPointerException if {@code topicName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<TopicProperties> createTopic(String topicName) {
        return createTopic(topicName, new CreateTopicOptions());
    }

    /**
     * Creates a topic.
     *
     * @param topicName the topic's name
     * @param options its properties
     * @return the topic as the service created it; fails with {@code MessagingEntityAlreadyExistsException} if it
     *         exists
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is empty
     */
    public CompletableFuture<TopicProperties> createTopic(String topicName, CreateTopicOptions options) {
        name(topicName, "topicName");
        Objects.requireNonNull(options, "options");
        return user(core.createTopic(topicName, options));
    }

    /**
     * Gets a topic's properties.
     *
     * @param topicName the topic
     * @return the topic; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if {@code topicName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<TopicProperties> getTopic(String topicName) {
        return user(core.getTopic(name(topicName, "topicName")));
    }

    /**
     * Gets a topic's size, subscription count and times.
     *
     * @param topicName the topic
     * @return its runtime properties; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if {@code topicName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<TopicRuntimeProperties> getTopicRuntimeProperties(String topicName) {
        return user(core.getTopicRuntime(name(topicName, "topicName")));
    }

    /**
     * Whether a topic exists.
     *
     * @param topicName the topic
     * @return true if it exists, false if not (a queue of that name is not a topic)
     * @throws NullPointerException if {@code topicName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<Boolean> topicExists(String topicName) {
        return exists(core.getTopic(name(topicName, "topicName")));
    }

    /**
     * Lists every topic of the namespace.
     *
     * @return the topics
     */
    public CompletableFuture<List<TopicProperties>> listTopics() {
        checkOpen();
        return user(core.all(core.topics()));
    }

    /**
     * Lists the runtime properties of every topic.
     *
     * @return their sizes, subscription counts and times
     */
    public CompletableFuture<List<TopicRuntimeProperties>> listTopicsRuntimeProperties() {
        checkOpen();
        return user(core.all(core.topicRuntimes()));
    }

    /**
     * Replaces a topic's changeable properties with those of {@code topic}.
     *
     * @param topic the topic with its new properties
     * @return the topic as the service now has it
     * @throws NullPointerException if {@code topic} is null
     */
    public CompletableFuture<TopicProperties> updateTopic(TopicProperties topic) {
        checkOpen();
        Objects.requireNonNull(topic, "topic");
        return user(core.updateTopic(topic));
    }

    /**
     * Deletes a topic with its subscriptions and their messages.
     *
     * @param topicName the topic
     * @return completes when it is deleted; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if {@code topicName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<Void> deleteTopic(String topicName) {
        return user(core.delete(name(topicName, "topicName"), "topic '" + topicName + "'"));
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------

    /**
     * Creates a subscription with the Service Bus defaults; it starts with the {@code $Default} rule, which selects
     * every message.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription's name
     * @return the subscription as the service created it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<SubscriptionProperties> createSubscription(String topicName, String subscriptionName) {
        return createSubscription(topicName, subscriptionName, new CreateSubscriptionOptions());
    }

    /**
     * Creates a subscription; it starts with the {@code $Default} rule, which selects every message.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription's name
     * @param options its properties
     * @return the subscription as the service created it; fails with {@code MessagingEntityNotFoundException} if the
     *         topic does not exist, {@code MessagingEntityAlreadyExistsException} if the subscription does
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<SubscriptionProperties> createSubscription(String topicName, String subscriptionName,
                                                                        CreateSubscriptionOptions options) {
        checkSubscription(topicName, subscriptionName);
        Objects.requireNonNull(options, "options");
        return user(core.createSubscription(topicName, subscriptionName, options, null, null));
    }

    /**
     * Creates a subscription whose {@code $Default} rule has the given filter and action instead of selecting every
     * message.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription's name
     * @param options its properties
     * @param defaultRule the filter and action of its {@code $Default} rule
     * @return the subscription as the service created it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<SubscriptionProperties> createSubscription(String topicName, String subscriptionName,
                                                                        CreateSubscriptionOptions options,
                                                                        CreateRuleOptions defaultRule) {
        return createSubscription(topicName, subscriptionName, RuleProperties.DEFAULT_RULE_NAME, options,
                defaultRule);
    }

    /**
     * Creates a subscription that starts with one rule of the given name, filter and action instead of
     * {@code $Default}.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription's name
     * @param ruleName the name of its first rule
     * @param options its properties
     * @param ruleOptions the filter and action of its first rule
     * @return the subscription as the service created it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<SubscriptionProperties> createSubscription(String topicName, String subscriptionName,
                                                                        String ruleName,
                                                                        CreateSubscriptionOptions options,
                                                                        CreateRuleOptions ruleOptions) {
        checkSubscription(topicName, subscriptionName);
        name(ruleName, "ruleName");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(ruleOptions, "ruleOptions");
        return user(core.createSubscription(topicName, subscriptionName, options, ruleName, ruleOptions));
    }

    /**
     * Gets a subscription's properties.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return the subscription; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<SubscriptionProperties> getSubscription(String topicName, String subscriptionName) {
        checkSubscription(topicName, subscriptionName);
        return user(core.getSubscription(topicName, subscriptionName));
    }

    /**
     * Gets a subscription's message counts and times.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return its runtime properties; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<SubscriptionRuntimeProperties> getSubscriptionRuntimeProperties(
            String topicName, String subscriptionName) {
        checkSubscription(topicName, subscriptionName);
        return user(core.getSubscriptionRuntime(topicName, subscriptionName));
    }

    /**
     * Whether a subscription exists.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return true if it exists, false if it (or its topic) does not
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<Boolean> subscriptionExists(String topicName, String subscriptionName) {
        checkSubscription(topicName, subscriptionName);
        return exists(core.getSubscription(topicName, subscriptionName));
    }

    /**
     * Lists every subscription of a topic.
     *
     * @param topicName the topic
     * @return the subscriptions; fails with {@code MessagingEntityNotFoundException} if the topic does not exist
     * @throws NullPointerException if {@code topicName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<List<SubscriptionProperties>> listSubscriptions(String topicName) {
        return user(core.all(core.subscriptions(name(topicName, "topicName"))));
    }

    /**
     * Lists the runtime properties of every subscription of a topic.
     *
     * @param topicName the topic
     * @return their counts and times
     * @throws NullPointerException if {@code topicName} is null
     * @throws IllegalArgumentException if it is empty
     */
    public CompletableFuture<List<SubscriptionRuntimeProperties>> listSubscriptionsRuntimeProperties(
            String topicName) {
        return user(core.all(core.subscriptionRuntimes(name(topicName, "topicName"))));
    }

    /**
     * Replaces a subscription's changeable properties with those of {@code subscription}.
     *
     * @param subscription the subscription with its new properties
     * @return the subscription as the service now has it
     * @throws NullPointerException if {@code subscription} is null
     */
    public CompletableFuture<SubscriptionProperties> updateSubscription(SubscriptionProperties subscription) {
        checkOpen();
        Objects.requireNonNull(subscription, "subscription");
        return user(core.updateSubscription(subscription));
    }

    /**
     * Deletes a subscription and its messages.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return completes when it is deleted; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<Void> deleteSubscription(String topicName, String subscriptionName) {
        checkSubscription(topicName, subscriptionName);
        return user(core.delete(Paths.subscription(topicName, subscriptionName),
                "subscription '" + subscriptionName + "' of topic '" + topicName + "'"));
    }

    // ---- rules -----------------------------------------------------------------------------------------------

    /**
     * Adds a rule that selects every message to a subscription.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param ruleName the rule's name
     * @return the rule as the service created it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<RuleProperties> createRule(String topicName, String subscriptionName, String ruleName) {
        return createRule(topicName, subscriptionName, ruleName, new CreateRuleOptions());
    }

    /**
     * Adds a rule to a subscription. A message the subscription's rules select is delivered to it once, except that
     * each selecting rule with an action delivers its own, changed copy.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param ruleName the rule's name
     * @param options its filter and action
     * @return the rule as the service created it; fails with {@code MessagingEntityAlreadyExistsException} if the
     *         subscription has a rule of that name, or a {@code ServiceBusException} naming the error if the SQL is
     *         invalid
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<RuleProperties> createRule(String topicName, String subscriptionName, String ruleName,
                                                        CreateRuleOptions options) {
        checkRule(topicName, subscriptionName, ruleName);
        Objects.requireNonNull(options, "options");
        return user(core.createRule(topicName, subscriptionName, ruleName, options));
    }

    /**
     * Gets a rule.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param ruleName the rule
     * @return the rule; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<RuleProperties> getRule(String topicName, String subscriptionName, String ruleName) {
        checkRule(topicName, subscriptionName, ruleName);
        return user(core.getRule(topicName, subscriptionName, ruleName));
    }

    /**
     * Lists the rules of a subscription.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return its rules
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<List<RuleProperties>> listRules(String topicName, String subscriptionName) {
        checkSubscription(topicName, subscriptionName);
        return user(core.all(core.rules(topicName, subscriptionName)));
    }

    /**
     * Replaces a rule's filter and action with those of {@code rule}.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param rule the rule with its new filter and action
     * @return the rule as the service now has it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<RuleProperties> updateRule(String topicName, String subscriptionName,
                                                        RuleProperties rule) {
        checkSubscription(topicName, subscriptionName);
        checkOpen();
        Objects.requireNonNull(rule, "rule");
        return user(core.updateRule(topicName, subscriptionName, rule));
    }

    /**
     * Deletes a rule.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param ruleName the rule
     * @return completes when it is deleted; fails with {@code MessagingEntityNotFoundException} if there is none
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public CompletableFuture<Void> deleteRule(String topicName, String subscriptionName, String ruleName) {
        checkRule(topicName, subscriptionName, ruleName);
        return user(core.delete(Paths.rule(topicName, subscriptionName, ruleName),
                "rule '" + ruleName + "' of subscription '" + topicName + "/" + subscriptionName + "'"));
    }

    // ---- namespace -------------------------------------------------------------------------------------------

    /**
     * Gets what the service says about the namespace: its name, tier and times.
     *
     * @return the namespace's properties
     */
    public CompletableFuture<NamespaceProperties> getNamespaceProperties() {
        checkOpen();
        return user(core.getNamespace());
    }

    /** @return the base URL management requests go to */
    public String getEndpoint() {
        return core.config().endpoint().toString();
    }

    /** Stops the client's threads; operations in flight fail. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private <T> CompletableFuture<T> user(CompletableFuture<T> internal) {
        return Futures.toUser(internal, core.callbacks());
    }

    private CompletableFuture<Boolean> exists(CompletableFuture<?> lookup) {
        return user(lookup.handle((found, error) -> {
            if (error == null) {
                return true;
            }
            RuntimeException failure = ServiceBusExceptions.unwrap(error);
            if (failure instanceof MessagingEntityNotFoundException) {
                return false;
            }
            throw failure;
        }));
    }

    void checkOpen() {
        if (core.isClosed()) {
            throw new IllegalStateException("The administration client is closed");
        }
    }

    String name(String value, String what) {
        checkOpen();
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    void checkSubscription(String topicName, String subscriptionName) {
        name(topicName, "topicName");
        name(subscriptionName, "subscriptionName");
    }

    private void checkRule(String topicName, String subscriptionName, String ruleName) {
        checkSubscription(topicName, subscriptionName);
        name(ruleName, "ruleName");
    }
}
