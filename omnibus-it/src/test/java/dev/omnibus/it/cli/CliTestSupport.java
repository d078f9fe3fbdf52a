package dev.omnibus.it.cli;

import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * One real server per test class (in memory, random ports) and the {@code omnibus} command pointed at it through
 * its environment, as a user would: {@code OMNIBUS_CONNECTION_STRING} (the server's own, AMQP port) and
 * {@code OMNIBUS_MANAGEMENT_ENDPOINT} (its HTTP port, so the override is exercised everywhere; the connection string
 * alone is tested by {@code OmnibusCliAdminIT}). A client is at hand to check what the command did.
 */
@Timeout(300)
abstract class CliTestSupport {
    static OmnibusServer server;
    static CliProcess omnibus;
    static ServiceBusClient client;

    @BeforeAll
    static void startServer() {
        server = OmnibusServer.start(ServerOptions.ephemeral());
        omnibus = new CliProcess().env("OMNIBUS_CONNECTION_STRING", server.connectionString())
                .env("OMNIBUS_MANAGEMENT_ENDPOINT", "http://127.0.0.1:" + server.httpPort());
        client = ServiceBusClient.builder().connectionString(server.connectionString())
                .retryOptions(RetryOptions.defaults().maxRetries(1).tryTimeout(Duration.ofSeconds(10))).buildClient();
    }

    @AfterAll
    static void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
