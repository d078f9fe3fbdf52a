package dev.omnibus.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.SasToken;
import dev.omnibus.server.AmqpListenerFactory;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import dev.omnibus.server.TlsOptions;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS management with a certificate from configuration (PEM files) instead of a generated one. */
@Timeout(30)
class ConfiguredCertificateHttpsTest {

    @Test
    void theManagementApiIsServedWithTheConfiguredCertificate(@TempDir Path dir) throws Exception {
        ServerCertificate configured = ServerCertificate.selfSigned(List.of("omnibus.test"), Instant.now());
        Path certificate = dir.resolve("server.pem");
        configured.exportPem(certificate);
        StringWriter key = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(key)) {
            writer.writeObject(configured.privateKey());
        }
        Path keyFile = Files.writeString(dir.resolve("server.key"), key.toString());
        ServerOptions options = ServerOptions.ephemeral()
                .withTls(TlsOptions.https(0).withCertificate(certificate, keyFile));

        try (OmnibusServer server = OmnibusServer.start(options, AmqpListenerFactory.none())) {
            HttpClient client = HttpClient.newBuilder().sslContext(TrustingClient.trusting(certificate))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String token = SasToken.create("https://localhost", options.sasKeyName(), options.sasKey(),
                    Instant.now().plusSeconds(60)).text();
            HttpResponse<String> queues = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.httpsPort() + "/$Resources/queues"))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(queues.statusCode()).isEqualTo(200);
            assertThat(queues.body()).contains("<title type=\"text\">queue.1</title>");
            assertThat(queues.sslSession().orElseThrow().getPeerCertificates()[0])
                    .isEqualTo(configured.certificate());
        }
    }
}
