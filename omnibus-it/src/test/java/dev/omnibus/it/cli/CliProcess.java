package dev.omnibus.it.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code omnibus} command: {@code dev.omnibus.cli.Main} in a child JVM with this test's classpath, the
 * given environment and optional standard input, and collects its exit code and both output streams.
 */
final class CliProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env = new HashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    /** What one run printed and returned. */
    record Result(int code, String out, String err, List<String> args) {
        /** This result, after checking that the command succeeded (the failure message shows what it printed). */
        Result ok() {
            if (code != 0) {
                throw new AssertionError("Expected exit code 0 from " + this);
            }
            return this;
        }

        JsonNode json() {
            ok();
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("Not JSON from omnibus " + args + ": " + out + err, e);
            }
        }

        @Override
        public String toString() {
            return "omnibus " + String.join(" ", args) + " -> " + code + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A JVM option of the child, e.g. {@code -Djavax.net.ssl.trustStore=...}, as a user would give java. */
    CliProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    Result run(String... args) {
        return runWithInput(null, args);
    }

    Result runWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                // The test classpath carries slf4j-simple; the shipped jar has no binding and logs nothing.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.omnibus.cli.Main"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("omnibus-out", ".txt");
            Path err = Files.createTempFile("omnibus-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("OMNIBUS_CONNECTION_STRING");
            builder.environment().remove("OMNIBUS_MANAGEMENT_ENDPOINT");
            builder.environment().putAll(env);
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(150, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("omnibus " + String.join(" ", args) + " did not end within 150 s "
                        + "(the command itself gives up after 3 tries of 30 s)");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), List.of(args));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
