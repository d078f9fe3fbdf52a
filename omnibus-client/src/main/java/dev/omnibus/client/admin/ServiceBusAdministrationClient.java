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
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.admin.AdminCore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Creates, reads, updates, lists and deletes the queues, topics, subscriptions and rules of a Service Bus namespace
 * (Omnibus, the emulator, or Azure) through the management REST API, as the azure-servicebus administration client
 * does.
 *
 * <pre>{@code
 * try (ServiceBusAdministrationClient admin = ServiceBusAdministrationClient.fromConnectionString(connStr)) {
 *     admin.createQueue("orders", new CreateQueueOptions().setLockDuration(Duration.ofSeconds(30)));
 *     QueueRuntimeProperties counts = admin.getQueueRuntimeProperties("orders");
 *     admin.createTopic("events");
 *     admin.createSubscription("events", "audit");
 *     admin.createRule("events", "audit", "red", new CreateRuleOptions(new SqlRuleFilter("color = 'red'")));
 * }
 * }</pre>
 *
 * <p>Errors are the client's unchecked exceptions: {@code MessagingEntityNotFoundException} (404),
 * {@code MessagingEntityAlreadyExistsException} (409), {@code ServiceBusAuthorizationException} (401),
 * {@code ServiceBusServerBusyException} (503, 429), {@code OperationTimeoutException},
 * {@code ServiceBusCommunicationException} (no answer), and {@code ServiceBusException} with the service's
 * explanation for anything else (a 400 for an invalid property or SQL expression). Transient failures are retried
 * as the builder's {@code RetryOptions} say; no call blocks longer than all its tries and back-offs (one try lasts
 * at most the try timeout). Thread-safe; close it when done.
 */
public final class ServiceBusAdministrationClient implements AutoCloseable {
    private final ServiceBusAdministrationAsyncClient async;
    private final AdminCore core;

    ServiceBusAdministrationClient(ServiceBusAdministrationAsyncClient async) {
        this.async = async;
        this.core = async.core();
    }

    /**
     * A client for the namespace a connection string names.
     *
     * @param connectionString the connection string; with {@code UseDevelopmentEmulator=true} requests go to
     *                         {@code http://host:port} (port 5300 unless the endpoint names one)
     * @return the client
     * @throws IllegalArgumentException if the connection string is malformed
     */
    public static ServiceBusAdministrationClient fromConnectionString(String connectionString) {
        return new ServiceBusAdministrationClientBuilder().connectionString(connectionString).buildClient();
    }

    /**
     * A builder, for credentials, endpoints and retries beyond a connection string.
     *
     * @return a new builder
     */
    public static ServiceBusAdministrationClientBuilder builder() {
        return new ServiceBusAdministrationClientBuilder();
    }

    // ---- queues ----------------------------------------------------------------------------------------------

    /**
     * Creates a queue with the Service Bus defaults.
     *
     * @param queueName the queue's name (its path: {@code a/b} is allowed)
     * @return the queue as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if a queue or topic of that name
     *                                                                             exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if the name is empty
     */
    public QueueProperties createQueue(String queueName) {
        return await(async.createQueue(queueName), "Creating queue");
    }

    /**
     * Creates a queue.
     *
     * @param queueName the queue's name
     * @param options its properties
     * @return the queue as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if it exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure, e.g. a property out of range
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is empty
     */
    public QueueProperties createQueue(String queueName, CreateQueueOptions options) {
        return await(async.createQueue(queueName, options), "Creating queue");
    }

    /**
     * Gets a queue's properties.
     *
     * @param queueName the queue
     * @return the queue
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is none
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if the name is empty
     */
    public QueueProperties getQueue(String queueName) {
        return await(async.getQueue(queueName), "Getting queue");
    }

    /**
     * Gets a queue's message counts, size and times.
     *
     * @param queueName the queue
     * @return its runtime properties
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is none
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if the name is empty
     */
    public QueueRuntimeProperties getQueueRuntimeProperties(String queueName) {
        return await(async.getQueueRuntimeProperties(queueName), "Getting queue");
    }

    /**
     * Whether a queue exists.
     *
     * @param queueName the queue
     * @return true if it exists (a topic of that name is not a queue)
     * @throws dev.omnibus.client.exceptions.ServiceBusException if the service cannot say
     * @throws IllegalArgumentException if the name is empty
     */
    public boolean queueExists(String queueName) {
        return await(async.queueExists(queueName), "Checking queue");
    }

