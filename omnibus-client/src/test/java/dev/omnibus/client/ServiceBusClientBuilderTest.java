package dev.omnibus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.implementation.ClientConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceBusClientBuilderTest {
    private static final String EMULATOR = "Endpoint=sb://localhost:5673;SharedAccessKeyName=RootManageSharedAccessKey;"
            + "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true";

    @Test
    void emulatorConnectionStringMeansPlainAmqpOnItsPort() {
        ClientConfig config = new ServiceBusClientBuilder().connectionString(EMULATOR).config();

        assertThat(config.host()).isEqualTo("localhost");
        assertThat(config.port()).isEqualTo(5673);
        assertThat(config.tls()).isFalse();
        assertThat(config.audience("orders")).isEqualTo("sb://localhost/orders");
        assertThat(config.tokens().token("sb://localhost/orders").token()).startsWith("SharedAccessSignature sr=");
    }

    @Test
    void cloudConnectionStringMeansTlsOn5671OrWebSocketsOn443() {
        String cloud = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v";

        ClientConfig amqp = new ServiceBusClientBuilder().connectionString(cloud).config();
        ClientConfig ws = new ServiceBusClientBuilder().connectionString(cloud)
                .transportType(TransportType.AMQP_WEB_SOCKETS).config();

        assertThat(amqp.tls()).isTrue();
        assertThat(amqp.port()).isEqualTo(5671);
        assertThat(ws.port()).isEqualTo(443);
        assertThat(ws.transport()).isEqualTo(TransportType.AMQP_WEB_SOCKETS);
    }

    @Test
    void namespaceWithKeyOrTokenAndOptions() {
        long expiry = Instant.now().plusSeconds(3600).getEpochSecond();
        String token = "SharedAccessSignature sr=sb%3A%2F%2Fns%2F&sig=abc&se=" + expiry + "&skn=k";
        RetryOptions retry = RetryOptions.defaults().maxRetries(7).tryTimeout(Duration.ofSeconds(3));

        ClientConfig withToken = new ServiceBusClientBuilder().fullyQualifiedNamespace("ns.example:1234")
                .developmentEmulator(true).sasToken(token).retryOptions(retry).loggingEnabled(true).config();

        assertThat(withToken.host()).isEqualTo("ns.example");
        assertThat(withToken.port()).isEqualTo(1234);
        assertThat(withToken.tokens().token("anything").token()).isEqualTo(token);
        assertThat(withToken.tokens().token("anything").expiresAt().getEpochSecond()).isEqualTo(expiry);
        assertThat(withToken.retry().getMaxRetries()).isEqualTo(7);
        assertThat(withToken.traceFrames()).isTrue();
        assertThat(new ServiceBusClientBuilder().fullyQualifiedNamespace("ns.example").sasKey("k", "v").config()
                .port()).isEqualTo(5671);
    }

    @Test
    void conflictingOrMissingSettingsAreIllegalState() {
        assertThatThrownBy(() -> new ServiceBusClientBuilder().buildClient())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServiceBusClientBuilder().connectionString(EMULATOR).sasKey("k", "v").config())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServiceBusClientBuilder().fullyQualifiedNamespace("ns").config())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServiceBusClientBuilder().fullyQualifiedNamespace("ns").sasKey("k", "v")
                .sasToken("SharedAccessSignature sr=a&sig=b&se=1&skn=c").config())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServiceBusClientBuilder().connectionString("nonsense").config())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsAreImmutableAndValidated() {
        ReceiverOptions defaults = ReceiverOptions.defaults();
        ReceiverOptions changed = defaults.prefetchCount(5).maxWaitTime(Duration.ofSeconds(1));

        assertThat(defaults.getPrefetchCount()).isZero();
        assertThat(changed.getPrefetchCount()).isEqualTo(5);
        assertThatThrownBy(() -> defaults.prefetchCount(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.maxWaitTime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessorOptions.defaults().maxConcurrentCalls(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryOptions.defaults().maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
