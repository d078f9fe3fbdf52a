package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusClientBuilder;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.it.tls.ForeignCertificate;
import dev.omnibus.it.tls.TrustStores;
import dev.omnibus.server.TlsOptions;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Omnibus client over AMQPS: a connection string without UseDevelopmentEmulator means TLS to the port in the
 * endpoint, the certificate checked against the configured trust and the host name.
 */
@Timeout(60)
class TlsTransportIT {
    @TempDir
    static Path dir;
    private static TlsServer tls;

    @BeforeAll
    static void start() {
        tls = TlsServer.start(dir);
    }

    @AfterAll
    static void stop() {
        tls.close();
    }

    private static ServiceBusClientBuilder builder(String host) {
        return new ServiceBusClientBuilder().connectionString(tls.tlsConnectionString(host, tls.server.amqpsPort()))
                .retryOptions(TlsServer.fastRetries());
    }

    @Test
    void sendsReceivesAndSettlesOverAmqpsTrustingTheExportedCertificate() {
        try (ServiceBusClient client = builder("localhost").trustCertificate(tls.certificate).buildClient()) {
            tls.sendReceiveAndSettle(client);
        }
    }

    /** The server's own TLS connection string names 127.0.0.1, which its generated certificate covers. */
    @Test
    void anSslContextAndTheServersTlsConnectionStringWorkToo() throws Exception {
        assertThat(tls.server.tlsConnectionString()).startsWith("Endpoint=sb://127.0.0.1:" + tls.server.amqpsPort()
                + ";").doesNotContain("UseDevelopmentEmulator");
        try (ServiceBusClient client = new ServiceBusClientBuilder().connectionString(tls.server.tlsConnectionString())
                .retryOptions(TlsServer.fastRetries()).sslContext(trusting(tls.certificate)).buildClient()) {
            tls.sendReceiveAndSettle(client);
        }
    }

    @Test
    void withTheJvmsTrustTheGeneratedCertificateIsRefusedAtOnce() {
        try (ServiceBusClient client = builder("localhost").buildClient();
             ServiceBusSender sender = client.getQueueSender(tls.queue())) {
            assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage("never")))
                    .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("certificate was refused")
                    .hasMessageContaining("trustCertificate");
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused(@TempDir Path certs) throws Exception {
        ForeignCertificate foreign = ForeignCertificate.write(certs, "other.example");
        try (TlsServer other = TlsServer.start(certs, TlsOptions.amqps(0)
                .withCertificate(foreign.certificate(), foreign.key()));
             ServiceBusClient client = new ServiceBusClientBuilder()
                     .connectionString(other.tlsConnectionString("localhost", other.server.amqpsPort()))
                     .retryOptions(TlsServer.fastRetries()).trustCertificate(foreign.certificate()).buildClient();
             ServiceBusSender sender = client.getQueueSender(other.queue())) {
            assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage("never")))
                    .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("No subject alternative DNS name matching localhost");
        }
    }

    /** A plain JDK context that trusts the PEM, as an application might build one. */
    static SSLContext trusting(Path pem) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(TrustStores.trusting(pem));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
