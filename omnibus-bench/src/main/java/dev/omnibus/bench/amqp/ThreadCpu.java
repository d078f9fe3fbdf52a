package dev.omnibus.bench.amqp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent per thread group (thread names with their digits and connection ids folded) between two snapshots,
 * to tell the broker's threads from the load generator's in a run where both share the JVM.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    private final Map<Long, Long> startUser = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long startWall = System.nanoTime();
    private final Map<String, long[]> startSched = schedstat();
    private final long[] startMachine = machine();

    private ThreadCpu() {
    }

    static ThreadCpu start() {
        ThreadCpu t = new ThreadCpu();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                t.start.put(id, cpu);
                t.startUser.put(id, THREADS.getThreadUserTime(id));
            }
        }
        return t;
    }

    /**
     * Per OS thread (Linux {@code /proc/self/task/N/schedstat}): nanoseconds run and waited for a CPU while runnable,
     * keyed by task id and native name; empty elsewhere.
     */
    private static Map<String, long[]> schedstat() {
        Map<String, long[]> out = new HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return out;
        }
        for (java.io.File task : tasks) {
            try {
                String name = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim();
                String[] f = java.nio.file.Files.readString(task.toPath().resolve("schedstat")).trim().split(" ");
                out.put(task.getName() + " " + name, new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
            } catch (java.io.IOException | RuntimeException e) {
                // The thread ended meanwhile, or no schedstat here.
            }
        }
        return out;
    }

    /**
     * The machine's CPU time by state (Linux {@code /proc/stat}, all CPUs, in clock ticks): whether the CPUs were
     * busy or idle while threads waited; empty elsewhere.
     */
    private static long[] machine() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim()
                    .split("\\s+");
            long[] out = new long[8];
            for (int i = 0; i < out.length; i++) {
                out[i] = Long.parseLong(f[i + 1]);
            }
            return out;
        } catch (java.io.IOException | RuntimeException e) {
            return new long[0];
        }
    }

    /** Run and run-queue wait per native thread group since the snapshot: how much the machine made threads wait. */
    String schedReport() {
        Map<String, long[]> byGroup = new HashMap<>();
        schedstat().forEach((key, v) -> {
            long[] before = startSched.getOrDefault(key, new long[2]);
            long[] sum = byGroup.computeIfAbsent(group(key.substring(key.indexOf(' ') + 1)), k -> new long[2]);
            sum[0] += v[0] - before[0];
            sum[1] += v[1] - before[1];
        });
        long run = byGroup.values().stream().mapToLong(v -> v[0]).sum();
        long wait = byGroup.values().stream().mapToLong(v -> v[1]).sum();
        StringBuilder out = new StringBuilder(String.format("  run %.2f s, waited for a CPU %.2f s%n", run / 1e9,
                wait / 1e9));
        long[] now = machine();
        if (now.length == startMachine.length && now.length > 0) {
            long[] d = new long[now.length];
            long all = 0;
            for (int i = 0; i < now.length; i++) {
                d[i] = now[i] - startMachine[i];
                all += d[i];
            }
            // /proc/stat cpu line: user nice system idle iowait irq softirq steal
            double pct = 100.0 / Math.max(1, all);
            out.append(String.format("  machine: user %.0f%%, system %.0f%%, irq %.0f%%, idle %.0f%%, iowait %.0f%%, "
                    + "steal %.0f%%%n", (d[0] + d[1]) * pct, d[2] * pct, (d[5] + d[6]) * pct, d[3] * pct, d[4] * pct,
                    d[7] * pct));
        }
        byGroup.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .filter(e -> e.getValue()[0] > run / 100)
                .forEach(e -> out.append(String.format("  %6.2f s run %6.2f s waited  %s%n", e.getValue()[0] / 1e9,
                        e.getValue()[1] / 1e9, e.getKey())));
        return out.toString();
    }

    /** CPU microseconds per message of the last {@link #report}, all threads of the JVM together. */
    private double microsPerMessage;

    double microsPerMessage() {
        return microsPerMessage;
    }

    /** CPU seconds per group since the snapshot, largest first, as one line per group, and per message in all. */
    String report(int messages) {
        double wall = (System.nanoTime() - startWall) / 1e9;
        Map<String, Long> byGroup = new HashMap<>();
        Map<String, Long> userByGroup = new HashMap<>();
        long total = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            var info = THREADS.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            long used = cpu - start.getOrDefault(id, 0L);
            byGroup.merge(group(info.getThreadName()), used, Long::sum);
            userByGroup.merge(group(info.getThreadName()),
                    THREADS.getThreadUserTime(id) - startUser.getOrDefault(id, 0L), Long::sum);
            total += used;
        }
        microsPerMessage = total / 1e3 / messages;
        StringBuilder out = new StringBuilder(String.format(
                "  cpu %.2f s over %.2f s wall (%.0f%% of one core), %.1f us per message%n",
                total / 1e9, wall, 100.0 * total / 1e9 / wall, total / 1e3 / messages));
        long all = total;
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > all / 100)
                .forEach(e -> out.append(String.format("  %6.2f s %4.1f%% (user %3.0f%%)  %s%n",
                        e.getValue() / 1e9, 100.0 * e.getValue() / all,
                        100.0 * userByGroup.get(e.getKey()) / Math.max(1, e.getValue()), e.getKey())));
        return out.toString();
    }

    private static String group(String name) {
        return name.replaceAll("\\(ID:[^)]*\\)", "(ID)").replaceAll("[0-9]+", "#");
    }
}
