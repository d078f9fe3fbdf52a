package dev.omnibus.bench.client;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Omnibus client against the official Java SDK, side by side, against the same embedded Omnibus broker and the
 * same workload: send {@code N} messages of {@code SIZE} bytes in lists of {@code BATCH}, then receive them in
 * PEEK_LOCK in batches of {@code BATCH} and complete each one. Prints messages per second for each phase and client.
 *
 * <p>Run: {@code java ... dev.omnibus.bench.client.ClientVsSdkThroughput [messages] [size] [batch]}. Opt-in; never
 * part of the default build.
 */
public final class ClientVsSdkThroughput {
    private ClientVsSdkThroughput() {
    }

    /** Runs both clients and prints one line per client and phase. */
    public static void main(String[] args) {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            broker.createQueue("warmup-omnibus");
            broker.createQueue("warmup-sdk");
            broker.createQueue("bench-omnibus");
            broker.createQueue("bench-sdk");
            omnibus(broker, "warmup-omnibus", messages / 10, size, batch);
            sdk(broker, "warmup-sdk", messages / 10, size, batch);
            double[] ours = omnibus(broker, "bench-omnibus", messages, size, batch);
            double[] theirs = sdk(broker, "bench-sdk", messages, size, batch);
            System.out.printf("%-14s %12s %12s%n", "client", "send msg/s", "receive msg/s");
            System.out.printf("%-14s %12.0f %12.0f%n", "omnibus", ours[0], ours[1]);
            System.out.printf("%-14s %12.0f %12.0f%n", "azure-sdk", theirs[0], theirs[1]);
            System.out.printf("ratio (omnibus / azure-sdk): send %.2fx, receive %.2fx%n", ours[0] / theirs[0],
                    ours[1] / theirs[1]);
        }
    }

    private static double[] omnibus(EmbeddedBroker broker, String queue, int messages, int size, int batch) {
        try (ServiceBusClient client = ServiceBusClient.fromConnectionString(broker.connectionString());
             ServiceBusSender sender = client.getQueueSender(queue);
             ServiceBusReceiver receiver = client.getQueueReceiver(queue,
                     ReceiverOptions.defaults().prefetchCount(batch))) {
            long start = System.nanoTime();
            for (int sent = 0; sent < messages; sent += batch) {
                List<dev.omnibus.client.models.ServiceBusMessage> list = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    list.add(new dev.omnibus.client.models.ServiceBusMessage(new byte[size]));
                }
                sender.sendMessages(list);
            }
            double send = rate(messages, start);
            start = System.nanoTime();
            int received = 0;
            while (received < messages) {
                for (dev.omnibus.client.models.ServiceBusReceivedMessage m
                        : receiver.receiveMessages(batch, Duration.ofSeconds(5))) {
                    receiver.completeMessage(m);
                    received++;
                }
            }
            return new double[] {send, rate(messages, start)};
        }
    }

    private static double[] sdk(EmbeddedBroker broker, String queue, int messages, int size, int batch) {
        com.azure.messaging.servicebus.ServiceBusClientBuilder builder =
                new com.azure.messaging.servicebus.ServiceBusClientBuilder()
                        .connectionString(broker.connectionString());
        ServiceBusSenderClient sender = builder.sender().queueName(queue).buildClient();
        ServiceBusReceiverClient receiver = builder.receiver().queueName(queue).prefetchCount(batch)
                .disableAutoComplete().buildClient();
        try {
            long start = System.nanoTime();
            for (int sent = 0; sent < messages; sent += batch) {
                List<com.azure.messaging.servicebus.ServiceBusMessage> list = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    list.add(new com.azure.messaging.servicebus.ServiceBusMessage(new byte[size]));
                }
                sender.sendMessages(list);
            }
            double send = rate(messages, start);
            start = System.nanoTime();
            int received = 0;
            while (received < messages) {
                for (ServiceBusReceivedMessage m : receiver.receiveMessages(batch, Duration.ofSeconds(5))) {
                    receiver.complete(m);
                    received++;
                }
            }
            return new double[] {send, rate(messages, start)};
        } finally {
            sender.close();
            receiver.close();
        }
    }

    private static double rate(int messages, long startNanos) {
        return messages / ((System.nanoTime() - startNanos) / 1e9);
    }
}
