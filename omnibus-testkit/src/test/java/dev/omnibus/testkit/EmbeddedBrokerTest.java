package dev.omnibus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.QueueDescription;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {
    private static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};

    /** Opens a socket, sends the SASL protocol header and returns the header the broker answers with. */
    private static byte[] saslHeaderFrom(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(SASL_HEADER);
            byte[] answer = new byte[8];
            new DataInputStream(s.getInputStream()).readFully(answer);
            return answer;
        }
    }

    @Test
    void startsOnARandomLoopbackPortAndSpeaksAmqp() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            assertThat(broker.port()).isPositive();
            assertThat(saslHeaderFrom(broker.port())).isEqualTo(SASL_HEADER);
        }
    }

    @Test
    void connectionStringIsTheEmulatorForm() {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            String cs = broker.connectionString();

            assertThat(cs).isEqualTo("Endpoint=sb://localhost:" + broker.port()
                    + ";SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE"
                    + ";UseDevelopmentEmulator=true");
            ConnectionString parsed = ConnectionString.parse(cs);
            assertThat(parsed.effectivePort()).isEqualTo(broker.port());
        }
    }

    @Test
    void customKeyAppearsInTheConnectionString() {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().sasKey("MyKey", "secret").start()) {
            assertThat(broker.connectionString()).contains("SharedAccessKeyName=MyKey;SharedAccessKey=secret;");
        }
    }

    @Test
    void createsQueuesByNameOrDescription() {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            broker.createQueue("plain");
            QueueDescription custom = broker.createQueue(QueueDescription.builder("custom")
                    .lockDuration(Duration.ofSeconds(10)).maxDeliveryCount(3).build());

            assertThat(broker.namespace().hasQueue("plain")).isTrue();
            assertThat(custom.lockDuration()).isEqualTo(Duration.ofSeconds(10));
            assertThat(broker.namespace().getQueue("custom").orElseThrow().maxDeliveryCount()).isEqualTo(3);
            assertThatThrownBy(() -> broker.createQueue("plain")).isInstanceOf(BrokerException.class)
                    .hasMessageContaining("already exists");
        }
    }

    @Test
    void otherNamespacesHoldTheirOwnEntitiesAndAreChosenByHost() {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            broker.createQueue("q");
            broker.namespace("orders").createQueue(QueueDescription.builder("q").maxDeliveryCount(7).build()).join();

            assertThat(broker.namespace().getQueue("q").orElseThrow().maxDeliveryCount()).isEqualTo(10);
            assertThat(broker.broker().namespaceForHost("orders.localhost").getQueue("q").orElseThrow()
                    .maxDeliveryCount()).isEqualTo(7);
            assertThat(broker.broker().namespaceForHost("localhost")).isSameAs(broker.namespace());
        }
    }

    @Test
    void theLinkIdleTimeoutIsServiceBussUnlessSet() {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().linkIdleTimeout(Duration.ZERO).start()) {
            assertThat(broker.idleLinksDetached()).isZero();
        }
        assertThatThrownBy(() -> EmbeddedBroker.builder().linkIdleTimeout(Duration.ofSeconds(-1)).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linkIdleTimeout");
    }

    @Test
    void closeReleasesThePortAndCanBeRepeated() {
        EmbeddedBroker broker = EmbeddedBroker.start();
        int port = broker.port();

        broker.close();
        broker.stop();

        assertThatThrownBy(() -> saslHeaderFrom(port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void dataDirectoryKeepsQueuesAcrossRestarts(@TempDir Path dir) {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDirectory(dir).start()) {
            broker.createQueue("durable");
        }
        try (EmbeddedBroker again = EmbeddedBroker.builder().dataDirectory(dir).start()) {
            assertThat(again.namespace().hasQueue("durable")).isTrue();
        }
    }
}
