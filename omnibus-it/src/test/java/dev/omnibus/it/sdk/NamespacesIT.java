package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.UrlBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
import com.azure.messaging.servicebus.administration.models.CreateQueueOptions;
import com.azure.messaging.servicebus.administration.models.QueueProperties;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import dev.omnibus.core.Namespace;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several namespaces from one {@code Config.json}, reached with the official Java SDK the way Service Bus is: by host
 * name. The test machine does not resolve {@code orders.servicebus.local}, so the clients name it in the connection
 * string (it goes into the AMQP OPEN, the token audiences and the HTTP {@code Host} header) and connect to
 * {@code 127.0.0.1}: the data-plane client with {@code customEndpointAddress}, the admin client with a pipeline policy.
 */
@Timeout(120)
class NamespacesIT {
    private static final String ORDERS_HOST = "orders.servicebus.local";
    @TempDir
    static Path dir;
    private static OmnibusServer server;
    private final Deque<AutoCloseable> clients = new ArrayDeque<>();

    @BeforeAll
    static void start() throws IOException {
        Path config = Files.writeString(dir.resolve("Config.json"), """
                {"UserConfig": {"Namespaces": [
                  {"Name": "sbemulatorns", "Queues": [{"Name": "jobs", "Properties": {"MaxDeliveryCount": 3}}]},
                  {"Name": "orders", "Queues": [{"Name": "jobs", "Properties": {"MaxDeliveryCount": 7}}]}],
                 "Logging": {"Type": "Console"}}}""");
        server = OmnibusServer.start(ServerOptions.ephemeral().withConfigFile(config));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        while (!clients.isEmpty()) {
            clients.pop().close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T client) {
        clients.push(client);
        return client;
    }

    /** The default namespace: the server's own emulator connection string. */
    private ServiceBusClientBuilder defaultNamespace() {
        return new ServiceBusClientBuilder().connectionString(server.connectionString())
                .retryOptions(SdkTestSupport.fastRetries());
    }

    /**
     * Namespace {@code orders}: the connection string names its host, {@code customEndpointAddress} says where to
     * connect (the SDK only takes host and port from it, and needs a scheme {@link java.net.URL} knows).
     */
    private ServiceBusClientBuilder ordersNamespace() {
        return new ServiceBusClientBuilder()
                .connectionString("Endpoint=sb://" + ORDERS_HOST + ";SharedAccessKeyName=RootManageSharedAccessKey;"
                        + "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true")
                .customEndpointAddress("http://127.0.0.1:" + server.amqpPort())
                .retryOptions(SdkTestSupport.fastRetries());
    }

    private static List<String> receiveAll(ServiceBusReceiverClient receiver, int expected) {
        return receiver.receiveMessages(expected + 1, Duration.ofSeconds(3)).stream()
                .map(ServiceBusReceivedMessage::getBody).map(Object::toString).toList();
    }

    @Test
    void sameNamedQueuesInTwoNamespacesKeepTheirOwnMessages() {
        ServiceBusSenderClient toDefault = closeLater(defaultNamespace().sender().queueName("jobs").buildClient());
        ServiceBusSenderClient toOrders = closeLater(ordersNamespace().sender().queueName("jobs").buildClient());

        toDefault.sendMessage(new ServiceBusMessage("default job"));
        toOrders.sendMessages(List.of(new ServiceBusMessage("order 1"), new ServiceBusMessage("order 2")));

        ServiceBusReceiverClient fromOrders = closeLater(ordersNamespace().receiver().queueName("jobs")
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient());
        ServiceBusReceiverClient fromDefault = closeLater(defaultNamespace().receiver().queueName("jobs")
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient());
        assertThat(receiveAll(fromOrders, 2)).containsExactly("order 1", "order 2");
        assertThat(receiveAll(fromDefault, 1)).containsExactly("default job");
    }

    @Test
    void theConfiguredPropertiesAreEachNamespaces() {
        Namespace orders = server.broker().findNamespace("orders").orElseThrow();

        assertThat(server.broker().namespace().getQueue("jobs").orElseThrow().maxDeliveryCount()).isEqualTo(3);
        assertThat(orders.getQueue("jobs").orElseThrow().maxDeliveryCount()).isEqualTo(7);
        assertThat(server.readyLine()).contains("namespaces=sbemulatorns,orders");
    }

    /**
     * The admin client with the emulator sample's rewrite to {@code http} and the HTTP port, sent to
     * {@code 127.0.0.1} with the namespace's host in the {@code Host} header.
     */
    private static ServiceBusAdministrationClient admin(String host) {
        int port = server.httpPort();
        return new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://" + host + ";SharedAccessKeyName=RootManageSharedAccessKey;"
                        + "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true")
                .addPolicy((context, next) -> {
                    UrlBuilder url = UrlBuilder.parse(context.getHttpRequest().getUrl());
                    url.setScheme("http");
                    url.setHost("127.0.0.1");
                    url.setPort(port);
                    context.getHttpRequest().setUrl(url.toString());
                    context.getHttpRequest().setHeader(com.azure.core.http.HttpHeaderName.HOST, host + ":" + port);
                    return next.process();
                })
                .buildClient();
    }

    @Test
    void theAdminClientManagesTheNamespaceItsHostNames() {
        ServiceBusAdministrationClient orders = admin(ORDERS_HOST);
        ServiceBusAdministrationClient main = admin("localhost");

        assertThat(orders.getNamespaceProperties().getName()).isEqualTo("orders");
        assertThat(main.getNamespaceProperties().getName()).isEqualTo("sbemulatorns");
        assertThat(orders.getQueue("jobs").getMaxDeliveryCount()).isEqualTo(7);
        assertThat(main.getQueue("jobs").getMaxDeliveryCount()).isEqualTo(3);

        orders.createQueue("admin-made", new CreateQueueOptions().setMaxDeliveryCount(4));

        assertThat(server.broker().findNamespace("orders").orElseThrow().getQueue("admin-made")).isPresent();
        assertThat(server.broker().namespace().hasQueue("admin-made")).isFalse();
        assertThat(orders.listQueues().stream().map(QueueProperties::getName)).contains("admin-made", "jobs");
        assertThat(main.getQueueExists("admin-made")).isFalse();
    }
}
