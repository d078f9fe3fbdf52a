package dev.omnibus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.implementation.ClientConfig;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the builder resolves TLS: the JVM's trust by default, or a certificate file, or a context; never for plain. */
class ServiceBusClientBuilderTlsTest {
    private static final String LOCAL_TLS = "Endpoint=sb://localhost:5671;SharedAccessKeyName=k;SharedAccessKey=v";
    private static final String EMULATOR = LOCAL_TLS + ";UseDevelopmentEmulator=true";

    private static Path pem() throws URISyntaxException {
        return Path.of(ServiceBusClientBuilderTlsTest.class.getResource("/tls/trusted.pem").toURI());
    }

    @Test
    void withoutTrustSettingsTheJvmDecides() {
        ClientConfig config = new ServiceBusClientBuilder().connectionString(LOCAL_TLS).config();

        assertThat(config.tls()).isTrue();
        assertThat(config.sslContext()).isNull();
        assertThat(config.endpoint()).isEqualTo("amqps://localhost:5671");
    }

    @Test
    void aCertificateFileOrAContextIsUsedForTls() throws Exception {
        ClientConfig fromFile = new ServiceBusClientBuilder().connectionString(LOCAL_TLS).trustCertificate(pem())
                .config();
        SSLContext mine = SSLContext.getInstance("TLS");
        ClientConfig fromContext = new ServiceBusClientBuilder().fullyQualifiedNamespace("localhost:5671")
                .sasKey("k", "v").sslContext(mine).config();

        assertThat(fromFile.sslContext()).isNotNull();
        assertThat(fromContext.sslContext()).isSameAs(mine);
    }

    @Test
    void webSocketsOverTlsGoToTheServiceBusPath() throws Exception {
        ClientConfig config = new ServiceBusClientBuilder().connectionString(LOCAL_TLS).trustCertificate(pem())
                .transportType(TransportType.AMQP_WEB_SOCKETS).config();

        assertThat(config.endpoint()).isEqualTo("wss://localhost:5671/$servicebus/websocket/");
        assertThat(new ServiceBusClientBuilder().connectionString(EMULATOR)
                .transportType(TransportType.AMQP_WEB_SOCKETS).config().endpoint())
                .isEqualTo("ws://localhost:5671/$servicebus/websocket/");
    }

    @Test
    void conflictingOrUselessTrustSettingsAreIllegalState() throws Exception {
        assertThatThrownBy(() -> new ServiceBusClientBuilder().connectionString(LOCAL_TLS).trustCertificate(pem())
                .sslContext(SSLContext.getDefault()).config())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> new ServiceBusClientBuilder().connectionString(EMULATOR).trustCertificate(pem())
                .config())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without TLS");
    }

    @Test
    void anUnreadableCertificateFileIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificate here\n");

        assertThatThrownBy(() -> new ServiceBusClientBuilder().connectionString(LOCAL_TLS).trustCertificate(missing)
                .config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> new ServiceBusClientBuilder().connectionString(LOCAL_TLS).trustCertificate(empty)
                .config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(empty.toString());
    }
}
