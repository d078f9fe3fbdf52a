package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Service Bus detaches links idle for ten minutes with {@code amqp:link:detach-forced}; the official Java SDK treats
 * that as transient and attaches a new link. Here the server does it after two seconds, and the SDK's processor,
 * receiver and sender go on working across such detaches.
 */
@Timeout(120)
class IdleLinkIT {
    private static final Duration LINK_IDLE = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static OmnibusServer server;

    @BeforeAll
    static void start() {
        server = OmnibusServer.start(ServerOptions.ephemeral().withLinkIdleTimeout(LINK_IDLE));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String queue() {
        String name = "idle-" + QUEUES.incrementAndGet();
        server.broker().namespace().createQueue(QueueDescription.builder(name).build()).join();
        return name;
    }

    private static ServiceBusClientBuilder client() {
        return new ServiceBusClientBuilder().connectionString(server.connectionString())
                .retryOptions(new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(3)
                        .setDelay(Duration.ofMillis(200)).setTryTimeout(Duration.ofSeconds(10)));
    }

    /** Sends with a client of its own that is closed at once, so its link is never the one idled out. */
    private static void send(String queue, String body) {
        try (ServiceBusSenderClient sender = client().sender().queueName(queue).buildClient()) {
            sender.sendMessage(new ServiceBusMessage(body));
        }
    }

    /** Waits until the server has idled out at least {@code count} more links than {@code before}. */
    private static void awaitIdleDetaches(long before, int count) {
        await().atMost(PATIENCE).until(() -> server.idleLinksDetached() >= before + count);
    }

    @Test
    void aProcessorKeepsReceivingAfterItsIdleLinkWasForceDetached() throws Exception {
        String queue = queue();
        BlockingQueue<String> processed = new LinkedBlockingQueue<>();
        ServiceBusProcessorClient processor = client().processor().queueName(queue)
                .processMessage(context -> processed.add(context.getMessage().getBody().toString()))
                .processError(context -> { })
                .buildProcessorClient();
        processor.start();
        try {
            send(queue, "before");
            assertThat(processed.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("before");

            long before = server.idleLinksDetached();
            awaitIdleDetaches(before, 1);      // the processor's receive link, the only entity link left
            send(queue, "after one detach");
            assertThat(processed.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("after one detach");

            long again = server.idleLinksDetached();
            awaitIdleDetaches(again, 1);       // the link it attached anew went idle too
            send(queue, "after another");
            assertThat(processed.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("after another");
            // The processor completes each message once its handler returns.
            await().atMost(PATIENCE).until(() -> server.broker().namespace().queue(queue).peek(0, 10).join()
                    .isEmpty());
        } finally {
            processor.close();
        }
    }

    @Test
    void aReceiverReceivesAgainAfterItsIdleLinkWasForceDetached() {
        String queue = queue();
        send(queue, "first");
        try (ServiceBusReceiverClient receiver = client().receiver().queueName(queue).buildClient()) {
            List<ServiceBusReceivedMessage> first = receiver.receiveMessages(1, PATIENCE).stream().toList();
            assertThat(first).extracting(m -> m.getBody().toString()).containsExactly("first");
            receiver.complete(first.get(0));

            awaitIdleDetaches(server.idleLinksDetached(), 1);
            send(queue, "second");

            List<ServiceBusReceivedMessage> second = receiver.receiveMessages(1, PATIENCE).stream().toList();
            assertThat(second).extracting(m -> m.getBody().toString()).containsExactly("second");
            receiver.complete(second.get(0));
        }
    }

    @Test
    void aSenderSendsAgainAfterItsIdleLinkWasForceDetached() {
        String queue = queue();
        try (ServiceBusSenderClient sender = client().sender().queueName(queue).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("one"));

            awaitIdleDetaches(server.idleLinksDetached(), 1);
            sender.sendMessage(new ServiceBusMessage("two"));
        }

        assertThat(server.broker().namespace().queue(queue).peek(0, 10).join()).hasSize(2);
    }
}
