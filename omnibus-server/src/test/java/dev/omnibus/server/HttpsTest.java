package dev.omnibus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.SasToken;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS listener: the same routes over TLS, with a generated certificate a client can trust once exported. */
@Timeout(30)
class HttpsTest {

    @Test
    void servesHealthAndManagementOverTlsWithTheExportedCertificate(@TempDir Path dir) throws Exception {
        Path exported = dir.resolve("omnibus.pem");
        ServerOptions options = ServerOptions.ephemeral().withTls(TlsOptions.https(0).withExport(exported));

        try (OmnibusServer server = OmnibusServer.start(options, AmqpListenerFactory.none())) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(exported))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String base = "https://localhost:" + server.httpsPort();

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = SasToken.create("https://localhost", options.sasKeyName(), options.sasKey(),
                    Instant.now().plusSeconds(60)).text();
            HttpResponse<String> queue = client.send(HttpRequest.newBuilder(URI.create(base + "/queue.1"))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(queue.body()).contains("<title type=\"text\">queue.1</title>");
            assertThat(server.readyLine()).contains(" https=" + server.httpsPort() + " ");
        }
    }

    @Test
    void tlsIsOffByDefaultAndCertificateOptionsNeedATlsListener() {
        assertThat(ServerOptions.defaults().tls().enabled()).isFalse();
        assertThatThrownBy(() -> new TlsOptions(TlsOptions.DISABLED_PORT, TlsOptions.DISABLED_PORT, null, null,
                Path.of("x.pem")))
                .hasMessage("TLS certificate options need an HTTPS or AMQPS port");
        assertThatThrownBy(() -> new TlsOptions(0, TlsOptions.DISABLED_PORT, Path.of("c.pem"), null, null))
                .hasMessageContaining("needs its key file");
        assertThat(TlsOptions.amqps(0).withExport(Path.of("x.pem")).httpsEnabled()).isFalse();
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("omnibus", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
