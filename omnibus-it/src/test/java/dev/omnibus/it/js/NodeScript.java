package dev.omnibus.it.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the JavaScript SDK smoke scripts of {@code src/test/js} with {@code node} for the {@code Js*SdkIT}
 * tests: the test is skipped (saying why) when {@code node} is not on the PATH or the pinned npm
 * packages are not installed ({@code cd omnibus-it/src/test/js && npm ci}); otherwise it fails with the script's
 * output unless the script exits 0 within its time and prints its {@code # all N checks passed} line.
 */
final class NodeScript {
    static final Path SCRIPT_DIR = moduleDir().resolve("src/test/js");

    private NodeScript() {
    }

    /** Skips the calling test unless node and the pinned packages are there; returns node's version. */
    static String assumeNodeAndPackages() {
        String node = nodeVersion();
        assumeTrue(node != null, "node is not on the PATH: the JavaScript SDK smoke is skipped");
        assumeTrue(Files.isRegularFile(SCRIPT_DIR.resolve("node_modules/@azure/service-bus/package.json")),
                "the npm packages are not installed (cd omnibus-it/src/test/js && npm ci --no-audit --no-fund): "
                        + "the JavaScript SDK smoke is skipped");
        return node;
    }

    /**
     * Runs {@code node <script> <args...>} in the script directory and asserts it passed.
     *
     * @return the script's output
     */
    static String runAndAssertPassed(String node, long timeoutSeconds, String script, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(SCRIPT_DIR.toFile()).redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        CompletableFuture<String> output = readAll(process.getInputStream());
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = output.get(10, TimeUnit.SECONDS);
        System.out.println(script + " (node " + node + "):\n" + log);
        assertThat(finished).as("%s finished within %d s; its output:%n%s", script, timeoutSeconds, log).isTrue();
        assertThat(process.exitValue()).as("%s exit code; its output:%n%s", script, log).isZero();
        assertThat(log).contains("# all ");
        return log;
    }

    /** {@code node --version}, or null when there is no node to run. */
    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder(List.of("node", "--version")).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static CompletableFuture<String> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread reader = new Thread(task, "node-output");
            reader.setDaemon(true);
            reader.start();
        });
    }

    /** The omnibus-it directory: Maven's {@code basedir}, or the working directory (failsafe's default). */
    private static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        Path dir = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        return Files.isDirectory(dir.resolve("src/test/js")) ? dir : dir.resolve("omnibus-it");
    }
}
