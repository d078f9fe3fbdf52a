package dev.omnibus.it;

import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.testkit.EmbeddedBroker;
import dev.omnibus.testkit.OmnibusBroker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * One embedded broker per test class, whichever client the tests drive: each test gets its own entities (unique
 * names) and everything it registers with {@link #closeLater} is closed after it.
 */
@OmnibusBroker
public abstract class EntityTestSupport {
    /** How long a test waits for something it expects to happen. */
    protected static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicInteger ENTITIES = new AtomicInteger();

    protected EmbeddedBroker broker;
    private String testName;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    @BeforeEach
    void attachBroker(EmbeddedBroker broker, TestInfo info) {
        this.broker = broker;
        this.testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
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

    /** A new queue with the defaults. */
    protected String queue() {
        return queue(b -> b);
    }

    /** A new queue with a unique name and the given settings. */
    protected String queue(UnaryOperator<QueueDescription.Builder> settings) {
        String name = uniqueName("q");
        broker.createQueue(settings.apply(QueueDescription.builder(name)).build());
        return name;
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
        String name = prefix + ENTITIES.incrementAndGet() + "-" + testName.toLowerCase().replaceAll("[^a-z0-9]", "");
        return name.length() > 50 ? name.substring(0, 50) : name;
    }
}
