package dev.omnibus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Figures of one benchmark run: printed, and written as JSON to {@code target/bench-results/<name>.json}. */
public final class BenchResult {
    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public BenchResult(String name) {
        this.name = name;
        figures.put("benchmark", name);
        figures.put("at", Instant.now().toString());
        figures.put("commit", System.getProperty("bench.commit", "unknown"));
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("java", System.getProperty("java.version"));
        figures.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    }

    public BenchResult put(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    public void report() {
        figures.forEach((k, v) -> System.out.printf("%-28s %s%n", k, v));
        String json = figures.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": " + (e.getValue() instanceof Number || e.getValue() instanceof Boolean
                        ? e.getValue().toString() : "\"" + e.getValue().toString().replace("\"", "\\\"") + "\""))
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        try {
            Path dir = Path.of(System.getProperty("bench.out", "target/bench-results"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
