package dev.omnibus.client;

import dev.omnibus.client.implementation.Futures;
import java.time.Duration;
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
 * <p>For entities that require sessions, receivers made with {@link ReceiverOptions#sessionId(String)} or
 * {@link ReceiverOptions#nextAvailableSession(boolean)} hold one session each, and
 * {@link #createSessionProcessor(String, SessionProcessorOptions, Consumer, Consumer)} processes many sessions at
 * once. {@link #getRuleManager(String, String)} manages a subscription's rules.
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
     * A receiver from a queue or one of its sub-queues. With {@link ReceiverOptions#sessionId(String)} or
     * {@link ReceiverOptions#nextAvailableSession(boolean)} it is a session receiver: this call waits until the
     * service has locked the session (for the next available one, up to the try timeout), and
     * {@link ServiceBusReceiver#session()} describes it.
     *
     * @param queueName the queue
     * @param options receive mode, sub-queue, prefetch, iteration wait, session
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     * @throws dev.omnibus.client.exceptions.SessionCannotBeLockedException if another receiver holds the session
     * @throws dev.omnibus.client.exceptions.OperationTimeoutException if no session became available in time
     * @throws dev.omnibus.client.exceptions.ServiceBusException with reason {@code INVALID_OPERATION} if session
     *     options are used on an entity without sessions, or none on an entity that requires them (on first receive)
     */
    public ServiceBusReceiver getQueueReceiver(String queueName, ReceiverOptions options) {
        return sessionAccepted(async.getQueueReceiver(queueName, options));
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
     * A receiver from a subscription of a topic, or one of the subscription's sub-queues
     * ({@link ReceiverOptions#subQueue}); with session options, a session receiver of a subscription that requires
     * sessions, which this call waits for as {@link #getQueueReceiver(String, ReceiverOptions)} does.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param options receive mode, sub-queue, prefetch, iteration wait, session
     * @return the receiver
     * @throws IllegalStateException if the client is closed
     * @throws dev.omnibus.client.exceptions.SessionCannotBeLockedException if another receiver holds the session
     * @throws dev.omnibus.client.exceptions.OperationTimeoutException if no session became available in time
     */
    public ServiceBusReceiver getSubscriptionReceiver(String topicName, String subscriptionName,
                                                      ReceiverOptions options) {
        return sessionAccepted(async.getSubscriptionReceiver(topicName, subscriptionName, options));
    }

    /** A session receiver is handed out once its session is locked; if it is not, it is closed and the error thrown. */
    private ServiceBusReceiver sessionAccepted(ServiceBusAsyncReceiver receiver) {
        if (receiver.isSessionReceiver()) {
            Duration tryTimeout = async.retry().options().getTryTimeout();
            try {
                Futures.await(receiver.core().session().accepted(), async.retry().maxTotal(tryTimeout.plus(tryTimeout)),
                        "accept a session on " + receiver.getEntityPath());
            } catch (RuntimeException e) {
                receiver.close();
                throw e;
            }
        }
        return new ServiceBusReceiver(receiver);
    }

    /**
     * A rule manager for a subscription: adds, removes and lists its rules over AMQP.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @return the rule manager; its links are attached on first use
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusRuleManager getRuleManager(String topicName, String subscriptionName) {
        return new ServiceBusRuleManager(async.getRuleManager(topicName, subscriptionName),
                async.retry().maxTotal(async.retry().options().getTryTimeout()));
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
     * A processor that receives from a subscription and calls {@code onMessage} for each message, on its own
     * threads. It does not run until {@link ServiceBusProcessor#start()}.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param options concurrency, auto-complete, lock renewal, receive options
     * @param onMessage called for each message
     * @param onError called for each error, including connection loss; the processor keeps going
     * @return the processor
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusProcessor createProcessor(String topicName, String subscriptionName, ProcessorOptions options,
                                               Consumer<ProcessMessageContext> onMessage,
                                               Consumer<ProcessErrorContext> onError) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(onMessage, "onMessage");
        Objects.requireNonNull(onError, "onError");
        ServiceBusAsyncReceiver receiver = async.getSubscriptionReceiver(topicName, subscriptionName,
                options.getReceiverOptions());
        return new ServiceBusProcessor(receiver, options, onMessage, onError);
    }

    /**
     * A processor for a queue that requires sessions: it processes up to {@code maxConcurrentSessions} sessions at
     * once, each session's messages in order, and moves on to the next session as soon as one is idle (see
     * {@link ServiceBusSessionProcessor}). It does not run until {@link ServiceBusSessionProcessor#start()}.
     *
     * @param queueName the queue
     * @param options sessions at once, calls per session, idle timeout, auto-complete, session lock renewal
     * @param onMessage called for each message; {@code context.getSession()} is its session
     * @param onError called for each error; the processor keeps going
     * @return the processor
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusSessionProcessor createSessionProcessor(String queueName, SessionProcessorOptions options,
                                                             Consumer<ProcessMessageContext> onMessage,
                                                             Consumer<ProcessErrorContext> onError) {
        return sessionProcessor(ServiceBusAsyncClient.requireName(queueName), options, onMessage, onError);
    }

    /**
     * A processor for a subscription that requires sessions; see
     * {@link #createSessionProcessor(String, SessionProcessorOptions, Consumer, Consumer)}.
     *
     * @param topicName the topic
     * @param subscriptionName the subscription
     * @param options sessions at once, calls per session, idle timeout, auto-complete, session lock renewal
     * @param onMessage called for each message; {@code context.getSession()} is its session
     * @param onError called for each error; the processor keeps going
     * @return the processor
     * @throws IllegalStateException if the client is closed
     */
    public ServiceBusSessionProcessor createSessionProcessor(String topicName, String subscriptionName,
                                                             SessionProcessorOptions options,
                                                             Consumer<ProcessMessageContext> onMessage,
                                                             Consumer<ProcessErrorContext> onError) {
        return sessionProcessor(ServiceBusAsyncClient.subscriptionPath(topicName, subscriptionName), options,
                onMessage, onError);
    }

    private ServiceBusSessionProcessor sessionProcessor(String entityPath, SessionProcessorOptions options,
                                                        Consumer<ProcessMessageContext> onMessage,
                                                        Consumer<ProcessErrorContext> onError) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(onMessage, "onMessage");
        Objects.requireNonNull(onError, "onError");
        if (async.connections().isClosed()) {
            throw new IllegalStateException("The client is closed");
        }
        return async.track(new ServiceBusSessionProcessor(async, entityPath, options, onMessage, onError));
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
