package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.server.tls.ServerCertificate;
import dev.omnibus.server.tls.TrustingClient;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.apache.qpid.protonj2.types.transport.Begin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The AMQPS port: TLS first (no AMQP TLS header, as Service Bus on 5671), then the same SASL and AMQP as on the plain
 * port, which keeps working beside it.
 */
@Timeout(30)
class AmqpsListenerTest {
    /** Generating a key takes a moment; one certificate serves every test. */
    private static final ServerCertificate CERTIFICATE = ServerCertificate.selfSigned(List.of(), Instant.now());

    private LiveServer live;
    private AmqpServer server;

    @BeforeEach
    void start() {
        live = new LiveServer(AmqpServerOptions.defaults().withTls(0, CERTIFICATE.sslContext()));
        server = live.server;
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aClientThatChecksTheCertificateAndHostNameGetsSaslAndAmqpOverTls() throws Exception {
        SSLContext trusting = TrustingClient.trusting(CERTIFICATE.certificate());
        for (String host : List.of("localhost", "127.0.0.1")) {
            SSLSocket socket = TrustingClient.connect(trusting, host, server.tlsPort());
            socket.startHandshake();
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(CERTIFICATE.certificate());

            try (RawAmqpClient client = RawAmqpClient.over(socket)) {
                client.handshake(0);
                client.write(RawAmqpClient.amqpFrame(ProtonCodec.encode(new Begin()
                        .setNextOutgoingId(0).setIncomingWindow(100).setOutgoingWindow(100))));
                assertThat(client.frame()).as("begin over TLS to %s", host).containsSequence(0x00, 0x53, 0x11);
            }
        }
    }

    @Test
    void thePlainPortStaysPlainBesideIt() throws Exception {
        assertThat(server.tlsPort()).isPositive().isNotEqualTo(server.port());
        try (RawAmqpClient client = RawAmqpClient.over(new Socket("127.0.0.1", server.port()))) {
            client.handshake(0);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshake() throws Exception {
        SSLContext jvmDefault = SSLContext.getDefault();
        try (SSLSocket socket = TrustingClient.connect(jvmDefault, "localhost", server.tlsPort())) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
