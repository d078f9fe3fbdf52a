package dev.omnibus.bench.amqp;

import dev.omnibus.bench.BenchResult;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Omnibus against Apache ActiveMQ Artemis, side by side in one run, with the same plain AMQP 1.0 workload: durable
 * send → unsettled receive (PeekLock on Omnibus) → accept, 1 KB messages over loopback, several senders and
 * receivers. Both brokers run in this JVM, one after the other, each on its own temporary directory with durable
 * storage and fsync on; each first takes a warm-up (twice the messages by default), then {@code rounds} measured
 * runs (9 by default) and is reported by its median round: both brokers fully warm. Artemis needs much more of the
 * JIT than Omnibus and keeps gaining for about five rounds after such a warm-up; a shorter method (the earlier
 * default: half the messages, 3 rounds) catches it still warming and flatters Omnibus. Prints both rows, the ratio
 * and the CPU each thread group used (and, on Linux, how long it waited for a CPU), and writes JSON to
 * {@code target/bench-results/amqp-broker-vs-artemis.json}.
 *
 * <p>Two generators, both plain AMQP 1.0 and used identically for both brokers: {@code generator=engine} (default,
 * {@link EngineLoad}: the protonj2 engine on Netty, one event loop, one write per burst of frames) and
 * {@code generator=client} ({@link AmqpLoad}: protonj2-client, a thread per sender, acker and receiver, one write per
 * frame). The client costs several times more CPU per message than the engine, which on a small machine takes it
 * away from the broker under test.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -Pbench -DskipTests install
 * cd omnibus-bench &amp;&amp; mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/classes:$(cat target/cp.txt) dev.omnibus.bench.amqp.BrokerVsArtemis \
 *     [messages=200000] [size=1024] [senders=4] [inFlight=256] [receivers=4] [credit=256] [order=omnibus,artemis] \
 *     [generator=engine|client] [generatorThreads=1] [warmup=2*messages] [rounds=9]
 * </pre>
 * Arguments are {@code key=value}; {@code order} also selects a single broker ({@code order=artemis}).
 * {@code -Dbench.dir=DIR} puts the data directories under DIR (default: the system temporary directory) — use the
 * same disk for both. Figures on a shared 2-core CI machine are trends, not ceilings; never a CI gate.
 */
