package dev.omnibus.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point in a child JVM: exit codes, the ready line, and a clean stop on SIGTERM. */
@Timeout(60)
class MainProcessTest {
    private static final Pattern READY = Pattern.compile("Omnibus ready: amqp=(\\d+) http=(\\d+) connection string: "
            + "Endpoint=sb://127\\.0\\.0\\.1:\\1;SharedAccessKeyName=RootManageSharedAccessKey;"
            + "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true");

    @TempDir
    Path dir;

    @Test
    void aBadFlagExitsWithTwo() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--amqp-port", "many")) {
            assertThat(server.exitCode(30)).isEqualTo(2);
            assertThat(server.nextLine(5)).isNull();
            assertThat(server.stderr()).isEqualTo("omnibus: Invalid value for option '--amqp-port': 'many' is not "
                    + "an int (see --help)" + System.lineSeparator());
        }
    }

    @Test
    void aBadConfigExitsWithTwo() throws Exception {
        Path config = Files.writeString(dir.resolve("Config.json"), "{\"UserConfig\": {\"Namespaces\": 5}}");

        try (ServerProcess server = ServerProcess.start(dir, "--in-memory", "--config", config.toString())) {
            assertThat(server.exitCode(30)).isEqualTo(2);
            assertThat(server.stderr()).isEqualTo("omnibus: invalid configuration " + config
                    + ": UserConfig.Namespaces: expected an array, found the number 5" + System.lineSeparator());
        }
    }

    @Test
    void startsPrintsTheReadyLineAnswersHealthAndStopsCleanly() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--host", "127.0.0.1", "--amqp-port", "0",
                "--http-port", "0")) {
            String ready = server.nextLine(30);
            Matcher ports = READY.matcher(String.valueOf(ready));
            assertThat(ports.matches()).as(ready).isTrue();

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ports.group(2) + "/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Files.isDirectory(dir.resolve("omnibus-data"))).as("default data directory").isTrue();

            server.terminate();
            server.exitCode(30);
            assertThat(server.nextLine(5)).as("exactly one line on stdout").isNull();
            assertThat(server.stderr()).contains("Closed embedded store", "Omnibus stopped");
        }
    }
}
