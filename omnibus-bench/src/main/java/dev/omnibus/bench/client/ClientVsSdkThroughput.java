package dev.omnibus.bench.client;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.omnibus.bench.BenchResult;
import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.testkit.EmbeddedBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Omnibus client against the official Java SDK, side by side, against the same embedded Omnibus broker (in memory)
 * and the same workload: send {@code N} messages of {@code SIZE} bytes in lists of {@code BATCH}, then receive them in
 * PEEK_LOCK with prefetch {@code BATCH}, in batches of {@code BATCH}, completing each one (awaiting the broker's
 * outcome) before the next. Prints messages per second for each phase and client, and the median completion round
 * trip.
 *
 * <p>The machine's load changes while a benchmark runs, so the two clients take turns: {@code ROUNDS} rounds, each
 * running both clients on fresh queues, the first client alternating between rounds. The summary is the median over
 * the rounds of each figure and of each round's ratio, also written to {@code target/bench-results/client-vs-sdk.json}.
 *
 * <p>The defaults (30,000 messages, 9 rounds) measure both clients fully warm: with 10,000 messages and 5 rounds the
 * official SDK was still changing from round to round (its receive rate climbing, then falling to a lower steady
 * level once its code was compiled), and the median caught whichever phase the run happened to be in.
 *
 * <p>Run: {@code java ... dev.omnibus.bench.client.ClientVsSdkThroughput [messages] [size] [batch] [rounds]}. Opt-in;
 * never part of the default build.
 */
public final class ClientVsSdkThroughput {
    private ClientVsSdkThroughput() {
    }

    /** One client's figures in one round. */
    private record Figures(double send, double receive, double completeP50Micros) {
    }

    /** Runs both clients and prints one line per client and round, then the medians. */
    public static void main(String[] args) {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            broker.createQueue("warmup-omnibus");
            broker.createQueue("warmup-sdk");
            // A full round each first: with less, the first measured round still runs partly interpreted.
            omnibus(broker, "warmup-omnibus", messages, size, batch);
            sdk(broker, "warmup-sdk", messages, size, batch);
            List<Figures> ours = new ArrayList<>();
            List<Figures> theirs = new ArrayList<>();
            System.out.printf("%-6s %-10s %12s %14s %18s %8s%n", "round", "client", "send msg/s", "receive msg/s",
                    "complete p50 us", "load");
            for (int round = 1; round <= rounds; round++) {
                broker.createQueue("bench-omnibus-" + round);
                broker.createQueue("bench-sdk-" + round);
                boolean oursFirst = round % 2 == 1;
                if (oursFirst) {
                    ours.add(print(round, "omnibus", omnibus(broker, "bench-omnibus-" + round, messages, size, batch), os));
                }
                theirs.add(print(round, "azure-sdk", sdk(broker, "bench-sdk-" + round, messages, size, batch), os));
                if (!oursFirst) {
                    ours.add(print(round, "omnibus", omnibus(broker, "bench-omnibus-" + round, messages, size, batch), os));
                }
            }
            List<Double> sendRatios = new ArrayList<>();
            List<Double> receiveRatios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                sendRatios.add(ours.get(i).send() / theirs.get(i).send());
                receiveRatios.add(ours.get(i).receive() / theirs.get(i).receive());
            }
            System.out.printf("%nmedians over %d rounds%n", rounds);
            System.out.printf("%-14s %12s %14s %18s%n", "client", "send msg/s", "receive msg/s", "complete p50 us");
            summary("omnibus", ours);
            summary("azure-sdk", theirs);
            System.out.printf("ratio (omnibus / azure-sdk, median of the rounds' ratios): send %.2fx, receive %.2fx%n",
                    median(sendRatios), median(receiveRatios));
            new BenchResult("client-vs-sdk")
                    .put("messages", messages).put("bodyBytes", size).put("sendListSize", batch).put("rounds", rounds)
                    .put("omnibus.sendMsgPerSecMedian", Math.round(median(ours.stream().map(Figures::send).toList())))
                    .put("omnibus.receiveMsgPerSecMedian",
                            Math.round(median(ours.stream().map(Figures::receive).toList())))
                    .put("sdk.sendMsgPerSecMedian", Math.round(median(theirs.stream().map(Figures::send).toList())))
                    .put("sdk.receiveMsgPerSecMedian",
                            Math.round(median(theirs.stream().map(Figures::receive).toList())))
                    .put("sendRatioMedian", Math.round(median(sendRatios) * 100) / 100.0)
                    .put("receiveRatioMedian", Math.round(median(receiveRatios) * 100) / 100.0)
                    .report();
        }
    }

    private static Figures print(int round, String client, Figures f, OperatingSystemMXBean os) {
        System.out.printf("%-6d %-10s %12.0f %14.0f %18.1f %8.2f%n", round, client, f.send(), f.receive(),
                f.completeP50Micros(), os.getSystemLoadAverage());
        return f;
    }

    private static void summary(String client, List<Figures> figures) {
        System.out.printf("%-14s %12.0f %14.0f %18.1f%n", client, median(figures.stream().map(Figures::send).toList()),
                median(figures.stream().map(Figures::receive).toList()),
                median(figures.stream().map(Figures::completeP50Micros).toList()));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Figures omnibus(EmbeddedBroker broker, String queue, int messages, int size, int batch) {
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
            long[] completions = new long[messages];
            start = System.nanoTime();
            int received = 0;
            while (received < messages) {
                for (dev.omnibus.client.models.ServiceBusReceivedMessage m
                        : receiver.receiveMessages(batch, Duration.ofSeconds(5))) {
                    long before = System.nanoTime();
                    receiver.completeMessage(m);
                    completions[received++] = System.nanoTime() - before;
                }
            }
            return new Figures(send, rate(messages, start), p50Micros(completions));
        }
    }

    private static Figures sdk(EmbeddedBroker broker, String queue, int messages, int size, int batch) {
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
            long[] completions = new long[messages];
            start = System.nanoTime();
            int received = 0;
            while (received < messages) {
                for (ServiceBusReceivedMessage m : receiver.receiveMessages(batch, Duration.ofSeconds(5))) {
                    long before = System.nanoTime();
                    receiver.complete(m);
                    completions[received++] = System.nanoTime() - before;
                }
            }
            return new Figures(send, rate(messages, start), p50Micros(completions));
        } finally {
            sender.close();
            receiver.close();
        }
    }

    private static double p50Micros(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e3;
    }

    private static double rate(int messages, long startNanos) {
        return messages / ((System.nanoTime() - startNanos) / 1e9);
    }
}
