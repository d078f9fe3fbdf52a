package dev.omnibus.it.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.omnibus.testkit.EmbeddedBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official JavaScript SDK ({@code @azure/service-bus} 7.9.5) against an {@link EmbeddedBroker}: runs
 * {@code src/test/js/queue-smoke.mjs}, the same script {@code src/test/js/run.sh} runs against the packaged server,
 * and fails with the script's output unless it exits 0.
 *
 * <p>Needs {@code node} on the PATH and the pinned packages installed ({@code cd omnibus-it/src/test/js && npm ci});
 * {@code .ci/run} installs them first. Without either the test is skipped, saying which is missing.
 */
@Timeout(180)
class JsSdkIT {
    private static final String QUEUE = "js-smoke";
    private static final Path SCRIPT_DIR = moduleDir().resolve("src/test/js");
    private static final long SCRIPT_TIMEOUT_SECONDS = 150;

    @Test
    void queueScenariosPassWithTheJavaScriptSdk() throws Exception {
        String node = nodeVersion();
        assumeTrue(node != null, "node is not on the PATH: the JavaScript SDK smoke is skipped");
        assumeTrue(Files.isRegularFile(SCRIPT_DIR.resolve("node_modules/@azure/service-bus/package.json")),
                "the npm packages are not installed (cd omnibus-it/src/test/js && npm ci --no-audit --no-fund): "
                        + "the JavaScript SDK smoke is skipped");

        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            broker.createQueue(QUEUE);
            Process process = new ProcessBuilder("node", "queue-smoke.mjs", broker.connectionString(), QUEUE)
                    .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            CompletableFuture<String> output = readAll(process.getInputStream());
            boolean finished = process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String log = output.get(10, TimeUnit.SECONDS);
            System.out.println("queue-smoke.mjs (node " + node + "):\n" + log);
            assertThat(finished).as("queue-smoke.mjs finished within %d s; its output:%n%s",
                    SCRIPT_TIMEOUT_SECONDS, log).isTrue();
            assertThat(process.exitValue()).as("queue-smoke.mjs exit code; its output:%n%s", log).isZero();
            assertThat(log).contains("# all ");
        }
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
