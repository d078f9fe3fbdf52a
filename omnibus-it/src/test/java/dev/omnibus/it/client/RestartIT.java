package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibus.client.ProcessErrorContext;
import dev.omnibus.client.ProcessorOptions;
import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusErrorSource;
import dev.omnibus.client.ServiceBusProcessor;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.testkit.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker restart (same port, same data directory) in the middle of receiving: senders, receivers and processors
 * recover without user code.
 */
@Timeout(120)
class RestartIT {
    @TempDir
    Path data;
    private EmbeddedBroker broker;
    private int port;

    private void startBroker() {
        broker = EmbeddedBroker.builder().dataDirectory(data).port(port).start();
        port = broker.port();
        if (!broker.namespace().hasQueue("orders")) {
            broker.createQueue("orders");
        }
    }

    private void restartBroker() {
        broker.stop();
        startBroker();
    }

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private ServiceBusClient client() {
        return ServiceBusClient.builder().connectionString(broker.connectionString())
                .retryOptions(RetryOptions.defaults().delay(Duration.ofMillis(200)).maxRetries(5)
                        .tryTimeout(Duration.ofSeconds(10)))
                .buildClient();
    }

    @Test
    void receivingResumesAfterARestartInTheMiddleOfReceiving() throws Exception {
        startBroker();
        Set<String> received = ConcurrentHashMap.newKeySet();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (ServiceBusClient client = client();
             ServiceBusSender sender = client.getQueueSender("orders");
             ServiceBusReceiver receiver = client.getQueueReceiver("orders")) {
            sender.sendMessages(IntStream.range(0, 10).mapToObj(i -> new ServiceBusMessage("before-" + i)).toList());
            for (ServiceBusReceivedMessage message : ClientTestSupport.receive(receiver, 5)) {
                receiver.completeMessage(message);
                received.add(message.getBodyAsString());
            }
            // The receiver is waiting for messages while the broker goes away and comes back.
            Future<?> receiving = background.submit(() -> {
                while (received.size() < 15) {
                    for (ServiceBusReceivedMessage message : receiver.receiveMessages(10, Duration.ofSeconds(2))) {
                        receiver.completeMessage(message);
                        received.add(message.getBodyAsString());
                    }
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 10);
            restartBroker();
            // The same sender object keeps working on the new connection.
            sender.sendMessages(IntStream.range(0, 5).mapToObj(i -> new ServiceBusMessage("after-" + i)).toList());

            receiving.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            background.shutdownNow();
        }
        assertThat(received).hasSize(15).contains("before-0", "before-9", "after-0", "after-4");
    }

    @Test
    void processorReportsTheConnectionLossAndKeepsReceiving() {
        startBroker();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        CopyOnWriteArrayList<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();
        try (ServiceBusClient client = client();
             ServiceBusSender sender = client.getQueueSender("orders");
             ServiceBusProcessor processor = client.createProcessor("orders", ProcessorOptions.defaults(),
                     context -> handled.add(context.getMessage().getBodyAsString()), errors::add)) {
            processor.start();
            sender.sendMessages(new ServiceBusMessage("first"));
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.contains("first"));

            restartBroker();
            await().atMost(Duration.ofSeconds(20)).until(() -> !errors.isEmpty());
            sender.sendMessages(new ServiceBusMessage("second"));

            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("second"));
            assertThat(processor.isRunning()).isTrue();
        }
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.getErrorSource()).isEqualTo(ServiceBusErrorSource.RECEIVE);
            assertThat(e.getException()).isInstanceOfSatisfying(ServiceBusException.class,
                    ex -> assertThat(ex.isTransient()).isTrue());
        });
    }
}
