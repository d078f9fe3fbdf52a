package dev.omnibus.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibus.it.tls.TrustStores;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import dev.omnibus.server.TlsOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code omnibus} command with an Azure-style connection string ({@code Endpoint=sb://localhost:<amqps>/}, no
 * {@code UseDevelopmentEmulator}): AMQP over TLS and management over HTTPS, the certificate trusted the way any Java
 * program is told to trust one (a trust store given to the JVM). Nothing in the command knows it is Omnibus.
 */
@Timeout(300)
class OmnibusCliTlsIT {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static OmnibusServer server;
    private static Path trustStore;

    @BeforeAll
    static void start() throws Exception {
        Path pem = dir.resolve("omnibus.pem");
        server = OmnibusServer.start(ServerOptions.ephemeral()
                .withTls(TlsOptions.amqps(0).withHttpsPort(0).withExport(pem)));
        trustStore = TrustStores.write(pem, dir.resolve("truststore.p12"), PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CliProcess azureStyle() {
        return new CliProcess()
                .env("OMNIBUS_CONNECTION_STRING", "Endpoint=sb://localhost:" + server.amqpsPort()
                        + "/;SharedAccessKeyName=" + server.options().sasKeyName()
                        + ";SharedAccessKey=" + server.options().sasKey())
                .env("OMNIBUS_MANAGEMENT_ENDPOINT", "https://localhost:" + server.httpsPort());
    }

    @Test
    void entitiesAndMessagesOverAmqpsAndHttpsWithTheJvmsTrustStore() {
        CliProcess omnibus = azureStyle().jvmOption("-Djavax.net.ssl.trustStore=" + trustStore)
                .jvmOption("-Djavax.net.ssl.trustStorePassword=" + PASSWORD);

        assertThat(omnibus.run("queue", "create", "cli-tls", "--max-delivery-count", "3").code()).isZero();
        CliProcess.Result sent = omnibus.run("send", "cli-tls", "over tls {n}", "--count", "3");
        assertThat(sent.code()).as(sent.toString()).isZero();
        assertThat(server.broker().namespace().getQueue("cli-tls").orElseThrow().maxDeliveryCount()).isEqualTo(3);
        assertThat(server.broker().namespace().queueRuntimeInfo("cli-tls").join().activeMessageCount()).isEqualTo(3);
        JsonNode received = omnibus.run("receive", "cli-tls", "--max", "3", "--wait", "5s", "--complete", "-o",
                "json").json();

        assertThat(received).extracting(m -> m.get("body").asText())
                .containsExactly("over tls 1", "over tls 2", "over tls 3");
        assertThat(server.broker().namespace().queueRuntimeInfo("cli-tls").join().activeMessageCount()).isZero();
    }

    @Test
    void withoutTrustingTheCertificateItFailsWithOneLineAndExitCodeOne() {
        // Management (HTTPS) and messaging (AMQPS) each refuse the certificate.
        CliProcess.Result list = azureStyle().run("queue", "list", "--timeout", "5s");
        CliProcess.Result send = azureStyle().run("send", "queue.1", "x", "--timeout", "5s");

        for (CliProcess.Result r : new CliProcess.Result[] {list, send}) {
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).startsWith("omnibus: ").hasLineCount(1);
            assertThat(r.out()).isEmpty();
        }
    }
}