public final class BrokerVsArtemis {
    private BrokerVsArtemis() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = arguments(args);
        AmqpLoad.Shape shape = new AmqpLoad.Shape(
                Integer.parseInt(a.getOrDefault("messages", "200000")),
                Integer.parseInt(a.getOrDefault("size", "1024")),
                Integer.parseInt(a.getOrDefault("senders", "4")),
                Integer.parseInt(a.getOrDefault("inFlight", "256")),
                Integer.parseInt(a.getOrDefault("receivers", "4")),
                Integer.parseInt(a.getOrDefault("credit", "256")));
        List<String> order = List.of(a.getOrDefault("order", "omnibus,artemis").split(","));
        String generator = a.getOrDefault("generator", "engine");
        // With the rounds below, long enough for both brokers to be measured fully warm (see the class comment).
        int warmup = Integer.parseInt(a.getOrDefault("warmup", String.valueOf(Math.max(1_000, shape.messages() * 2))));
        int generatorThreads = Integer.parseInt(a.getOrDefault("generatorThreads", "1"));
        // Several measured rounds per broker, reported by the median one: the JIT still compiles large methods
        // (100-300 ms each on two cores) well after the warm-up, and one round can catch more of that than another.
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "9"));
        Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
        System.out.printf("workload: %s, generator %s%n", shape, generator.equals("engine")
                ? "protonj2 engine on " + generatorThreads + " event loop(s)" : "protonj2-client");

        Map<String, AmqpLoad.Figures> results = new LinkedHashMap<>();
        Map<String, String> storage = new LinkedHashMap<>();
        Map<String, Double> cpuPerMessage = new LinkedHashMap<>();
        Map<String, List<String>> roundRates = new LinkedHashMap<>();
        for (String broker : order) {
            Path dir = Files.createTempDirectory(base, "bench-" + broker + "-");
            EventLoopGroup loops = EngineLoad.loops(generatorThreads);
            try (Brokers.Running running = start(broker.trim(), dir)) {
                storage.put(running.name(), running.storage());
                System.out.printf("%s: %s, AMQP on %s:%d%n", running.name(), running.storage(), running.host(),
                        running.port());
                AmqpLoad.Figures warm = load(generator, loops, running, shape.warmup(warmup));
                System.out.printf("%s warm-up: %,.0f msg/s%n", running.name(), warm.messagesPerSecond());
                ThreadCpu cpu = ThreadCpu.start();
                List<AmqpLoad.Figures> measured = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    AmqpLoad.Figures f = load(generator, loops, running, shape);
                    measured.add(f);
                    print(f);
                }
                results.put(running.name(), median(measured));
                roundRates.put(running.name(), measured.stream()
                        .map(f -> String.valueOf(Math.round(f.messagesPerSecond()))).toList());
                System.out.print(cpu.report(shape.messages() * rounds));
                cpuPerMessage.put(running.name(), cpu.microsPerMessage());
                System.out.print(cpu.schedReport());
            } finally {
                loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                deleteTree(dir);
            }
        }
        report(shape, generator.equals("engine") ? "protonj2 engine 1.1.0 on Netty, " + generatorThreads
                + " event loop(s)" : "protonj2-client 1.1.0", results, storage, cpuPerMessage, rounds, roundRates);
    }

    private static AmqpLoad.Figures load(String generator, EventLoopGroup loops, AmqpLoad.Target target,
                                         AmqpLoad.Shape shape) throws Exception {
        return switch (generator) {
            case "engine" -> EngineLoad.run(loops, target, shape);
            case "client" -> AmqpLoad.run(target, shape);
            default -> throw new IllegalArgumentException("unknown generator '" + generator + "' (engine, client)");
        };
    }

    private static Brokers.Running start(String broker, Path dir) throws Exception {
        return switch (broker) {
            case "omnibus" -> Brokers.omnibus(dir);
            case "artemis" -> Brokers.artemis(dir);
            default -> throw new IllegalArgumentException("unknown broker '" + broker + "' (omnibus, artemis)");
        };
    }

    private static void print(AmqpLoad.Figures f) {
        System.out.printf("%s: %,d messages in %.2f s = %,.0f msg/s; send-ack p50 %.2f ms p99 %.2f ms; "
                        + "end-to-end p50 %.2f ms p99 %.2f ms max %.2f ms; not accepted %d%n",
                f.broker(), f.messages(), f.seconds(), f.messagesPerSecond(), f.sendAckP50Ms(), f.sendAckP99Ms(),
                f.endToEndP50Ms(), f.endToEndP99Ms(), f.endToEndMaxMs(), f.rejectedSends());
    }

    /** The round with the median throughput (the lower middle one for an even count). */
    private static AmqpLoad.Figures median(List<AmqpLoad.Figures> rounds) {
        List<AmqpLoad.Figures> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(AmqpLoad.Figures::messagesPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static void report(AmqpLoad.Shape shape, String client, Map<String, AmqpLoad.Figures> results,
                               Map<String, String> storage, Map<String, Double> cpuPerMessage, int rounds,
                               Map<String, List<String>> roundRates) {
        System.out.println();
        System.out.printf("median of %d rounds; every round's msg/s: %s%n", rounds, roundRates);
        System.out.printf("%-9s %12s %13s %13s %12s %12s%n", "broker", "msg/s", "send-ack p50", "send-ack p99",
                "e2e p50", "e2e p99");
        results.values().forEach(f -> System.out.printf("%-9s %12.0f %10.2f ms %10.2f ms %9.2f ms %9.2f ms%n",
                f.broker(), f.messagesPerSecond(), f.sendAckP50Ms(), f.sendAckP99Ms(), f.endToEndP50Ms(),
                f.endToEndP99Ms()));

        BenchResult json = new BenchResult("amqp-broker-vs-artemis")
                .put("messages", shape.messages()).put("messageBytes", shape.size())
                .put("senders", shape.senders()).put("inFlightPerSender", shape.inFlight())
                .put("receivers", shape.receivers()).put("creditPerReceiver", shape.credit())
                .put("client", client).put("rounds", rounds);
        results.values().forEach(f -> json
                .put(f.broker() + ".storage", storage.get(f.broker()))
                .put(f.broker() + ".msgPerSec", Math.round(f.messagesPerSecond()))
                .put(f.broker() + ".roundsMsgPerSec", String.join(" ", roundRates.get(f.broker())))
                .put(f.broker() + ".seconds", f.seconds())
                .put(f.broker() + ".sendAckP50Ms", f.sendAckP50Ms())
                .put(f.broker() + ".sendAckP99Ms", f.sendAckP99Ms())
                .put(f.broker() + ".endToEndP50Ms", f.endToEndP50Ms())
                .put(f.broker() + ".endToEndP99Ms", f.endToEndP99Ms())
                .put(f.broker() + ".endToEndMaxMs", f.endToEndMaxMs())
                .put(f.broker() + ".notAccepted", f.rejectedSends())
                // Every thread of the JVM (broker, generator, JIT, GC) per message: steadier than msg/s on a busy host.
                .put(f.broker() + ".cpuMicrosPerMessage", Math.round(cpuPerMessage.get(f.broker()) * 10) / 10.0));
        AmqpLoad.Figures omnibus = results.get("omnibus");
        AmqpLoad.Figures artemis = results.get("artemis");
        if (omnibus != null && artemis != null) {
            double ratio = omnibus.messagesPerSecond() / artemis.messagesPerSecond();
            System.out.printf("ratio omnibus / artemis: throughput %.2fx, e2e p99 %.2fx%n", ratio,
                    omnibus.endToEndP99Ms() / artemis.endToEndP99Ms());
            json.put("throughputRatioOmnibusToArtemis", Math.round(ratio * 100) / 100.0);
        }
        System.out.println();
        json.report();
    }

    private static Map<String, String> arguments(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got '" + arg + "'");
            }
            out.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
