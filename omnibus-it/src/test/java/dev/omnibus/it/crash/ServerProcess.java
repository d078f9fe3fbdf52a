package dev.omnibus.it.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An Omnibus server ({@code dev.omnibus.server.Main}) in a child JVM on a data directory, on {@code 127.0.0.1} and
 * random ports. The child runs from this JVM's test class path, which includes {@code omnibus-server}, so it works
 * in a reactor build before any jar is packaged. Its stderr (the log) goes to a file; its stdout is read for the one
 * ready line. Not thread-safe: one test drives it.
 */
final class ServerProcess implements AutoCloseable {
    private static final String READY = "Omnibus ready: ";
    private static final String CONNECTION_STRING = " connection string: ";

    private final Process process;
    private final String connectionString;
    private final Path log;

    private ServerProcess(Process process, String connectionString, Path log) {
        this.process = process;
        this.connectionString = connectionString;
        this.log = log;
    }

    /** Starts a server on {@code dataDir} and returns once it printed its ready line (or fails after the timeout). */
    static ServerProcess start(Path dataDir, Path log, long readyTimeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        command.addAll(List.of("-cp", testClassPath(), "dev.omnibus.server.Main",
                "--host", "127.0.0.1", "--amqp-port", "0", "--http-port", "0", "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        // Should the test JVM be stopped (a fork timeout, Ctrl-C), the server must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "omnibus-child-reaper"));
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, ready), "omnibus-child-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = ready.get(readyTimeoutSeconds, TimeUnit.SECONDS);
            return new ServerProcess(process, line.substring(line.indexOf(CONNECTION_STRING)
                    + CONNECTION_STRING.length()).trim(), log);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("The server did not become ready within " + readyTimeoutSeconds
                    + " s (exit " + (process.isAlive() ? "-" : process.exitValue()) + "); its log:\n" + tail(log), e);
        }
    }

    /** Reads stdout to its end (so the child never blocks on a full pipe), completing {@code ready} on the line. */
    private static void readStdout(Process process, CompletableFuture<String> ready) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(READY) && line.contains(CONNECTION_STRING)) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("stdout closed before the ready line"));
    }

    /**
     * The class path the test itself runs on. Surefire and failsafe run tests through a manifest-only jar, so
     * {@code java.class.path} is that jar and the real list is in {@code surefire.test.class.path}; an IDE puts
     * it in {@code java.class.path}.
     */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String cp = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        if (!cp.contains("omnibus-server")) {
            throw new IllegalStateException("omnibus-server is not on the test class path: " + cp);
        }
        return cp;
    }

    String connectionString() {
        return connectionString;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The server process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** The last lines of the child's log, for failure messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logTail() {
        return tail(log);
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
