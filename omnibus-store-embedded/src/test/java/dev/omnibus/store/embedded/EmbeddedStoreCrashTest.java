package dev.omnibus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.store.StoredMessage;
import dev.omnibus.core.store.tck.RecoveredState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a store writer process with SIGKILL while it commits, then checks the directory: nothing acknowledged is
 * lost and nothing half-written appears. Two rounds, so the second also recovers a crashed directory, writes on
 * and is killed again.
 */
class EmbeddedStoreCrashTest {
    private static final long ACKS_PER_ROUND = 300;
    private static final long WAIT_SECONDS = 60;
    private static final String EOF = "<eof>";
    /**
     * Small journal segments (about a hundred batches each): every round seals and retires many, moves held payloads
     * into RocksDB and reuses spare segments before the kill, so recovery meets all of that.
     */
    private static final long SEGMENT_BYTES = 64 << 10;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void killedWriterLosesNothingAcknowledgedAndLeavesNoHalfBatch() throws Exception {
        long acknowledged = -1;
        for (int round = 1; round <= 2; round++) {
            acknowledged = runAndKill(round, acknowledged);
            verify(acknowledged);
        }
    }

    /** Starts the writer, waits for {@link #ACKS_PER_ROUND} acknowledgements, kills it; returns the highest ACK. */
    private long runAndKill(int round, long acknowledgedBefore) throws Exception {
        Path stderr = directory.resolve("writer-" + round + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // RocksDB extracts its native library to java.io.tmpdir; a killed JVM never deletes it, so keep it in
        // the test's directory, which JUnit removes.
        Path tmp = Files.createDirectories(directory.resolve("tmp"));
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx128m",
                "-Djava.io.tmpdir=" + tmp, CrashWriter.class.getName(), directory.resolve("store").toString(),
                String.valueOf(SEGMENT_BYTES))
                .redirectError(stderr.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The pipe breaks when the child is killed: that is the end of its output.
            }
            lines.add(EOF);
        }, "crash-writer-stdout");
        pump.setDaemon(true);
        pump.start();
        long highest = acknowledgedBefore;
        long target = Long.MAX_VALUE;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (highest < target) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    fail("writer " + (line == null ? "timed out" : "ended") + " after ACK " + highest
                            + "; stderr:\n" + Files.readString(stderr));
                }
                if (line.startsWith("START ")) {
                    long first = Long.parseLong(line.substring(6));
                    // A restart continues right after the batches that survived, which include every ACK.
                    assertThat(first).isGreaterThan(acknowledgedBefore);
                    target = first + ACKS_PER_ROUND;
                } else if (line.startsWith("ACK ")) {
                    long n = Long.parseLong(line.substring(4));
                    assertThat(n).as("acknowledgements in order").isGreaterThan(highest);
                    highest = n;
                } else {
                    fail("writer said: " + line + "; stderr:\n" + Files.readString(stderr));
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, writes cut wherever they are
            assertThat(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("writer died").isTrue();
        }
        return highest;
    }

    private void verify(long acknowledged) throws IOException {
        // RocksDB kept the groups in memtables only: what the kill left must be in the journal, to be replayed.
        try (java.util.stream.Stream<Path> segments = Files.list(directory.resolve("store").resolve("journal"))) {
            assertThat(segments.filter(p -> p.toString().endsWith(".journal")).mapToLong(p -> p.toFile().length())
                    .sum()).as("journal bytes left by the kill").isGreaterThan(8);
        }
        int k = CrashWriter.MESSAGES_PER_BATCH;
        try (EmbeddedMessageStore store = EmbeddedMessageStore.open(directory.resolve("store"))) {
            RecoveredState state = RecoveredState.of(store);
            assertThat(state.violations).isEmpty();
            assertThat(state.messages.keySet()).containsOnly(CrashWriter.QUEUE);
            Map<Long, List<MessageMeta>> byBatch = new TreeMap<>();
            for (MessageMeta m : state.queue(CrashWriter.QUEUE)) {
                byBatch.computeIfAbsent((m.sequenceNumber() - 1) / k, b -> new ArrayList<>()).add(m);
            }
            long present = byBatch.size();
            // Batches are applied in order and each atomically: what survives is exactly batches 0 .. present-1.
            assertThat(byBatch.keySet()).as("surviving batches form a prefix")
                    .containsExactlyElementsOf(range(present));
            assertThat(present - 1).as("every acknowledged batch survived").isGreaterThanOrEqualTo(acknowledged);
            for (Map.Entry<Long, List<MessageMeta>> e : byBatch.entrySet()) {
                long batch = e.getKey();
                assertThat(e.getValue()).as("batch %d is whole", batch).hasSize(k);
                for (int i = 0; i < k; i++) {
                    long seq = batch * k + i + 1;
                    assertThat(e.getValue().get(i)).isEqualTo(CrashWriter.meta(seq));
                    StoredMessage stored = store.read(CrashWriter.QUEUE, seq);
                    assertThat(stored.payload()).as("payload of %d", seq).isEqualTo(CrashWriter.payload(batch, i));
                }
            }
            assertThat(state.sequences).containsExactly(Map.entry(CrashWriter.ENTITY, present * k));
        }
    }

    private static List<Long> range(long n) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
