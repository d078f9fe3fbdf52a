package dev.omnibus.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Main's flag handling, run in-process with captured streams; a stand-in binds the AMQP port. */
@Timeout(30)
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<OmnibusServer> seen = new ArrayList<>();

    @Test
    void printsOneReadyLineWithTheRealPortsThenStops() {
        int code = run("--in-memory", "--host", "127.0.0.1", "--amqp-port", "0", "--http-port", "0");

        assertThat(code).isZero();
        OmnibusServer server = seen.get(0);
        assertThat(stdout()).isEqualTo("Omnibus ready: amqp=" + server.amqpPort() + " http=" + server.httpPort()
                + " connection string: Endpoint=sb://127.0.0.1:" + server.amqpPort()
                + ";SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;"
                + "UseDevelopmentEmulator=true" + System.lineSeparator());
        assertThat(server.isReady()).as("closed after the lifetime ends").isFalse();
    }

    @Test
    void usesTheGivenKeyAndOptions(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("Config.json"),
                "{\"UserConfig\": {\"Namespaces\": [{\"Name\": \"sbemulatorns\", \"Queues\": [{\"Name\": \"q\"}]}]}}");

        int code = run("--host=127.0.0.1", "--amqp-port=0", "--http-port=0", "--data-dir", dir.resolve("d").toString(),
                "--config", config.toString(), "--sas-key-name", "app", "--sas-key", "s3cret");

        assertThat(code).isZero();
        ServerOptions options = seen.get(0).options();
        assertThat(options.inMemory()).isFalse();
        assertThat(options.dataDir()).isEqualTo(dir.resolve("d"));
        assertThat(options.configFile()).isEqualTo(config);
        assertThat(stdout()).contains(";SharedAccessKeyName=app;SharedAccessKey=s3cret;");
        assertThat(Files.isDirectory(dir.resolve("d"))).isTrue();
    }

    @Test
    void sasPoliciesAreRepeatable() {
        ServerOptions options = parse("--sas-policy", "sender=c2VuZA==:Send", "--sas-policy=app=a2V5:Send,Listen");

        assertThat(options.sasPolicies()).extracting(p -> p.name() + " " + p.key() + " " + p.rights())
                .containsExactly("sender c2VuZA== [send]", "app a2V5 [send, listen]");
        assertThat(options.accessPolicies().login("RootManageSharedAccessKey", "SAS_KEY_VALUE").rights())
                .hasSize(3);
    }

    @Test
    void defaultsAreTheEmulators() {
        Main main = new Main(new PrintStream(out), new PrintStream(err), StandInAmqp.factory(), s -> { });
        new picocli.CommandLine(main).parseArgs();

        ServerOptions options = main.options();
        assertThat(options).isEqualTo(ServerOptions.defaults());
        assertThat(options.amqpPort()).isEqualTo(5672);
        assertThat(options.httpPort()).isEqualTo(5300);
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.dataDir()).isEqualTo(Path.of("omnibus-data"));
        assertThat(options.linkIdleTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown flag          | --verbose                     | omnibus: Unknown option: '--verbose' (see --help)
            port not a number     | --amqp-port=abc               | omnibus: Invalid value for option '--amqp-port': 'abc' is not an int (see --help)
            port out of range     | --http-port=70000             | omnibus: httpPort must be between 0 and 65535, was 70000 (see --help)
            missing value         | --config                      | omnibus: Missing required parameter for option '--config' (FILE) (see --help)
            stray argument        | serve                         | omnibus: Unmatched argument at index 0: 'serve' (see --help)
            empty key             | --sas-key=                    | omnibus: the SAS key name and key must not be empty (see --help)
            policy without rights | --sas-policy=app=key          | omnibus: Invalid value for option '--sas-policy' (NAME=KEY:RIGHTS): 'app=key' is not a policy: use NAME=KEY:RIGHTS, rights from Manage, Send, Listen separated by commas (e.g. sender=s3cr3t:Send) (see --help)
            policy named as root  | --sas-policy=RootManageSharedAccessKey=k:Send | omnibus: two shared access policies are named 'RootManageSharedAccessKey' (see --help)
            """)
    void badFlagsExitWithTwoAndOneLine(String why, String arg, String message) {
        int code = run(arg);

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).isEqualTo(message + System.lineSeparator());
        assertThat(stdout()).isEmpty();
        assertThat(seen).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            seconds       | 30s    | PT30S
            milliseconds  | 500ms  | PT0.5S
            minutes       | 10m    | PT10M
            hours         | 1h     | PT1H
            bare seconds  | 45     | PT45S
            ISO-8601      | PT2M   | PT2M
            off           | 0      | PT0S
            """)
    void theLinkIdleTimeoutTakesADuration(String why, String value, String expected) {
        Main main = new Main(new PrintStream(out), new PrintStream(err), StandInAmqp.factory(), s -> { });
        new picocli.CommandLine(main).parseArgs("--link-idle-timeout", value);

        assertThat(main.options().linkIdleTimeout()).isEqualTo(java.time.Duration.parse(expected));
    }

    @Test
    void aBadLinkIdleTimeoutExitsWithTwo() {
        int code = run("--link-idle-timeout=soon");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("'soon' is not a duration (use 500ms, 30s, 10m, 1h or PT10M)");
    }

    @Test
    void inMemoryAndDataDirConflict() {
        int code = run("--in-memory", "--data-dir", "x");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).isEqualTo("omnibus: --in-memory and --data-dir cannot be used together (see --help)"
                + System.lineSeparator());
    }

    @Test
    void aBadConfigExitsWithTwoNamingThePath(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("Config.json"), """
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns",
                  "Queues": [{"Name": "q", "Properties": {"MaxDeliveryCount": "ten"}}]}]}}""");

        int code = run("--in-memory", "--host=127.0.0.1", "--amqp-port=0", "--http-port=0", "--config",
                config.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).isEqualTo("omnibus: invalid configuration " + config
                + ": UserConfig.Namespaces[0].Queues[0].Properties.MaxDeliveryCount: expected a whole number, "
                + "found the string \"ten\"" + System.lineSeparator());
    }

    @Test
    void aMissingConfigFileExitsWithTwo(@TempDir Path dir) {
        Path missing = dir.resolve("Config.json");

        int code = run("--in-memory", "--config", missing.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).isEqualTo("omnibus: invalid configuration: " + missing + ": no such file"
                + System.lineSeparator());
    }

    @Test
    void aPortInUseExitsWithOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int code = run("--in-memory", "--host=127.0.0.1", "--amqp-port=0",
                    "--http-port=" + taken.getLocalPort());

            assertThat(code).isEqualTo(1);
            assertThat(stderr()).startsWith("omnibus: Cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort())
                    .hasLineCount(1);
        }
    }

    @Test
    void amqpsIsOffUnlessTlsOrItsPortIsGiven() {
        assertThat(parse().tls().amqpsEnabled()).isFalse();
        assertThat(parse("--tls").tls().amqpsPort()).isEqualTo(5671);
        assertThat(parse("--amqps-port", "0").tls().amqpsPort()).isZero();
        assertThat(parse("--tls", "--amqps-port", "15671").tls().amqpsPort()).isEqualTo(15671);
        assertThat(parse("--https-port", "0").tls().amqpsEnabled()).isFalse();
    }

    @Test
    void theReadyLineShowsTheTlsPortsWhenTheyAreOn(@TempDir Path dir) throws IOException {
        Path pem = dir.resolve("omnibus.pem");
        int code = run(AmqpListenerFactory.standard(), "--in-memory", "--host=127.0.0.1", "--amqp-port=0",
                "--http-port=0", "--amqps-port=0", "--https-port=0", "--export-certificate", pem.toString());

        assertThat(code).isZero();
        OmnibusServer server = seen.get(0);
        assertThat(server.amqpsPort()).isPositive();
        assertThat(stdout()).startsWith("Omnibus ready: amqp=" + server.amqpPort() + " amqps=" + server.amqpsPort()
                + " http=" + server.httpPort() + " https=" + server.httpsPort() + " connection string: ");
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void anAmqpsPortInUseExitsWithOneNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int code = run(AmqpListenerFactory.standard(), "--in-memory", "--host=127.0.0.1", "--amqp-port=0",
                    "--http-port=0", "--amqps-port=" + taken.getLocalPort());

            assertThat(code).isEqualTo(1);
            assertThat(stderr()).startsWith("omnibus: Cannot listen for AMQPS on 127.0.0.1:" + taken.getLocalPort())
                    .hasLineCount(1);
        }
    }

    @Test
    void certificateFlagsNeedATlsListener() {
        int code = run("--export-certificate", "omnibus.pem");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).isEqualTo("omnibus: TLS certificate options need an HTTPS or AMQPS port (see --help)"
                + System.lineSeparator());
    }

    @Test
    void helpGoesToStdoutAndExitsWithZero() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(stdout()).contains("--amqp-port", "--http-port", "--host", "--data-dir", "--in-memory",
                "--config", "--sas-key-name", "--sas-key", "--sas-policy", "--tls", "--amqps-port", "--https-port");
    }

    private ServerOptions parse(String... args) {
        Main main = new Main(new PrintStream(out), new PrintStream(err), StandInAmqp.factory(), s -> { });
        new picocli.CommandLine(main).parseArgs(args);
        return main.options();
    }

    private int run(String... args) {
        return run(StandInAmqp.factory(), args);
    }

    private int run(AmqpListenerFactory amqp, String... args) {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), amqp, seen::add);
        return main.execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
