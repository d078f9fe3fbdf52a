package dev.omnibus.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Main} in a child JVM on the test classpath: the only way to see real exit codes and the shutdown hook.
 * Stderr goes to a file (a pipe read while the process exits can be closed under the reader), stdout stays a pipe
 * so the ready line can be awaited.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path stderrFile;
    private final BufferedReader stdout;

    private ServerProcess(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ServerProcess start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path stderr = workDir.resolve("stderr.log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(stderr.toFile()).start();
        return new ServerProcess(process, stderr);
    }

    /** The next stdout line, or null if the process ended without one. */
    String nextLine(long timeoutSeconds) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(timeoutSeconds, TimeUnit.SECONDS);
    }

    int exitCode(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("server process did not exit within " + timeoutSeconds + " s");
        }
        return process.exitValue();
    }

    /** Asks for a normal stop (SIGTERM), as Ctrl+C or an orchestrator would. */
    void terminate() {
        process.destroy();
    }

    /** Everything the process wrote to stderr; read it after {@link #exitCode}. */
    String stderr() throws IOException {
        return Files.readString(stderrFile);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
