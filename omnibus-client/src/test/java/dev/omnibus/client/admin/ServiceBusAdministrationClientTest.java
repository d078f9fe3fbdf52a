package dev.omnibus.client.admin;

import static dev.omnibus.client.admin.FakeManagementServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.SasToken;
import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.admin.models.CreateQueueOptions;
import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.CreateSubscriptionOptions;
import dev.omnibus.client.admin.models.NamespaceProperties;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.exceptions.OperationTimeoutException;
import dev.omnibus.client.exceptions.ServiceBusAuthorizationException;
import dev.omnibus.client.exceptions.ServiceBusCommunicationException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import dev.omnibus.client.exceptions.ServiceBusQuotaExceededException;
import dev.omnibus.client.exceptions.ServiceBusServerBusyException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The administration client against a scripted HTTP server: requests it makes, answers it reads, errors it maps. */
@Timeout(30)
class ServiceBusAdministrationClientTest {
    private static final String CONNECTION = "Endpoint=sb://contoso.servicebus.windows.net/;"
            + "SharedAccessKeyName=Root;SharedAccessKey=secret";

    private FakeManagementServer server;
    private ServiceBusAdministrationClient admin;

    @BeforeEach
    void start() throws IOException {
        server = new FakeManagementServer();
        admin = client(RetryOptions.defaults().maxRetries(2).delay(Duration.ofMillis(10))
                .maxDelay(Duration.ofMillis(50)).tryTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        admin.close();
        server.close();
    }

    private ServiceBusAdministrationClient client(RetryOptions retry) {
        return new ServiceBusAdministrationClientBuilder().connectionString(CONNECTION)
                .managementEndpoint(server.endpoint()).retryOptions(retry).buildClient();
    }

    static String resource(String name) {
        try (InputStream in = ServiceBusAdministrationClientTest.class.getResourceAsStream("/admin/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String feed(boolean next, String... entries) {
        StringBuilder out = new StringBuilder("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"text\">"
                + "Queues</title><link rel=\"self\" href=\"https://h/$Resources/queues\"/>");
        if (next) {
            out.append("<link rel=\"next\" href=\"https://h/$Resources/queues?$skip=1&amp;$top=100\"/>");
        }
        for (String entry : entries) {
            out.append(entry.replaceFirst("<\\?xml[^>]*>", "").replace(" xmlns=\"http://www.w3.org/2005/Atom\"", ""));
        }
        return out.append("</feed>").toString();
    }

    @Test
    void createQueuePutsAnAtomEntrySignedForTheQueuesHttpsUrl() {
        server.then(201, resource("responses/queue-entry.xml"));

        QueueProperties q = admin.createQueue("q1", new CreateQueueOptions().setLockDuration(Duration.ofSeconds(30))
                .setForwardTo("q2"));

        FakeManagementServer.Seen put = server.last();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/q1");
        assertThat(put.uri().getRawQuery()).isEqualTo("api-version=2021-05");
        assertThat(put.header("Content-Type")).isEqualTo("application/atom+xml;type=entry;charset=utf-8");
        assertThat(put.header("If-Match")).isNull();
        assertThat(put.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><entry")
                .contains("<LockDuration>PT30S</LockDuration>")
                .contains("<ForwardTo>https://contoso.servicebus.windows.net/q2</ForwardTo>");
        SasToken token = SasToken.parse(put.header("Authorization"));
        assertThat(token.keyName()).isEqualTo("Root");
        assertThat(token.isSignedWith("secret")).isTrue();
        assertThat(token.resource()).isEqualTo("https://contoso.servicebus.windows.net/q1");
        assertThat(SasToken.parse(put.header("ServiceBusSupplementaryAuthorization")).resource())
                .isEqualTo("https://contoso.servicebus.windows.net/q2");
        assertThat(q.getName()).isEqualTo("q1");
        assertThat(q.isSessionRequired()).isTrue();
        assertThat(q.getForwardTo()).isEqualTo("q2");
    }

    @Test
    void updateSendsIfMatchAndTheWholeDescription() {
        server.then(200, resource("responses/queue-entry.xml")).then(200, resource("responses/queue-entry.xml"));
        QueueProperties q = admin.getQueue("q1");

        admin.updateQueue(q.setMaxDeliveryCount(9).setUserMetadata(null));

        FakeManagementServer.Seen get = server.requests().get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.uri().getRawQuery()).isEqualTo("enrich=false&api-version=2021-05");
        FakeManagementServer.Seen put = server.last();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.header("If-Match")).isEqualTo("*");
        assertThat(put.body()).contains("<MaxDeliveryCount>9</MaxDeliveryCount>").doesNotContain("UserMetadata")
                .contains("<RequiresSession>true</RequiresSession>");
    }

    @Test
    void statusesBecomeTheClientsExceptionsWithTheServicesDetail() {
        server.then(404, error(404, "The messaging entity 'ns:Queue:nope' could not be found."))
                .then(409, error(409, "The messaging entity 'ns:Queue:q' already exists."))
                .then(401, error(401, "Unauthorized access. The token signature is not valid."))
                .then(400, error(400, "The value 'PT0S' of LockDuration is not valid."))
                .then(403, error(403, "Quota exceeded."));

        assertThatThrownBy(() -> admin.getQueue("nope")).isInstanceOf(MessagingEntityNotFoundException.class)
                .hasMessageContaining("could not be found").hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> admin.createQueue("q")).isInstanceOf(MessagingEntityAlreadyExistsException.class)
                .hasMessageContaining("already exists")
                .extracting(e -> ((ServiceBusException) e).getReason())
                .isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_ALREADY_EXISTS);
        assertThatThrownBy(() -> admin.deleteQueue("q")).isInstanceOf(ServiceBusAuthorizationException.class)
                .hasMessageContaining("token signature");
        assertThatThrownBy(() -> admin.createQueue("q"))
                .isExactlyInstanceOf(ServiceBusException.class)
                .hasMessageContaining("The value 'PT0S' of LockDuration is not valid.")
                .matches(e -> !((ServiceBusException) e).isTransient());
        assertThatThrownBy(() -> admin.getQueue("q")).isInstanceOf(ServiceBusQuotaExceededException.class);
        assertThat(server.requests()).hasSize(5); // none of these was retried
    }

