package dev.omnibus.client;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The entry point of the Omnibus client: makes senders, receivers and processors for the entities of one Service
 * Bus namespace (Omnibus or Azure), over one AMQP connection.
 *
 * <pre>{@code
 * try (ServiceBusClient client = ServiceBusClient.fromConnectionString(connStr)) {
 *     try (ServiceBusSender sender = client.getQueueSender("orders")) {
 *         sender.sendMessages(new ServiceBusMessage("Single message"));
 *     }
 *     try (ServiceBusReceiver receiver = client.getQueueReceiver("orders",
 *             ReceiverOptions.defaults().maxWaitTime(Duration.ofSeconds(5)))) {
 *         for (ServiceBusReceivedMessage msg : receiver) {
 *             receiver.completeMessage(msg);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Every blocking call waits at most as long as the client's {@link RetryOptions} allow (the try timeout for each
 * try, plus back-off), then throws; none blocks forever. The connection is made on first use and re-made
 * transparently when it fails. Thread-safe; close it when done (closing closes everything it made).
 */
public final class ServiceBusClient implements AutoCloseable {
    private final ServiceBusAsyncClient async;

    ServiceBusClient(ServiceBusAsyncClient async) {
        this.async = async;
    }

    /**
     * A client for the namespace a connection string names.
     *
     * @param connectionString {@code Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...}
     * @return the client
     * @throws IllegalArgumentException if the connection string is malformed
     */
    public static ServiceBusClient fromConnectionString(String connectionString) {
        return new ServiceBusClientBuilder().connectionString(connectionString).buildClient();
    }

    /**
     * A builder, for options beyond a connection string.
     *
     * @return a new builder
     */
    public static ServiceBusClientBuilder builder() {
        return new ServiceBusClientBuilder();
    }

    /**
     * A sender to a queue. Its link is attached on first use.
     *
     * @param queueName the queue
     * @return the sender
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusSender getQueueSender(String queueName) {
        return new ServiceBusSender(async.getQueueSender(queueName));
    }

    /**
     * A peek-lock receiver from a queue.
     *
     * @param queueName the queue
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusReceiver getQueueReceiver(String queueName) {
        return getQueueReceiver(queueName, ReceiverOptions.defaults());
    }

    /**
     * A receiver from a queue or one of its sub-queues.
     *
     * @param queueName the queue
     * @param options receive mode, sub-queue, prefetch, iteration wait
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusReceiver getQueueReceiver(String queueName, ReceiverOptions options) {
        return new ServiceBusReceiver(async.getQueueReceiver(queueName, options));
    }

    /**
     * A sender to a topic: each message goes to every subscription whose rules select it. Its link is attached on
     * first use.
     *
     * @param topicName the topic
     * @return the sender
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusSender getTopicSender(String topicName) {
        return new ServiceBusSender(async.getTopicSender(topicName));
    }

    /**
     * A peek-lock receiver from a subscription of a topic.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusReceiver getSubscriptionReceiver(String topicName, String subscriptionName) {
        return getSubscriptionReceiver(topicName, subscriptionName, ReceiverOptions.defaults());
    }

    /**
     * A receiver from a subscription of a topic, or one of the subscription's sub-queues.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param options receive mode, sub-queue, prefetch, iteration wait
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusReceiver getSubscriptionReceiver(String topicName, String subscriptionName,
                                                      ReceiverOptions options) {
        return new ServiceBusReceiver(async.getSubscriptionReceiver(topicName, subscriptionName, options));
    }

    /**
     * A processor that receives from a queue and calls {@code onMessage} for each message, on its own threads.
     * It does not run until {@link ServiceBusProcessor#start()}.
     *
     * @param queueName the queue
     * @param options concurrency, auto-complete, lock renewal, receive options
     * @param onMessage called for each message
     * @param onError called for each error, including connection loss; the processor keeps going
     * @return the processor
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusProcessor createProcessor(String queueName, ProcessorOptions options,
                                               Consumer<ProcessMessageContext> onMessage,
                                               Consumer<ProcessErrorContext> onError) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(onMessage, "onMessage");
        Objects.requireNonNull(onError, "onError");
        ServiceBusAsyncReceiver receiver = async.getQueueReceiver(queueName, options.getReceiverOptions());
        return new ServiceBusProcessor(receiver, options, onMessage, onError);
    }

    /**
     * The asynchronous view of this client: same connection, operations returning futures.
     *
     * @return the asynchronous client
     */
    public ServiceBusAsyncClient getAsyncClient() {
        return async;
    }

    /** @return the namespace host this client connects to */
    public String getFullyQualifiedNamespace() {
        return async.getFullyQualifiedNamespace();
    }

    /** Closes every sender, receiver and processor made by this client, then the connection. Idempotent. */
    @Override
    public void close() {
        async.close();
    }
}
