package dev.omnibus.client;

import dev.omnibus.amqp.EntityAddress;
import dev.omnibus.client.implementation.ClientConfig;
import dev.omnibus.client.implementation.ConnectionManager;
import dev.omnibus.client.implementation.ReceiverCore;
import dev.omnibus.client.implementation.RetryPolicy;
import dev.omnibus.client.implementation.RuleManagerCore;
import dev.omnibus.client.implementation.SenderCore;
import dev.omnibus.client.models.SubQueue;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The asynchronous twin of {@link ServiceBusClient}: the same senders, receivers and rule managers, with operations
 * that return {@link java.util.concurrent.CompletableFuture}s. Futures complete on the client's callback threads, never on its
 * I/O thread, so continuations may block without stalling the connection. Failures are the client's unchecked
 * exceptions ({@code dev.omnibus.client.exceptions}).
 *
 * <pre>{@code
 * try (ServiceBusAsyncClient client = ServiceBusAsyncClient.fromConnectionString(connectionString)) {
 *     ServiceBusAsyncSender sender = client.getQueueSender("orders");
 *     sender.sendMessages(new ServiceBusMessage("hello")).join();
 * }
 * }</pre>
 *
 * <p>Owns one AMQP connection, made on first use and re-made after it fails. Thread-safe.
 */
public final class ServiceBusAsyncClient implements AutoCloseable {
    private final ConnectionManager connections;
    private final RetryPolicy retry;
    private final Set<AutoCloseable> children = ConcurrentHashMap.newKeySet();

    ServiceBusAsyncClient(ClientConfig config) {
        this.connections = new ConnectionManager(config);
        this.retry = new RetryPolicy(config.retry(), connections.scheduler(), connections::isClosed);
    }

    /**
     * A client for the namespace a connection string names.
     *
     * @param connectionString the connection string
     * @return the client
     * @throws IllegalArgumentException if the connection string is malformed
     */
    public static ServiceBusAsyncClient fromConnectionString(String connectionString) {
        return new ServiceBusClientBuilder().connectionString(connectionString).buildAsyncClient();
    }

    /**
     * A sender to a queue. Its link is attached on first use.
     *
     * @param queueName the queue
     * @return the sender
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusAsyncSender getQueueSender(String queueName) {
        return sender(requireName(queueName));
    }

    /**
     * A peek-lock receiver from a queue.
     *
     * @param queueName the queue
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusAsyncReceiver getQueueReceiver(String queueName) {
        return getQueueReceiver(queueName, ReceiverOptions.defaults());
    }

    /**
     * A receiver from a queue or one of its sub-queues. With {@link ReceiverOptions#sessionId(String)} or
     * {@link ReceiverOptions#nextAvailableSession(boolean)} it is a session receiver, which starts locking its session
     * at once; its operations wait for the lock ({@link ServiceBusAsyncSession#accepted()} says when, or why not).
     *
     * @param queueName the queue
     * @param options receive mode, sub-queue, prefetch, session
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     * @throws IllegalArgumentException if session options name a sub-queue (dead-letter queues have no sessions)
     */
    public ServiceBusAsyncReceiver getQueueReceiver(String queueName, ReceiverOptions options) {
        return receiver(requireName(queueName), Objects.requireNonNull(options, "options"));
    }

    /**
     * A sender to a topic: each message goes to every subscription whose rules select it. Its link is attached on
     * first use.
     *
     * @param topicName the topic
     * @return the sender
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusAsyncSender getTopicSender(String topicName) {
        return sender(requireName(topicName));
    }

    /**
     * A peek-lock receiver from a subscription of a topic.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusAsyncReceiver getSubscriptionReceiver(String topicName, String subscriptionName) {
        return getSubscriptionReceiver(topicName, subscriptionName, ReceiverOptions.defaults());
    }

    /**
     * A receiver from a subscription of a topic, or one of the subscription's sub-queues; with session options, a
     * session receiver of a subscription that requires sessions (see {@link #getQueueReceiver(String,
     * ReceiverOptions)}).
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param options receive mode, sub-queue, prefetch, session
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     * @throws IllegalArgumentException if session options name a sub-queue
     */
    public ServiceBusAsyncReceiver getSubscriptionReceiver(String topicName, String subscriptionName,
                                                           ReceiverOptions options) {
        return receiver(subscriptionPath(topicName, subscriptionName), Objects.requireNonNull(options, "options"));
    }

    /**
     * A rule manager for a subscription: adds, removes and lists its rules over AMQP.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return the rule manager; its links are attached on first use
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusAsyncRuleManager getRuleManager(String topicName, String subscriptionName) {
        String path = subscriptionPath(topicName, subscriptionName);
        checkOpen();
        return register(new ServiceBusAsyncRuleManager(new RuleManagerCore(connections, retry, path), this));
    }

    /** {@code topic/Subscriptions/subscription}, the path the service names a subscription by. */
    static String subscriptionPath(String topicName, String subscriptionName) {
        return requireName(topicName) + "/Subscriptions/" + requireName(subscriptionName);
    }

    /** @return the namespace host this client connects to */
    public String getFullyQualifiedNamespace() {
        return connections.config().host();
    }

    // Queues, topics and subscriptions share these two; only the entity path differs.
    ServiceBusAsyncSender sender(String entityPath) {
        checkOpen();
        return register(new ServiceBusAsyncSender(new SenderCore(connections, retry, entityPath), this));
    }

    ServiceBusAsyncReceiver receiver(String entityPath, ReceiverOptions options) {
        if (options.isSessionReceiver() && options.getSubQueue() != SubQueue.NONE) {
            throw new IllegalArgumentException("A " + options.getSubQueue() + " sub-queue has no sessions: receive "
                    + "from it without session options");
        }
        checkOpen();
        EntityAddress.SubQueue subQueue = EntityAddress.SubQueue.valueOf(options.getSubQueue().name());
        String address = new EntityAddress(entityPath, subQueue, false).canonical();
        ReceiverCore core = options.isSessionReceiver()
                ? ReceiverCore.forSession(connections, retry, entityPath, address, options.getReceiveMode(),
                        options.getPrefetchCount(), options.getSessionId())
                : new ReceiverCore(connections, retry, entityPath, address, options.getReceiveMode(),
                        options.getPrefetchCount());
        return register(new ServiceBusAsyncReceiver(core, options, this));
    }

    ConnectionManager connections() {
        return connections;
    }

    RetryPolicy retry() {
        return retry;
    }

    /** Closes {@code child} when this client is closed (processors made by the blocking client). */
    <T extends AutoCloseable> T track(T child) {
        return register(child);
    }

    private <T extends AutoCloseable> T register(T child) {
        children.add(child);
        return child;
    }

    void forget(AutoCloseable child) {
        children.remove(child);
    }

    private void checkOpen() {
        if (connections.isClosed()) {
            throw new IllegalStateException("The client is closed");
        }
    }

    static String requireName(String name) {
        Objects.requireNonNull(name, "entity name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("The entity name is empty");
        }
        return name;
    }

    /** Closes every sender, receiver and processor made by this client, then the connection. Idempotent. */
    @Override
    public void close() {
        for (AutoCloseable child : children) {
            try {
                child.close();
            } catch (Exception ignored) {
                // Closing is best effort: the connection goes next anyway.
            }
        }
        children.clear();
        connections.close();
    }
}
