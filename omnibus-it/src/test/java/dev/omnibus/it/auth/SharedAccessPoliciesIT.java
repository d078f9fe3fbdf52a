package dev.omnibus.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverAsyncClient;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import dev.omnibus.it.admin.EmulatorAdminClient;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import dev.omnibus.server.auth.AccessPolicy;
import dev.omnibus.server.auth.AccessRight;
import dev.omnibus.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shared access policies with the official Java SDK 7.17.20: a Send key sends but cannot receive, a Listen key
 * receives but cannot send, and only a Manage key gets into the management API
 * ({@code ServiceBusAdministrationClient}).
 */
@Timeout(120)
class SharedAccessPoliciesIT {
    private static EmbeddedBroker broker;
    private static OmnibusServer server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.builder().sasPolicy("sender", "c2VuZGVy", AccessRight.SEND)
                .sasPolicy("listener", "bGlzdGVuZXI=", AccessRight.LISTEN).start();
        server = OmnibusServer.start(ServerOptions.ephemeral().withSasPolicies(List.of(
                AccessPolicy.parse("app=YXBw:Send,Listen"), AccessPolicy.parse("ops=b3Bz:Manage"))));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T later(T client) {
        clients.add(client);
        return client;
    }

    private static ServiceBusClientBuilder client(String connectionString) {
        return new ServiceBusClientBuilder().connectionString(connectionString).retryOptions(new AmqpRetryOptions()
                .setMode(AmqpRetryMode.FIXED).setMaxRetries(1).setDelay(Duration.ofMillis(200))
                .setTryTimeout(Duration.ofSeconds(10)));
    }

    private static void assertUnauthorized(ThrowingCallable call, String claim) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceBusException.class, e -> {
            assertThat(e.getReason()).as(e.getMessage()).isEqualTo(ServiceBusFailureReason.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("'" + claim + "' claim(s) are required to perform this operation.");
        });
    }

    @Test
    void aSendKeySendsButItsReceiverIsUnauthorized() {
        broker.createQueue("send-only");
        String sendOnly = broker.connectionString("sender");
        ServiceBusSenderClient sender = later(client(sendOnly).sender().queueName("send-only").buildClient());
        ServiceBusReceiverAsyncClient receiver = later(client(sendOnly).receiver().queueName("send-only")
                .buildAsyncClient());
        ServiceBusReceiverClient peeker = later(client(sendOnly).receiver().queueName("send-only").buildClient());

        sender.sendMessage(new ServiceBusMessage("hello"));

        assertThat(broker.namespace().queueRuntimeInfo("send-only").join().activeMessageCount()).isEqualTo(1);
        assertUnauthorized(() -> receiver.receiveMessages().blockFirst(Duration.ofSeconds(20)), "Listen");
        assertUnauthorized(peeker::peekMessage, "Listen");
    }

    @Test
    void aListenKeyReceivesButCannotSend() {
        broker.createQueue("listen-only");
        later(client(broker.connectionString()).sender().queueName("listen-only").buildClient())
                .sendMessage(new ServiceBusMessage("from root"));
        String listenOnly = broker.connectionString("listener");
        ServiceBusReceiverClient receiver = later(client(listenOnly).receiver().queueName("listen-only")
                .buildClient());
        ServiceBusSenderClient sender = later(client(listenOnly).sender().queueName("listen-only").buildClient());

        List<ServiceBusReceivedMessage> got = receiver.receiveMessages(1, Duration.ofSeconds(20)).stream().toList();
        receiver.complete(got.get(0));

        assertThat(got).extracting(m -> m.getBody().toString()).containsExactly("from root");
        assertUnauthorized(() -> sender.sendMessage(new ServiceBusMessage("x")), "Send");
    }

    private static ServiceBusAdministrationClient admin(String keyName, String key) {
        return EmulatorAdminClient.create(server.httpPort(), keyName, key);
    }

    @Test
    void theAdministrationClientNeedsAManageKey() {
        ServiceBusAdministrationClient sendListen = admin("app", "YXBw");
        ServiceBusAdministrationClient manage = admin("ops", "b3Bz");
        ServiceBusAdministrationClient root = admin(server.options().sasKeyName(), server.options().sasKey());

        assertThatThrownBy(() -> sendListen.createQueue("admin-q"))
                .isInstanceOfSatisfying(ClientAuthenticationException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("Manage,EntityWrite claims required for this operation.");
                });
        assertThatThrownBy(() -> sendListen.getQueue("admin-q")).isInstanceOf(ClientAuthenticationException.class);
        assertThat(manage.createQueue("admin-q").getName()).isEqualTo("admin-q");
        assertThat(root.getQueue("admin-q").getName()).isEqualTo("admin-q");
    }
}
