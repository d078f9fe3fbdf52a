package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusClientBuilder;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.TransportType;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.models.ServiceBusMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Omnibus client over AMQP over WebSockets: {@code wss://} to the HTTPS port with TLS (certificate and host name
 * checked), and {@code ws://} to the AMQP port in emulator mode.
 */
@Timeout(60)
class WebSocketTransportIT {
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

    private static ServiceBusClientBuilder wss() {
        return new ServiceBusClientBuilder().connectionString(tls.tlsConnectionString("localhost",
                tls.server.httpsPort())).transportType(TransportType.AMQP_WEB_SOCKETS)
                .retryOptions(TlsServer.fastRetries());
    }

    @Test
    void sendsReceivesAndSettlesOverWssOnTheHttpsPort() {
        try (ServiceBusClient client = wss().trustCertificate(tls.certificate).buildClient()) {
            tls.sendReceiveAndSettle(client);
        }
    }

    @Test
    void plainWebSocketsInEmulatorModeReachTheAmqpPort() {
        try (ServiceBusClient client = new ServiceBusClientBuilder().connectionString(tls.server.connectionString())
                .transportType(TransportType.AMQP_WEB_SOCKETS).retryOptions(TlsServer.fastRetries()).buildClient()) {
            tls.sendReceiveAndSettle(client);
        }
    }

    @Test
    void anUntrustedCertificateFailsTheWebSocketAtOnce() {
        try (ServiceBusClient client = wss().buildClient();
             ServiceBusSender sender = client.getQueueSender(tls.queue())) {
            assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage("never")))
                    .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("wss://localhost:" + tls.server.httpsPort() + "/$servicebus/websocket/")
                    .hasMessageContaining("certificate was refused");
        }
    }
}
