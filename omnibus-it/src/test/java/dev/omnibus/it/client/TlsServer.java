package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import dev.omnibus.server.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An Omnibus server on 127.0.0.1 with every transport on: AMQP, AMQPS and HTTPS (which carries AMQP over WebSockets),
 * all on random ports, with a generated certificate (for localhost and 127.0.0.1) exported as PEM for clients to
 * trust. Also the one scenario every transport must pass: {@link #sendReceiveAndSettle(ServiceBusClient)}.
 */
final class TlsServer implements AutoCloseable {
    private static final AtomicInteger QUEUES = new AtomicInteger();
    /** Over 256 KiB, so it crosses AMQP frames (and, over WebSockets, WebSocket frames). */
    private static final int LARGE = 600 * 1024;

    final OmnibusServer server;
    final Path certificate;

    private TlsServer(OmnibusServer server, Path certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    static TlsServer start(Path dir) {
        return start(dir, TlsOptions.amqps(0).withHttpsPort(0));
    }

    /** With these TLS options (the certificate is exported to {@code dir/omnibus.pem} unless they name a file). */
    static TlsServer start(Path dir, TlsOptions tls) {
        Path pem = tls.certificateFile() != null ? tls.certificateFile() : dir.resolve("omnibus.pem");
        OmnibusServer server = OmnibusServer.start(ServerOptions.ephemeral()
                .withTls(tls.certificateFile() != null ? tls : tls.withExport(pem)));
        return new TlsServer(server, pem);
    }

    static RetryOptions fastRetries() {
        return RetryOptions.defaults().maxRetries(2).delay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1))
                .tryTimeout(Duration.ofSeconds(10));
    }

    /** {@code Endpoint=sb://host:port;...} without UseDevelopmentEmulator: a client connects with TLS. */
    String tlsConnectionString(String host, int port) {
        ServerOptions options = server.options();
        return "Endpoint=sb://" + host + ":" + port + ";SharedAccessKeyName=" + options.sasKeyName()
                + ";SharedAccessKey=" + options.sasKey();
    }

    /** A new queue that takes messages up to 1 MB. */
    String queue() {
        String name = "tls-" + QUEUES.incrementAndGet();
        server.broker().namespace().createQueue(QueueDescription.builder(name).maxMessageSizeInKilobytes(1024)
                .build()).join();
        return name;
    }

    /**
     * Sends four messages (one of 600 KB) in one batch and receives them; completes two, abandons one and completes
     * it on its second delivery, dead-letters one and takes it from the dead-letter queue. The queue is empty after.
     */
    void sendReceiveAndSettle(ServiceBusClient client) {
        String queue = queue();
        byte[] large = new byte[LARGE];
        Arrays.fill(large, (byte) 'x');
        large[LARGE - 1] = '!';
        try (ServiceBusSender sender = client.getQueueSender(queue);
             ServiceBusReceiver receiver = client.getQueueReceiver(queue);
             ServiceBusReceiver deadLetters = client.getQueueReceiver(queue,
                     ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER))) {
            sender.sendMessages(List.of(new ServiceBusMessage("complete"), new ServiceBusMessage("abandon"),
                    new ServiceBusMessage("dead-letter"), new ServiceBusMessage(large).setMessageId("large")));

            Map<String, ServiceBusReceivedMessage> got = receive(receiver, 4).stream()
                    .collect(Collectors.toMap(m -> m.getMessageId() != null && m.getMessageId().equals("large")
                            ? "large" : m.getBodyAsString(), Function.identity()));
            assertThat(got).containsOnlyKeys("complete", "abandon", "dead-letter", "large");
            assertThat(got.get("large").getBody()).isEqualTo(large);

            receiver.completeMessage(got.get("complete"));
            receiver.completeMessage(got.get("large"));
            receiver.abandonMessage(got.get("abandon"));
            receiver.deadLetterMessage(got.get("dead-letter"), "Tested", "over this transport");

            ServiceBusReceivedMessage again = receive(receiver, 1).get(0);
            assertThat(again.getBodyAsString()).isEqualTo("abandon");
            assertThat(again.getDeliveryCount()).isEqualTo(1);
            receiver.completeMessage(again);
            ServiceBusReceivedMessage dead = receive(deadLetters, 1).get(0);
            assertThat(dead.getDeadLetterReason()).isEqualTo("Tested");
            deadLetters.completeMessage(dead);

            assertThat(receiver.peekMessages(10)).isEmpty();
            assertThat(deadLetters.peekMessages(10)).isEmpty();
        }
    }

    /** Receives exactly {@code count} messages, failing after 20 s. */
    private static List<ServiceBusReceivedMessage> receive(ServiceBusReceiver receiver, int count) {
        List<ServiceBusReceivedMessage> out = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(20);
        while (out.size() < count && Instant.now().isBefore(deadline)) {
            out.addAll(receiver.receiveMessages(count - out.size(), Duration.ofSeconds(2)));
        }
        assertThat(out).as("messages received from %s", receiver.getEntityPath()).hasSize(count);
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