    /**
     * Lists every queue of the namespace, page after page.
     *
     * @return the queues
     * @throws dev.omnibus.client.exceptions.ServiceBusException if a page cannot be read
     */
    public List<QueueProperties> listQueues() {
        return all(core.queues(), "Listing queues");
    }

    /**
     * Lists the runtime properties of every queue.
     *
     * @return their counts, sizes and times
     * @throws dev.omnibus.client.exceptions.ServiceBusException if a page cannot be read
     */
    public List<QueueRuntimeProperties> listQueuesRuntimeProperties() {
        return all(core.queueRuntimes(), "Listing queues");
    }

    /**
     * Replaces a queue's changeable properties with those of {@code queue} (get it, change it, update it).
     *
     * @param queue the queue with its new properties
     * @return the queue as the service now has it
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if it is gone
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws NullPointerException if {@code queue} is null
     */
    public QueueProperties updateQueue(QueueProperties queue) {
        return await(async.updateQueue(queue), "Updating queue");
    }

    /**
     * Deletes a queue and its messages.
     *
     * @param queueName the queue
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is none
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if the name is empty
     */
    public void deleteQueue(String queueName) {
        await(async.deleteQueue(queueName), "Deleting queue");
    }

    // ---- topics ----------------------------------------------------------------------------------------------

    /**
     * Creates a topic with the Service Bus defaults.
     *
     * @param topicName the topic's name
     * @return the topic as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if it exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if the name is empty
     */
    public TopicProperties createTopic(String topicName) {
        return await(async.createTopic(topicName), "Creating topic");
    }

    /**
     * Creates a topic.
     *
     * @param topicName the topic's name
     * @param options its properties
     * @return the topic as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if it exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is empty
     */
    public TopicProperties createTopic(String topicName, CreateTopicOptions options) {
        return await(async.createTopic(topicName, options), "Creating topic");
    }

    /**
     * Gets a topic's properties.
     *
     * @param topicName the topic
     * @return the topic
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is none
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if the name is empty
     */
    public TopicProperties getTopic(String topicName) {
        return await(async.getTopic(topicName), "Getting topic");
    }

    /**
     * Gets a topic's size, subscription count and times.
     *
     * @param topicName the topic
     * @return its runtime properties
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is none
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if the name is empty
     */
    public TopicRuntimeProperties getTopicRuntimeProperties(String topicName) {
        return await(async.getTopicRuntimeProperties(topicName), "Getting topic");
    }

    /**
     * Whether a topic exists.
     *
     * @param topicName the topic
     * @return true if it exists (a queue of that name is not a topic)
     * @throws dev.omnibus.client.exceptions.ServiceBusException if the service cannot say
     * @throws IllegalArgumentException if the name is empty
     */
    public boolean topicExists(String topicName) {
        return await(async.topicExists(topicName), "Checking topic");
    }

    /**
     * Lists every topic of the namespace.
     *
     * @return the topics
     * @throws dev.omnibus.client.exceptions.ServiceBusException if a page cannot be read
     */
    public List<TopicProperties> listTopics() {
        return all(core.topics(), "Listing topics");
    }

    /**
     * Lists the runtime properties of every topic.
     *
     * @return their sizes, subscription counts and times
     * @throws dev.omnibus.client.exceptions.ServiceBusException if a page cannot be read
     */
    public List<TopicRuntimeProperties> listTopicsRuntimeProperties() {
        return all(core.topicRuntimes(), "Listing topics");
    }

    /**
     * Replaces a topic's changeable properties with those of {@code topic}.
     *
     * @param topic the topic with its new properties
     * @return the topic as the service now has it
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if it is gone
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws NullPointerException if {@code topic} is null
     */
    public TopicProperties updateTopic(TopicProperties topic) {
        return await(async.updateTopic(topic), "Updating topic");
    }

