package dev.omnibus.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.client.admin.ServiceBusAdministrationAsyncClient;
import dev.omnibus.client.admin.ServiceBusAdministrationClientBuilder;
import dev.omnibus.client.admin.models.CreateQueueOptions;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The asynchronous administration client against a real server: many requests in flight at once. */
@Timeout(120)
class OmnibusAdminAsyncClientIT {
    private static OmnibusServer server;
    private static ServiceBusAdministrationAsyncClient admin;

    @BeforeAll
    static void start() {
        server = OmnibusServer.start(ServerOptions.ephemeral());
        admin = new ServiceBusAdministrationClientBuilder()
                .connectionString(ConnectionString.forEmulator("localhost", server.httpPort(),
                        server.options().sasKeyName(), server.options().sasKey()))
                .buildAsyncClient();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void concurrentCreatesThenListThenDeletes() {
        List<CompletableFuture<QueueProperties>> creating = IntStream.range(0, 20)
                .mapToObj(i -> admin.createQueue("async-" + i, new CreateQueueOptions()
                        .setLockDuration(Duration.ofSeconds(10 + i))))
                .toList();
        CompletableFuture.allOf(creating.toArray(CompletableFuture[]::new)).join();

        List<QueueProperties> listed = admin.listQueues().join();

        assertThat(listed).filteredOn(q -> q.getName().startsWith("async-")).hasSize(20)
                .allSatisfy(q -> assertThat(q.getLockDuration())
                        .isEqualTo(Duration.ofSeconds(10 + Integer.parseInt(q.getName().substring(6)))));
        CompletableFuture.allOf(IntStream.range(0, 20).mapToObj(i -> admin.deleteQueue("async-" + i))
                .toArray(CompletableFuture[]::new)).join();
        assertThat(admin.queueExists("async-3").join()).isFalse();
    }

    @Test
    void failuresArriveAsTheClientsExceptions() {
        assertThatThrownBy(() -> admin.getTopic("async-missing").join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(MessagingEntityNotFoundException.class);
        assertThat(admin.getNamespaceProperties().join().getMessagingSku()).isEqualTo("Standard");
    }
}
