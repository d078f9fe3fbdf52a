package dev.omnibus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged {@code target/omnibus.jar}, run as users run it ({@code java -jar}): it starts, knows its version,
 * finds its dependencies, talks to a management API, and reports errors in one line with no logging noise.
 */
@Timeout(120)
class OmnibusJarIT {
    private static final Path JAR = Path.of(System.getProperty("omnibus.cli.jar", "target/omnibus.jar"));

    /** What the process printed and returned. */
    record Result(int code, String out, String err) {
    }

    static Result omnibus(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("OMNIBUS_CONNECTION_STRING");
        builder.environment().remove("OMNIBUS_MANAGEMENT_ENDPOINT");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("omnibus-out", ".txt");
        Path err = Files.createTempFile("omnibus-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("omnibus " + String.join(" ", args) + " did not end within 60 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    @Test
    void theJarRunsAndKnowsItsVersion() throws Exception {
        assertThat(JAR).exists();

        Result version = omnibus(Map.of(), "--version");
        Result help = omnibus(Map.of(), "dlq", "--help");

        assertThat(version.code()).isZero();
        assertThat(version.out().strip()).matches("omnibus \\d+\\.\\d+\\.\\d+.*");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("resubmit", "purge", "list");
    }

    @Test
    void theJarTalksToTheManagementApiAndFailsCleanly() throws Exception {
        try (FakeAdminServer server = new FakeAdminServer()) {
            server.then(200, FakeAdminServer.feed(FakeAdminServer.queueEntry("orders")))
                    .then(200, FakeAdminServer.feed(FakeAdminServer.queueEntry("orders")))
                    .then(404, FakeAdminServer.error(404, "The messaging entity 'ns:Queue:nope' could not be found."));
            Map<String, String> env = Map.of("OMNIBUS_CONNECTION_STRING", "Endpoint=sb://localhost;"
                    + "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;"
                    + "UseDevelopmentEmulator=true", "OMNIBUS_MANAGEMENT_ENDPOINT", server.endpoint());

            Result list = omnibus(env, "queue", "list", "--output", "json");
            Result missing = omnibus(env, "queue", "show", "nope");

            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).contains("\"name\" : \"orders\"", "\"activeMessageCount\" : 5");
            assertThat(list.err()).isEmpty();
            assertThat(missing.code()).isEqualTo(3);
            assertThat(missing.out()).isEmpty();
            assertThat(missing.err()).startsWith("omnibus: Getting queue 'nope'").hasLineCount(1);
        }
    }
}
