package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.amqp.AmqpTransportType;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import dev.omnibus.server.TlsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official SDK with {@code AmqpTransportType.AMQP_WEB_SOCKETS} in emulator mode. azure-core-amqp always puts TLS
 * under its WebSocket layer ({@code ReactorHandlerProvider} builds a {@code WebSocketsConnectionHandler} with TLS on,
 * whatever {@code UseDevelopmentEmulator} says), but in emulator mode it does not check the certificate
 * ({@code ANONYMOUS_PEER}). So it needs the HTTPS port in the endpoint, and no trust store: it runs in this JVM. (The
 * AMQP port's {@code ws://} is for clients that do speak plain WebSockets, such as the Omnibus client; the checked
 * {@code wss://} case is in {@link TlsIT}.)
 */
@Timeout(60)
class WebSocketIT {

    @Test
    void theSdkInEmulatorModeSendsAndReceivesOverWebSocketsOnTheHttpsPortWithoutCheckingTheCertificate() {
        try (OmnibusServer server = OmnibusServer.start(ServerOptions.ephemeral().withTls(TlsOptions.https(0)))) {
            server.broker().namespace().createQueue(QueueDescription.builder("ws").build()).join();
            ServiceBusClientBuilder builder = new ServiceBusClientBuilder()
                    .connectionString("Endpoint=sb://localhost:" + server.httpsPort() + ";SharedAccessKeyName="
                            + server.options().sasKeyName() + ";SharedAccessKey=" + server.options().sasKey()
                            + ";UseDevelopmentEmulator=true")
                    .transportType(AmqpTransportType.AMQP_WEB_SOCKETS)
                    .retryOptions(SdkTestSupport.fastRetries());
            byte[] large = new byte[100 * 1024];
            Arrays.fill(large, (byte) 'w');

            try (ServiceBusSenderClient sender = builder.sender().queueName("ws").buildClient()) {
                sender.sendMessages(List.of(new ServiceBusMessage("small"), new ServiceBusMessage(large)));
            }
            try (ServiceBusReceiverClient receiver = builder.receiver().queueName("ws")
                    .maxAutoLockRenewDuration(Duration.ZERO).buildClient()) {
                List<ServiceBusReceivedMessage> got = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (got.size() < 2 && System.nanoTime() < deadline) {
                    receiver.receiveMessages(2 - got.size(), Duration.ofSeconds(2)).forEach(got::add);
                }
                got.forEach(receiver::complete);

                assertThat(got).hasSize(2);
                assertThat(got.get(0).getBody().toString()).isEqualTo("small");
                assertThat(got.get(1).getBody().toBytes()).isEqualTo(large);
            }
            assertThat(server.broker().namespace().queueRuntimeInfo("ws").join().activeMessageCount()).isZero();
        }
    }
}
