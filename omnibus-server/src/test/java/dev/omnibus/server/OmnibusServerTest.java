package dev.omnibus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.core.QueueDescription;
import dev.omnibus.server.config.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class OmnibusServerTest {
    private static final ServerOptions LOCAL = ServerOptions.ephemeral();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsReadyWithTheDefaultQueue() throws Exception {
        try (OmnibusServer server = OmnibusServer.start(LOCAL, StandInAmqp.factory())) {
            assertThat(server.isReady()).isTrue();
            assertThat(health(server.httpPort()).statusCode()).isEqualTo(200);
            QueueDescription queue = server.broker().namespace().getQueue("queue.1").orElseThrow();
            assertThat(queue.maxDeliveryCount()).isEqualTo(3);
            assertThat(queue.defaultMessageTimeToLive()).isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void providesTheEmulatorsDefaultTopicAndSubscriptions() {
        try (OmnibusServer server = OmnibusServer.start(LOCAL, StandInAmqp.factory())) {
            var ns = server.broker().namespace();
            assertThat(ns.getTopic("topic.1")).isPresent();
            assertThat(ns.listSubscriptions("topic.1")).extracting(s -> s.name())
                    .containsExactly("subscription.1", "subscription.2", "subscription.3", "subscription.4");
            assertThat(ns.listRules("topic.1", "subscription.4")).singleElement()
                    .satisfies(r -> assertThat(r.rule().hasAction()).isTrue());
        }
    }

    @Test
    void printsTheRealPortsAndAReachableHostInTheReadyLine() {
        try (OmnibusServer server = OmnibusServer.start(LOCAL, StandInAmqp.factory())) {
            assertThat(server.amqpPort()).isPositive();
            assertThat(server.readyLine()).isEqualTo("Omnibus ready: amqp=" + server.amqpPort() + " http="
                    + server.httpPort() + " connection string: Endpoint=sb://127.0.0.1:" + server.amqpPort()
                    + ";SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;"
                    + "UseDevelopmentEmulator=true");
        }
    }

    @Test
    void aWildcardBindIsAdvertisedAsLocalhost() {
        assertThat(OmnibusServer.clientHost("0.0.0.0")).isEqualTo("localhost");
        assertThat(OmnibusServer.clientHost("::")).isEqualTo("localhost");
        assertThat(OmnibusServer.clientHost("::1")).isEqualTo("[::1]");
        assertThat(OmnibusServer.clientHost("10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void stopsListeningOnClose() {
        OmnibusServer server = OmnibusServer.start(LOCAL, StandInAmqp.factory());
        int port = server.httpPort();
        server.close();
        server.close();

        assertThat(server.isReady()).isFalse();
        assertThatThrownBy(() -> health(port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void appliesAConfigFile(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("Config.json"), """
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns",
                  "Queues": [{"Name": "orders", "Properties": {"LockDuration": "PT30S"}}]}]}}""");

        try (OmnibusServer server = OmnibusServer.start(LOCAL.withConfigFile(config), StandInAmqp.factory())) {
            assertThat(server.broker().namespace().getQueue("orders").orElseThrow().lockDuration())
                    .isEqualTo(Duration.ofSeconds(30));
            assertThat(server.broker().namespace().hasQueue("queue.1")).isFalse();
        }
    }

    @Test
    void aConfigWithSeveralNamespacesCreatesThemAllTheFirstBeingTheDefault(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("Config.json"), """
                {"UserConfig": {"Namespaces": [
                  {"Name": "sbemulatorns", "Queues": [{"Name": "q", "Properties": {"MaxDeliveryCount": 3}}]},
                  {"Name": "orders", "Queues": [{"Name": "q", "Properties": {"MaxDeliveryCount": 7}}]}]}}""");

        try (OmnibusServer server = OmnibusServer.start(LOCAL.withConfigFile(config), StandInAmqp.factory())) {
            assertThat(server.broker().namespace().getQueue("q").orElseThrow().maxDeliveryCount()).isEqualTo(3);
            assertThat(server.broker().namespaceForHost("orders.localhost").getQueue("q").orElseThrow()
                    .maxDeliveryCount()).isEqualTo(7);
            assertThat(server.readyLine()).contains(" http=" + server.httpPort() + " namespaces=sbemulatorns,orders "
                    + "(default sbemulatorns; reach another by host name, e.g. Endpoint=sb://orders.localhost) "
                    + "connection string: Endpoint=sb://127.0.0.1:");
        }
    }

    @Test
    void theFirstConfiguredNamespaceIsTheDefault(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("Config.json"), """
                {"UserConfig": {"Namespaces": [{"Name": "orders", "Queues": [{"Name": "q"}]}]}}""");

        try (OmnibusServer server = OmnibusServer.start(LOCAL.withConfigFile(config), StandInAmqp.factory())) {
            assertThat(server.broker().namespace().name()).isEqualTo("orders");
            assertThat(server.broker().namespaceForHost("localhost").hasQueue("q")).isTrue();
            assertThat(server.broker().findNamespace("sbemulatorns")).isEmpty();
            assertThat(server.readyLine()).doesNotContain("namespaces=");
        }
    }

    @Test
    void aBadConfigFailsBeforeAnythingListens(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("Config.json"), "{\"UserConfig\": {}}");
        int httpPort = freePort();

        assertThatThrownBy(() -> OmnibusServer.start(LOCAL.withConfigFile(config).withPorts(0, httpPort),
                StandInAmqp.factory()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("UserConfig.Namespaces: is required");
        assertThatThrownBy(() -> health(httpPort)).isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseIsAStartupFailureAndReleasesTheRest() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> OmnibusServer.start(LOCAL.withPorts(taken.getLocalPort(), 0),
                    StandInAmqp.factory()))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("Cannot listen for AMQP on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void keepsQueuesInTheDataDirectoryAcrossRestarts(@TempDir Path dir) {
        ServerOptions durable = LOCAL.withInMemory(false).withDataDir(dir.resolve("data"));
        try (OmnibusServer first = OmnibusServer.start(durable, StandInAmqp.factory())) {
            first.broker().namespace().createQueue(QueueDescription.builder("made-at-runtime").build()).join();
            QueueDescription changed = first.broker().namespace().getQueue("queue.1").orElseThrow().toBuilder()
                    .maxDeliveryCount(9).build();
            first.broker().namespace().updateQueue(changed).join();
        }

        try (OmnibusServer second = OmnibusServer.start(durable, StandInAmqp.factory())) {
            assertThat(second.broker().namespace().hasQueue("made-at-runtime")).isTrue();
            // The built-in queue.1 is provided once; a user's change to it survives the restart.
            assertThat(second.broker().namespace().getQueue("queue.1").orElseThrow().maxDeliveryCount())
                    .isEqualTo(9);
        }
    }

    @Test
    void aLockedDataDirectoryIsAStartupFailure(@TempDir Path dir) {
        ServerOptions durable = LOCAL.withInMemory(false).withDataDir(dir.resolve("data"));
        try (OmnibusServer first = OmnibusServer.start(durable, StandInAmqp.factory())) {
            assertThatThrownBy(() -> OmnibusServer.start(durable, StandInAmqp.factory()))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("Cannot open the data directory " + dir.resolve("data").toAbsolutePath());
            assertThat(first.isReady()).isTrue();
        }
    }

    private HttpResponse<String> health(int port) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
