package dev.omnibus.it.sdk;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.AmqpTransportType;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Run by {@link TlsIT} in a child JVM, so that the JVM's default trust (a {@code javax.net.ssl.trustStore} given on
 * the command line) is the only thing that makes the official SDK trust the server, exactly as for an application.
 * Sends a small and a 100 KB message, receives both (PeekLock), completes them, prints one line per message, and
 * exits 0; any failure is printed to stderr and exits 1.
 *
 * <p>Arguments: connection string, queue, transport ({@code AMQP} or {@code AMQP_WEB_SOCKETS}), the try timeout
 * in seconds (one retry follows a failed try).
 */
public final class SdkRoundTrip {
    /** Spans many of the 4 KiB frames the SDK asks for over WebSockets, in both directions. */
    static final int LARGE = 100 * 1024;

    private SdkRoundTrip() {
    }

    public static void main(String[] args) {
        try {
            run(args[0], args[1], AmqpTransportType.valueOf(args[2]), Duration.ofSeconds(Long.parseLong(args[3])));
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String connectionString, String queue, AmqpTransportType transport,
                            Duration tryTimeout) {
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder().connectionString(connectionString)
                .transportType(transport)
                .retryOptions(new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(1)
                        .setDelay(Duration.ofMillis(200)).setTryTimeout(tryTimeout));
        byte[] large = new byte[LARGE];
        Arrays.fill(large, (byte) 'x');
        try (ServiceBusSenderClient sender = builder.sender().queueName(queue).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("hello over " + transport.name()));
            sender.sendMessage(new ServiceBusMessage(large));
        }
        try (ServiceBusReceiverClient receiver = builder.receiver().queueName(queue)
                .maxAutoLockRenewDuration(Duration.ZERO).buildClient()) {
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received < 2 && System.nanoTime() < deadline) {
                for (ServiceBusReceivedMessage message : receiver.receiveMessages(2 - received,
                        Duration.ofSeconds(2))) {
                    receiver.complete(message);
                    byte[] body = message.getBody().toBytes();
                    System.out.println("received: " + (body.length == LARGE && Arrays.equals(body, large)
                            ? "the large message" : new String(body, StandardCharsets.UTF_8)));
                    received++;
                }
            }
        }
    }
}
