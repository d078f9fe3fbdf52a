package dev.omnibus.client.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.SasToken;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceBusAdministrationClientBuilderTest {
    private static final String KEY = "SharedAccessKeyName=Root;SharedAccessKey=secret";

    private static String endpointOf(ServiceBusAdministrationClientBuilder builder) {
        return builder.config().endpoint().toString();
    }

    @Test
    void azureConnectionStringsGoToHttpsOnTheDefaultPort() {
        assertThat(endpointOf(new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://contoso.servicebus.windows.net/;" + KEY)))
                .isEqualTo("https://contoso.servicebus.windows.net/");
        assertThat(endpointOf(new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://contoso.servicebus.windows.net:5671/;" + KEY)))
                .isEqualTo("https://contoso.servicebus.windows.net/");
    }

    @Test
    void emulatorConnectionStringsGoToHttpOnTheEndpointsPortOr5300() {
        assertThat(endpointOf(new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://localhost;" + KEY + ";UseDevelopmentEmulator=true")))
                .isEqualTo("http://localhost:5300/");
        assertThat(endpointOf(new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://127.0.0.1:5672;" + KEY + ";UseDevelopmentEmulator=true")))
                .isEqualTo("http://127.0.0.1:5672/");
        assertThat(endpointOf(new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://host:1234;" + KEY).developmentEmulator(true)))
                .isEqualTo("http://host:1234/");
    }

    @Test
    void endpointsWithCredentialsAndExplicitManagementEndpoints() {
        assertThat(endpointOf(new ServiceBusAdministrationClientBuilder().endpoint("contoso.servicebus.windows.net")
                .sasKey("Root", "secret"))).isEqualTo("https://contoso.servicebus.windows.net/");
        assertThat(endpointOf(new ServiceBusAdministrationClientBuilder().endpoint("http://127.0.0.1:8080/ignored")
                .sasKey("Root", "secret"))).isEqualTo("http://127.0.0.1:8080/");
        assertThat(endpointOf(new ServiceBusAdministrationClientBuilder().endpoint("localhost")
                .developmentEmulator(true).sasKey("Root", "secret"))).isEqualTo("http://localhost:5300/");
        String token = SasToken.create("https://h/", "Root", "secret", Instant.now().plusSeconds(60)).text();
        ServiceBusAdministrationClientBuilder overridden = new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://localhost:5672;SharedAccessSignature=" + token
                        + ";UseDevelopmentEmulator=true")
                .managementEndpoint(URI.create("http://localhost:15300"));
        assertThat(endpointOf(overridden)).isEqualTo("http://localhost:15300/");
        assertThat(overridden.config().namespaceHost()).isEqualTo("localhost");
        assertThat(overridden.config().tokens().token("https://localhost/q").token()).isEqualTo(token);
    }

    @Test
    void conflictingOrMissingSettingsAreRefused() {
        assertThatThrownBy(() -> new ServiceBusAdministrationClientBuilder().buildClient())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://h/;" + KEY).endpoint("h").buildClient())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServiceBusAdministrationClientBuilder().endpoint("h").buildClient())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServiceBusAdministrationClientBuilder().endpoint("h").sasKey("a", "b")
                .sasToken("SharedAccessSignature sr=x&sig=y&se=1&skn=a").buildClient())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServiceBusAdministrationClientBuilder()
                .managementEndpoint(URI.create("ftp://h/"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceBusAdministrationClientBuilder().connectionString("nonsense")
                .buildClient()).isInstanceOf(IllegalArgumentException.class);
    }
}
