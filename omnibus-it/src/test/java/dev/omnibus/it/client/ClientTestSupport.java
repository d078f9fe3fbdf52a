package dev.omnibus.it.client;

import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusClientBuilder;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.testkit.EmbeddedBroker;
import dev.omnibus.testkit.OmnibusBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The Omnibus client against one embedded broker per test class. Each test gets its own queues and one client
 * (closed after it). Retries are few and short, so a failure shows in seconds.
 */
@OmnibusBroker
@Timeout(60)
abstract class ClientTestSupport {
    /** How long a test waits for something it expects to happen. */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicInteger QUEUES = new AtomicInteger();

    protected EmbeddedBroker broker;
    protected ServiceBusClient client;
    private String testName;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    @BeforeEach
    void attachBroker(EmbeddedBroker broker, TestInfo info) {
        this.broker = broker;
        this.testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        this.client = closeLater(builder().buildClient());
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!closeables.isEmpty()) {
            closeables.pop().close();
        }
    }

    /** Registers something to close after the test (last registered, first closed). */
    protected <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    static RetryOptions fastRetries() {
        return RetryOptions.defaults().maxRetries(2).delay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1))
                .tryTimeout(Duration.ofSeconds(10));
    }

    /** A builder for the broker with fast retries. */
    protected ServiceBusClientBuilder builder() {
        return new ServiceBusClientBuilder().connectionString(broker.connectionString()).retryOptions(fastRetries());
    }

    /** A new queue with the defaults. */
    protected String queue() {
        return queue(b -> b);
    }

    /** A new queue with a unique name and the given settings. */
    protected String queue(UnaryOperator<QueueDescription.Builder> settings) {
        String name = "c" + QUEUES.incrementAndGet() + "-" + testName.toLowerCase().replaceAll("[^a-z0-9]", "");
        if (name.length() > 50) {
            name = name.substring(0, 50);
        }
        broker.createQueue(settings.apply(QueueDescription.builder(name)).build());
        return name;
    }

    /** A new queue that requires sessions, with the given lock duration. */
    protected String sessionQueue(Duration lockDuration) {
        return queue(b -> b.requiresSession(true).lockDuration(lockDuration));
    }

    /** A new queue that requires sessions, with the default lock duration (1 minute). */
    protected String sessionQueue() {
        return queue(b -> b.requiresSession(true));
    }

    /** A new topic with a unique name and these subscriptions, each with the {@code $Default} rule. */
    protected String topic(String... subscriptions) {
        String name = uniqueName("t");
        broker.namespace().createTopic(TopicDescription.builder(name).build()).join();
        for (String subscription : subscriptions) {
            subscription(name, subscription, b -> b);
        }
        return name;
    }

    /** A subscription with the given settings and the {@code $Default} rule. */
    protected void subscription(String topic, String name, UnaryOperator<SubscriptionDescription.Builder> settings) {
        broker.namespace().createSubscription(settings.apply(SubscriptionDescription.builder(topic, name)).build(),
                null).join();
    }

    private String uniqueName(String prefix) {
        String name = prefix + QUEUES.incrementAndGet() + "-" + testName.toLowerCase().replaceAll("[^a-z0-9]", "");
        return name.length() > 50 ? name.substring(0, 50) : name;
    }

    /** Receives until {@code count} messages arrived or the patience ran out. */
    static List<ServiceBusReceivedMessage> receive(ServiceBusReceiver receiver, int count) {
        List<ServiceBusReceivedMessage> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (out.size() < count && Instant.now().isBefore(deadline)) {
            out.addAll(receiver.receiveMessages(count - out.size(), Duration.ofSeconds(2)));
        }
        return out;
    }

    /** Receives exactly one message (fails the test if none comes within the patience). */
    static ServiceBusReceivedMessage receiveOne(ServiceBusReceiver receiver) {
        List<ServiceBusReceivedMessage> got = receive(receiver, 1);
        if (got.isEmpty()) {
            throw new AssertionError("No message arrived within " + PATIENCE);
        }
        return got.get(0);
    }
}
