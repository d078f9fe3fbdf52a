package dev.omnibus.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official JS admin clients (@azure/service-bus 7.9.5 with an https-to-http policy, 7.10.0-beta.2 natively in
 * emulator mode) run {@code src/test/js/admin/run.js} against a real server. {@code install.sh} installs the pinned
 * packages into {@code target/js-admin} first (npm ci, needs the npm registry). Skipped only when node is absent.
 */
@Timeout(600)
class JsAdminClientIT {
    private static final Path JS = Path.of("src/test/js/admin").toAbsolutePath();
    private static final Path INSTALL = Path.of("target/js-admin").toAbsolutePath();

    @Test
    void officialJsAdminClientsManageEverything() throws Exception {
        Assumptions.assumeTrue(nodeVersion() != null,
                "node is not installed: skipping the JavaScript admin client test (install Node.js 20+ to run it)");
        Process install = start(List.of("bash", JS.resolve("install.sh").toString(), INSTALL.toString()), Map.of());
        String installLog = output(install, 540);
        assertThat(install.exitValue()).as("install.sh failed:%n%s", installLog).isZero();

        try (OmnibusServer server = OmnibusServer.start(ServerOptions.ephemeral())) {
            Process run = start(List.of("node", JS.resolve("run.js").toString()), Map.of(
                    "OMNIBUS_HTTP_PORT", String.valueOf(server.httpPort()),
                    "OMNIBUS_JS_MODULES", INSTALL.resolve("node_modules").toString(),
                    "OMNIBUS_SAS_KEY_NAME", server.options().sasKeyName(),
                    "OMNIBUS_SAS_KEY", server.options().sasKey()));
            String log = output(run, 300);
            System.out.println(log);

            assertThat(run.exitValue()).as("run.js failed:%n%s", log).isZero();
            assertThat(log).containsPattern("(?m)^\\d+ passed, 0 failed$");
        }
    }

    private static String nodeVersion() {
        try {
            Process p = start(List.of("node", "--version"), Map.of());
            String version = output(p, 30).trim();
            return p.exitValue() == 0 ? version : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Process start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Waits for the process (killing it, by its handle, after the timeout) and returns what it printed. */
    private static String output(Process p, long timeoutSeconds) throws IOException {
        Path log = Files.createTempFile("omnibus-js", ".log");
        try {
            Thread copier = new Thread(() -> {
                try {
                    Files.copy(p.getInputStream(), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    // the process output is best effort
                }
            });
            copier.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            copier.join(TimeUnit.SECONDS.toMillis(10));
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