    @Test
    void transientStatusesAreRetriedThenReported() {
        server.then(503, error(503, "busy")).then(500, "").then(200, resource("responses/queue-entry.xml"))
                .then(503, "").then(503, "").then(503, error(503, "still busy"));

        assertThat(admin.getQueue("q1").getName()).isEqualTo("q1");
        assertThat(server.requests()).hasSize(3);

        assertThatThrownBy(() -> admin.getQueue("q1")).isInstanceOf(ServiceBusServerBusyException.class)
                .hasMessageContaining("still busy").matches(e -> ((ServiceBusException) e).isTransient());
        assertThat(server.requests()).hasSize(6);
    }

    @Test
    void listsFollowTheNextLinkPageByPage() {
        server.then(200, feed(true, resource("responses/queue-entry.xml")))
                .then(200, feed(false, resource("responses/queue-entry.xml").replace("q1", "q9")));

        List<QueueProperties> queues = admin.listQueues();

        assertThat(queues).extracting(QueueProperties::getName).containsExactly("q1", "q9");
        assertThat(server.requests()).extracting(s -> s.path() + "?" + s.uri().getQuery()).containsExactly(
                "/$Resources/queues?$skip=0&$top=100&api-version=2021-05",
                "/$Resources/queues?$skip=1&$top=100&api-version=2021-05");
    }

    @Test
    void existsIsFalseForNotFoundForAnEmptyFeedAndForAnEntityOfTheOtherKind() {
        server.then(404, error(404, "no")).then(200, resource("responses/empty-feed.xml"))
                .then(200, resource("responses/topic-entry.xml")).then(200, resource("responses/queue-entry.xml"))
                .then(500, "").then(500, "").then(500, "");

        assertThat(admin.queueExists("a")).isFalse();
        assertThat(admin.queueExists("b")).isFalse();
        assertThat(admin.queueExists("t1")).isFalse();
        assertThat(admin.queueExists("q1")).isTrue();
        assertThatThrownBy(() -> admin.queueExists("q")).isInstanceOf(ServiceBusException.class)
                .matches(e -> ((ServiceBusException) e).isTransient());
    }

