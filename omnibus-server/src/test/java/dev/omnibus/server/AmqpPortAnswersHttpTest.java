package dev.omnibus.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.SasToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The AMQP port also serves the HTTP API: clients that use one endpoint for both (the JS test suite) work. */
class AmqpPortAnswersHttpTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void healthAndManagementAnswerOnTheAmqpPort() throws Exception {
        ServerOptions options = ServerOptions.ephemeral();
        try (OmnibusServer server = OmnibusServer.start(options, AmqpListenerFactory.standard())) {
            String base = "http://127.0.0.1:" + server.amqpPort();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("healthy");

            String token = SasToken.create("https://localhost/", options.sasKeyName(), options.sasKey(),
                    Instant.now().plus(Duration.ofHours(1))).text();
            HttpResponse<String> queue = client.send(HttpRequest.newBuilder(URI.create(base
                            + "/queue.1?api-version=2021-05")).header("Authorization", token)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(queue.body()).contains("<title type=\"text\">queue.1</title>").contains("QueueDescription");
        }
    }
}