    /**
     * Deletes a topic with its subscriptions and their messages.
     *
     * @param topicName the topic
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is none
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if the name is empty
     */
    public void deleteTopic(String topicName) {
        await(async.deleteTopic(topicName), "Deleting topic");
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------

    /**
     * Creates a subscription with the Service Bus defaults and the {@code $Default} rule (every message).
     *
     * @param topicName the topic
     * @param subscriptionName the subscription's name
     * @return the subscription as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if the topic does not exist
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if the subscription exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if a name is empty
     */
    public SubscriptionProperties createSubscription(String topicName, String subscriptionName) {
        return await(async.createSubscription(topicName, subscriptionName), "Creating subscription");
    }

    /**
     * Creates a subscription with the {@code $Default} rule (every message).
     *
     * @param topicName the topic
     * @param subscriptionName the subscription's name
     * @param options its properties
     * @return the subscription as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if the topic does not exist
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if the subscription exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public SubscriptionProperties createSubscription(String topicName, String subscriptionName,
                                                     CreateSubscriptionOptions options) {
        return await(async.createSubscription(topicName, subscriptionName, options), "Creating subscription");
    }

    /**
     * Creates a subscription whose {@code $Default} rule has the given filter and action.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription's name
     * @param options its properties
     * @param defaultRule the filter and action of its {@code $Default} rule
     * @return the subscription as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if the topic does not exist
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if the subscription exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure, e.g. an invalid filter
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public SubscriptionProperties createSubscription(String topicName, String subscriptionName,
                                                     CreateSubscriptionOptions options, CreateRuleOptions defaultRule) {
        return await(async.createSubscription(topicName, subscriptionName, options, defaultRule),
                "Creating subscription");
    }

    /**
     * Creates a subscription that starts with one rule of the given name instead of {@code $Default}.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription's name
     * @param ruleName the name of its first rule
     * @param options its properties
     * @param ruleOptions the filter and action of its first rule
     * @return the subscription as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if the topic does not exist
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if the subscription exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public SubscriptionProperties createSubscription(String topicName, String subscriptionName, String ruleName,
                                                     CreateSubscriptionOptions options,
                                                     CreateRuleOptions ruleOptions) {
        return await(async.createSubscription(topicName, subscriptionName, ruleName, options, ruleOptions),
                "Creating subscription");
    }

    /**
     * Gets a subscription's properties.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return the subscription
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if it (or its topic) does not exist
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if a name is empty
     */
    public SubscriptionProperties getSubscription(String topicName, String subscriptionName) {
        return await(async.getSubscription(topicName, subscriptionName), "Getting subscription");
    }

    /**
     * Gets a subscription's message counts and times.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return its runtime properties
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if it does not exist
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if a name is empty
     */
    public SubscriptionRuntimeProperties getSubscriptionRuntimeProperties(String topicName,
                                                                          String subscriptionName) {
        return await(async.getSubscriptionRuntimeProperties(topicName, subscriptionName), "Getting subscription");
    }

    /**
     * Whether a subscription exists.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return true if it exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException if the service cannot say
     * @throws IllegalArgumentException if a name is empty
     */
    public boolean subscriptionExists(String topicName, String subscriptionName) {
        return await(async.subscriptionExists(topicName, subscriptionName), "Checking subscription");
    }

    /**
     * Lists every subscription of a topic.
     *
     * @param topicName the topic
     * @return the subscriptions
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if the topic does not exist
     * @throws dev.omnibus.client.exceptions.ServiceBusException if a page cannot be read
     * @throws IllegalArgumentException if the name is empty
     */
    public List<SubscriptionProperties> listSubscriptions(String topicName) {
        async.name(topicName, "topicName");
        return all(core.subscriptions(topicName), "Listing subscriptions");
    }

    /**
     * Lists the runtime properties of every subscription of a topic.
     *
     * @param topicName the topic
     * @return their counts and times
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if the topic does not exist
     * @throws dev.omnibus.client.exceptions.ServiceBusException if a page cannot be read
     * @throws IllegalArgumentException if the name is empty
     */
    public List<SubscriptionRuntimeProperties> listSubscriptionsRuntimeProperties(String topicName) {
        async.name(topicName, "topicName");
        return all(core.subscriptionRuntimes(topicName), "Listing subscriptions");
    }

    /**
     * Replaces a subscription's changeable properties with those of {@code subscription}.
     *
     * @param subscription the subscription with its new properties
     * @return the subscription as the service now has it
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if it is gone
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws NullPointerException if {@code subscription} is null
     */
    public SubscriptionProperties updateSubscription(SubscriptionProperties subscription) {
        return await(async.updateSubscription(subscription), "Updating subscription");
    }

    /**
     * Deletes a subscription and its messages.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if it does not exist
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if a name is empty
     */
    public void deleteSubscription(String topicName, String subscriptionName) {
        await(async.deleteSubscription(topicName, subscriptionName), "Deleting subscription");
    }

    // ---- rules -----------------------------------------------------------------------------------------------

    /**
     * Adds a rule that selects every message to a subscription.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param ruleName the rule's name
     * @return the rule as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if a rule of that name exists
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if a name is empty
     */
    public RuleProperties createRule(String topicName, String subscriptionName, String ruleName) {
        return await(async.createRule(topicName, subscriptionName, ruleName), "Creating rule");
    }

    /**
     * Adds a rule to a subscription.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param ruleName the rule's name
     * @param options its filter and action
     * @return the rule as the service created it
     * @throws dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException if a rule of that name exists
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if the subscription does not exist
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure, e.g. invalid SQL (the
     *                                                          message carries the service's explanation)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public RuleProperties createRule(String topicName, String subscriptionName, String ruleName,
                                     CreateRuleOptions options) {
        return await(async.createRule(topicName, subscriptionName, ruleName, options), "Creating rule");
    }

    /**
     * Gets a rule.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param ruleName the rule
     * @return the rule
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is none
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if a name is empty
     */
    public RuleProperties getRule(String topicName, String subscriptionName, String ruleName) {
        return await(async.getRule(topicName, subscriptionName, ruleName), "Getting rule");
    }

    /**
     * Lists the rules of a subscription.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return its rules
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if the subscription does not exist
     * @throws dev.omnibus.client.exceptions.ServiceBusException if a page cannot be read
     * @throws IllegalArgumentException if a name is empty
     */
    public List<RuleProperties> listRules(String topicName, String subscriptionName) {
        async.checkSubscription(topicName, subscriptionName);
        return all(core.rules(topicName, subscriptionName), "Listing rules");
    }

    /**
     * Replaces a rule's filter and action with those of {@code rule}.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param rule the rule with its new filter and action
     * @return the rule as the service now has it
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if it is gone
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is empty
     */
    public RuleProperties updateRule(String topicName, String subscriptionName, RuleProperties rule) {
        return await(async.updateRule(topicName, subscriptionName, rule), "Updating rule");
    }

    /**
     * Deletes a rule.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param ruleName the rule
     * @throws dev.omnibus.client.exceptions.MessagingEntityNotFoundException if there is none
     * @throws dev.omnibus.client.exceptions.ServiceBusException for any other failure
     * @throws IllegalArgumentException if a name is empty
     */
    public void deleteRule(String topicName, String subscriptionName, String ruleName) {
        await(async.deleteRule(topicName, subscriptionName, ruleName), "Deleting rule");
    }

    // ---- namespace -------------------------------------------------------------------------------------------

    /**
     * Gets what the service says about the namespace: its name, tier and times.
     *
     * @return the namespace's properties
     * @throws dev.omnibus.client.exceptions.ServiceBusException if the service cannot be asked
     */
    public NamespaceProperties getNamespaceProperties() {
        return await(async.getNamespaceProperties(), "Getting the namespace properties");
    }

    /** @return the base URL management requests go to */
    public String getEndpoint() {
        return async.getEndpoint();
    }

    /**
     * The asynchronous view of this client: same configuration and threads, operations returning futures.
     *
     * @return the asynchronous client
     */
    public ServiceBusAdministrationAsyncClient getAsyncClient() {
        return async;
    }

    /** Stops the client's threads. Idempotent. */
    @Override
    public void close() {
        async.close();
    }

    private <T> T await(CompletableFuture<T> future, String operation) {
        return Futures.await(future, core.maxOperationTime(), operation);
    }

    /** Reads page after page, each within its own time bound. */
    private <T> List<T> all(AdminCore.Listing<T> listing, String operation) {
        async.checkOpen();
        List<T> items = new ArrayList<>();
        while (true) {
            AdminCore.Page<T> page = await(core.page(listing, items.size()), operation);
            items.addAll(page.items());
            if (!page.hasNext()) {
                return List.copyOf(items);
            }
        }
    }
}
