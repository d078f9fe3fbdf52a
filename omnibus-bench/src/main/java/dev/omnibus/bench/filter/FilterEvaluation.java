package dev.omnibus.bench.filter;

import dev.omnibus.bench.BenchResult;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.filter.CorrelationFilter;
import dev.omnibus.core.filter.Filter;
import dev.omnibus.core.filter.Filterable;
import dev.omnibus.core.filter.IncomingMessageView;
import dev.omnibus.core.filter.SqlFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many topic-filter evaluations one thread does per second: the target is at least 2M/s for a three-clause SQL
 * filter. Plain {@code main}, no JMH: warm up, then time several rounds of {@code -Devals} evaluations over a
 * rotating set of realistic messages (a few matching, most not), and report the median and best round.
 *
 * <pre>
 * java -cp omnibus-bench/target/classes:$(cat omnibus-bench/target/cp.txt) dev.omnibus.bench.filter.FilterEvaluation
 * </pre>
 *
 * Writes {@code target/bench-results/filter-evaluation.json} (directory from {@code -Dbench.out}).
 */
public final class FilterEvaluation {
    static final String SQL = "sys.Label = 'orders' AND priority > 5 AND region IN ('eu', 'us')";

    private FilterEvaluation() {
    }

    public static void main(String[] args) {
        long evals = Long.getLong("evals", 20_000_000L);
        int rounds = Integer.getInteger("rounds", 5);
        Filterable[] messages = messages();

        BenchResult figures = new BenchResult("filter-evaluation");
        figures.put("sqlFilter", SQL);
        figures.put("evaluationsPerRound", evals);
        figures.put("rounds", rounds);
        measure("sql", SqlFilter.parse(SQL), messages, evals, rounds, figures);
        measure("correlation", CorrelationFilter.builder().subject("orders").property("region", "eu").build(),
                messages, evals, rounds, figures);
        figures.put("parsesPerSecond", (long) parsesPerSecond());
        figures.report();
    }

    private static void measure(String name, Filter filter, Filterable[] messages, long evals, int rounds,
                                BenchResult figures) {
        // Warm-up: enough iterations for C2 to compile the evaluation tree's call sites.
        long sink = run(filter, messages, Math.max(evals / 2, 5_000_000L));
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            sink += run(filter, messages, evals);
            long elapsed = System.nanoTime() - start;
            rates[r] = evals * 1e9 / elapsed;
        }
        Arrays.sort(rates);
        figures.put(name + "EvalsPerSecondMedian", (long) rates[rounds / 2]);
        figures.put(name + "EvalsPerSecondBest", (long) rates[rounds - 1]);
        figures.put(name + "Matched", sink);
    }

    /** Returns how many evaluations matched, so the JIT cannot drop the work. */
    private static long run(Filter filter, Filterable[] messages, long evals) {
        long matched = 0;
        int n = messages.length;
        for (long i = 0; i < evals; i++) {
            if (filter.matches(messages[(int) (i % n)])) {
                matched++;
            }
        }
        return matched;
    }

    private static double parsesPerSecond() {
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            SqlFilter.parse(SQL);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            SqlFilter.parse(SQL);
        }
        return n * 1e9 / (System.nanoTime() - start);
    }

    /** Sixteen messages like an order topic would carry; three of them match the SQL filter. */
    private static Filterable[] messages() {
        String[] labels = {"orders", "orders", "invoices", "orders"};
        String[] regions = {"eu", "us", "apac", "eu"};
        Filterable[] views = new Filterable[16];
        long now = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < views.length; i++) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("priority", i % 10);
            props.put("region", regions[i % regions.length]);
            props.put("customerId", "c-" + (1000 + i));
            props.put("amount", 10.5 * i);
            props.put("express", i % 3 == 0);
            props.put("attempt", (long) i);
            IncomingMessage m = IncomingMessage.builder(new byte[512]).messageId("m-" + i)
                    .correlationId("corr-" + i).subject(labels[i % labels.length]).contentType("application/json")
                    .timeToLive(Duration.ofMinutes(10)).applicationProperties(props).build();
            views[i] = IncomingMessageView.of(m, 1000 + i, now + i);
        }
        return views;
    }
}
