package dev.omnibus.it.client;

import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusClientBuilder;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.it.EntityTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The Omnibus client against one embedded broker per test class. Each test gets its own queues and one client
 * (closed after it). Retries are few and short, so a failure shows in seconds.
 */
@Timeout(60)
abstract class ClientTestSupport extends EntityTestSupport {
    protected ServiceBusClient client;

    @BeforeEach
    void createClient() {
        this.client = closeLater(builder().buildClient());
    }

    static RetryOptions fastRetries() {
        return RetryOptions.defaults().maxRetries(2).delay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1))
                .tryTimeout(Duration.ofSeconds(10));
    }

    /** A builder for the broker with fast retries. */
    protected ServiceBusClientBuilder builder() {
        return new ServiceBusClientBuilder().connectionString(broker.connectionString()).retryOptions(fastRetries());
    }

    /** A new queue that requires sessions, with the given lock duration. */
    protected String sessionQueue(Duration lockDuration) {
        return queue(b -> b.requiresSession(true).lockDuration(lockDuration));
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