    @Test
    void pathsAreEncodedAndSubscriptionsAndRulesUseTheServicesCapitals() {
        server.then(200, resource("responses/rule-correlation-entry.xml")).then(200, "").then(200, "");

        RuleProperties rule = admin.getRule("t1", "s1", "$Default");
        admin.deleteQueue("a b/c");
        admin.deleteSubscription("t1", "s1");

        assertThat(rule.getName()).isEqualTo("corr");
        assertThat(server.requests()).extracting(FakeManagementServer.Seen::method, FakeManagementServer.Seen::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/t1/Subscriptions/s1/Rules/$Default"),
                        org.assertj.core.groups.Tuple.tuple("DELETE", "/a%20b/c"),
                        org.assertj.core.groups.Tuple.tuple("DELETE", "/t1/Subscriptions/s1"));
    }

    @Test
    void createSubscriptionWithADefaultRuleSendsItInTheDescription() {
        server.then(201, resource("responses/subscription-entry.xml"));

        admin.createSubscription("t1", "s1", new CreateSubscriptionOptions(),
                new CreateRuleOptions(new SqlRuleFilter("color = 'red'")));

        assertThat(server.last().path()).isEqualTo("/t1/Subscriptions/s1");
        assertThat(server.last().body()).contains("<DefaultRuleDescription><Filter i:type=\"SqlFilter\">"
                + "<SqlExpression>color = 'red'</SqlExpression>").contains("<Name>$Default</Name>");
    }

    @Test
    void namespacePropertiesAreRead() {
        server.then(200, resource("responses/namespace-info.xml"));

        NamespaceProperties ns = admin.getNamespaceProperties();

        assertThat(server.last().path()).isEqualTo("/$namespaceinfo");
        assertThat(ns.getName()).isEqualTo("sbemulatorns");
        assertThat(ns.getMessagingSku()).isEqualTo("Standard");
        assertThat(ns.getNamespaceType()).isEqualTo("Messaging");
        assertThat(ns.getCreatedTime()).isNotNull();
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallWithinItsTimeout() {
        server.then(FakeManagementServer.silent());
        try (ServiceBusAdministrationClient impatient = client(RetryOptions.defaults().maxRetries(0)
                .tryTimeout(Duration.ofMillis(500)))) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> impatient.getQueue("q")).isInstanceOf(OperationTimeoutException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnreachableServiceIsATransientCommunicationError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ServiceBusAdministrationClient nowhere = new ServiceBusAdministrationClientBuilder()
                .connectionString(CONNECTION).managementEndpoint(URI.create("http://127.0.0.1:" + closedPort))
                .retryOptions(RetryOptions.defaults().maxRetries(1).delay(Duration.ofMillis(10))).buildClient()) {
            assertThatThrownBy(() -> nowhere.listTopics()).isInstanceOf(ServiceBusCommunicationException.class)
                    .hasMessageContaining("127.0.0.1:" + closedPort)
                    .matches(e -> ((ServiceBusException) e).isTransient());
        }
    }

    @Test
    void asyncFuturesCompleteOnTheClientsThreadsWithTheSameExceptions() {
        server.then(200, resource("responses/queue-entry.xml")).then(404, error(404, "gone"));
        ServiceBusAdministrationAsyncClient async = admin.getAsyncClient();
        AtomicReference<String> thread = new AtomicReference<>();

        String name = async.getQueue("q1").thenApply(q -> {
            thread.set(Thread.currentThread().getName());
            return q.getName();
        }).join();
        CompletableFuture<QueueProperties> missing = async.getQueue("gone");

        assertThat(name).isEqualTo("q1");
        assertThat(thread.get()).startsWith("omnibus-admin");
        assertThatThrownBy(missing::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(MessagingEntityNotFoundException.class);
    }

    @Test
    void argumentsAreCheckedOnTheCallersThreadAndAClosedClientRefusesWork() {
        assertThatThrownBy(() -> admin.getQueue(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.createQueue(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CreateQueueOptions().setMaxDeliveryCount(0))
                .isInstanceOf(IllegalArgumentException.class);
        admin.close();
        assertThatThrownBy(() -> admin.listQueues()).isInstanceOf(IllegalStateException.class);
        assertThat(server.requests()).isEmpty();
    }
}
