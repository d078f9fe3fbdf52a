package dev.omnibus.server.management;

import static dev.omnibus.server.management.ManagementHarness.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.SasToken;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.filter.SqlFilter;
import dev.omnibus.server.http.HttpReply;
import dev.omnibus.server.http.HttpRequestView;
import dev.omnibus.server.http.HttpRouter;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour of the management API: CRUD, paging, paths, errors and authorization. */
class ManagementApiTest {
    private static final String QUEUE = entry("<QueueDescription xmlns=\"http://schemas.microsoft.com/netservices/"
            + "2010/10/servicebus/connect\"><LockDuration>PT45S</LockDuration><MaxDeliveryCount>7</MaxDeliveryCount>"
            + "</QueueDescription>");
    private static final String TOPIC = entry("<TopicDescription xmlns=\"http://schemas.microsoft.com/netservices/"
            + "2010/10/servicebus/connect\"/>");
    private static final String SUBSCRIPTION = entry("<SubscriptionDescription xmlns=\"http://schemas.microsoft.com/"
            + "netservices/2010/10/servicebus/connect\"/>");

    private final ManagementHarness h = new ManagementHarness();

    @AfterEach
    void close() {
        h.close();
    }

    static String entry(String description) {
        return "<entry xmlns=\"http://www.w3.org/2005/Atom\"><content type=\"application/xml\">" + description
                + "</content></entry>";
    }

    static String rule(String filter) {
        return entry("<RuleDescription xmlns=\"http://schemas.microsoft.com/netservices/2010/10/servicebus/connect\" "
                + "xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">" + filter + "</RuleDescription>");
    }

    @Test
    void theHostHeaderChoosesTheNamespace() {
        h.broker.namespace("orders");
        Map<String, String> orders = Map.of("host", "orders.localhost:5300");

        assertThat(h.send(HttpMethod.PUT, "/q", QUEUE, orders).status()).isEqualTo(201);
        assertThat(h.create("/q", QUEUE.replace("PT45S", "PT30S")).status()).as("same name, default namespace")
                .isEqualTo(201);

        assertThat(h.broker.findNamespace("orders").orElseThrow().getQueue("q").orElseThrow().lockDuration())
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(h.broker.namespace().getQueue("q").orElseThrow().lockDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(h.send(HttpMethod.GET, "/q", null, orders).body()).contains("<LockDuration>PT45S</LockDuration>")
                .contains("<author><name>orders</name></author>")
                .contains("<id>https://orders.localhost:5300/q?api-version=2021-05</id>");
        assertThat(h.send(HttpMethod.GET, "/$namespaceinfo", null, Map.of("host", "ORDERS.servicebus.windows.net"))
                .body()).contains("<Name>orders</Name>");
        assertThat(h.get("/$namespaceinfo").body()).contains("<Name>sbemulatorns</Name>");
    }

    @Test
    void aHostNamingNoNamespaceGetsTheDefaultOneAndCreatesNone() {
        Map<String, String> stranger = Map.of("host", "stranger.localhost:5300");

        assertThat(h.send(HttpMethod.PUT, "/q", QUEUE, stranger).status()).isEqualTo(201);
        assertThat(h.send(HttpMethod.GET, "/q", null, Map.of("host", "127.0.0.1:5300")).status()).isEqualTo(200);

        assertThat(h.broker.namespace().hasQueue("q")).isTrue();
        assertThat(h.broker.findNamespace("stranger")).isEmpty();
        assertThat(h.send(HttpMethod.GET, "/missing", null, stranger).body())
                .contains("'sbemulatorns:Queue:missing' could not be found");
    }

    @Test
    void queueLifecycleCreateGetUpdateDelete() {
        assertThat(h.create("/orders", QUEUE).status()).isEqualTo(201);
        assertThat(h.get("/orders?enrich=true").body()).contains("<LockDuration>PT45S</LockDuration>");
        assertThat(h.get("/orders?enrich=false").status()).isEqualTo(200);

        String changed = QUEUE.replace("PT45S", "PT2M").replace("</QueueDescription>",
                "<UserMetadata>x &amp; y</UserMetadata></QueueDescription>");
        ManagementHarness.Reply updated = h.update("/orders", changed);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).contains("<UserMetadata>x &amp; y</UserMetadata>");
        QueueDescription stored = h.broker.namespace().getQueue("orders").orElseThrow();
        assertThat(stored.lockDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(stored.maxDeliveryCount()).isEqualTo(7);
        assertThat(stored.userMetadata()).isEqualTo("x & y");

        assertThat(h.delete("/orders").status()).isEqualTo(200);
        assertThat(h.get("/orders").status()).isEqualTo(404);
        assertThat(h.delete("/orders").status()).isEqualTo(404);
    }

    @Test
    void updateWithoutAnOptionalPropertyClearsIt() {
        h.create("/target", QUEUE);
        h.create("/q", QUEUE.replace("</QueueDescription>",
                "<ForwardTo>sb://localhost:5672/target</ForwardTo></QueueDescription>"));
        assertThat(h.broker.namespace().getQueue("q").orElseThrow().forwardTo()).isEqualTo("target");

        h.update("/q", QUEUE);

        assertThat(h.broker.namespace().getQueue("q").orElseThrow().forwardTo()).isNull();
    }

    @Test
    void getOfATopicNameAnswersTheTopicAndDeleteRemovesIt() {
        h.create("/events", TOPIC);

        assertThat(h.get("/events").body()).contains("<TopicDescription");
        assertThat(h.delete("/events").status()).isEqualTo(200);
        assertThat(h.broker.namespace().getTopic("events")).isEmpty();
    }

    @Test
    void createOfAnExistingNameIs409AndUpdateOfAMissingOneIs404() {
        h.create("/orders", QUEUE);

        ManagementHarness.Reply again = h.create("/orders", QUEUE);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>409</Code>"
                + "<Detail>The messaging entity 'orders' already exists.</Detail></Error>");
        assertThat(h.create("/orders", TOPIC).status()).isEqualTo(409);
        assertThat(h.update("/missing", QUEUE).status()).isEqualTo(404);
    }

    @Test
    void invalidInputIs400WithTheReason() {
        assertThat(h.create("/q", "not xml").body()).contains("<Code>400</Code>", "not valid XML");
        assertThat(h.create("/q", QUEUE.replace("PT45S", "soon")).body())
                .contains("The value 'soon' of LockDuration is not valid");
        assertThat(h.create("/q", QUEUE.replace("PT45S", "PT1S")).body()).contains("LockDuration must be between");
        assertThat(h.create("/q", entry("<Nonsense xmlns=\"urn:x\"/>")).body())
                .contains("Expected a QueueDescription or TopicDescription");
        assertThat(h.create("/q", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>").status())
                .isEqualTo(400);
    }

    @Test
    void invalidSqlFilterIs400WithThePosition() {
        h.create("/t", TOPIC);
        h.create("/t/Subscriptions/s", SUBSCRIPTION);

        ManagementHarness.Reply reply = h.create("/t/Subscriptions/s/Rules/bad",
                rule("<Filter i:type=\"SqlFilter\"><SqlExpression>a = = 1</SqlExpression></Filter>"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("SQL filter expression is invalid at line 1, column 5");
    }

    @Test
    void pathsAreCaseInsensitiveAndMayEndWithASlash() {
        h.create("/t", TOPIC);
        assertThat(h.create("/t/subscriptions/s", SUBSCRIPTION).status()).isEqualTo(201);

        assertThat(h.get("/t/Subscriptions/s").status()).isEqualTo(200);
        assertThat(h.get("/t/SUBSCRIPTIONS/s/rules/$default").body()).contains("<Name>$Default</Name>",
                "<Filter i:type=\"TrueFilter\"><SqlExpression>1=1</SqlExpression>");
        assertThat(h.get("/t/Subscriptions/").body()).contains("<title type=\"text\">s</title>");
        assertThat(h.get("/t/Subscriptions/s/Rules/").body()).contains("/t/Subscriptions/s/Rules/$Default?");
        assertThat(h.get("/$Resources/Topics").body()).contains("<title type=\"text\">t</title>");
    }

    @Test
    void listsPageWithSkipAndTop() {
        for (int i = 0; i < 5; i++) {
            h.create("/q" + i, QUEUE);
        }

        String first = h.get("/$Resources/queues?$skip=0&$top=2").body();
        String last = h.get("/$Resources/queues?%24skip=4&%24top=2").body();
        String all = h.get("/$Resources/queues").body();

        assertThat(first).contains(">q0<", ">q1<").doesNotContain(">q2<")
                .contains("rel=\"next\" href=\"https://localhost:5300/$Resources/queues?$skip=2&amp;$top=2");
        assertThat(last).contains(">q4<").doesNotContain("rel=\"next\"");
        assertThat(all).contains(">q0<", ">q4<").doesNotContain("rel=\"next\"");
        assertThat(h.get("/$Resources/queues?$skip=9").body()).doesNotContain("<entry>");
        assertThat(h.get("/$Resources/queues?$top=-1").status()).isEqualTo(400);
    }

    @Test
    void runtimeCountsShowInGetAndLists() {
        h.create("/q", QUEUE);
        h.broker.namespace().queue("q").send(List.of(IncomingMessage.builder(new byte[10]).build())).join();

        String body = h.get("/q").body();

        assertThat(body).contains("<MessageCount>1</MessageCount>",
                "<d2p1:ActiveMessageCount>1</d2p1:ActiveMessageCount>");
        assertThat(h.get("/$Resources/queues").body()).contains("<MessageCount>1</MessageCount>");
    }

    @Test
    void subscriptionAndRuleLifecycle() {
        h.create("/t", TOPIC);
        h.create("/t/Subscriptions/s", SUBSCRIPTION);
        assertThat(h.get("/t").body()).contains("<SubscriptionCount>1</SubscriptionCount>");

        String sql = rule("<Filter i:type=\"SqlFilter\"><SqlExpression>n &gt; @n</SqlExpression><Parameters>"
                + "<KeyValueOfstringanyType><Key>@n</Key><Value i:type=\"l28:int\" "
                + "xmlns:l28=\"http://www.w3.org/2001/XMLSchema\">5</Value></KeyValueOfstringanyType></Parameters>"
                + "</Filter><Action i:type=\"SqlRuleAction\"><SqlExpression>SET big = true</SqlExpression></Action>");
        assertThat(h.create("/t/Subscriptions/s/Rules/big", sql).status()).isEqualTo(201);
        assertThat(h.create("/t/Subscriptions/s/Rules/BIG", sql).status()).isEqualTo(409);
        assertThat(h.broker.namespace().listRules("t", "s").get(1).rule().filter())
                .isEqualTo(SqlFilter.parse("n > @n", Map.of("@n", 5)));

        assertThat(h.update("/t/Subscriptions/s/Rules/big", rule("<Filter i:type=\"FalseFilter\"/>")).body())
                .contains("<Filter i:type=\"FalseFilter\"><SqlExpression>1=0</SqlExpression>");
        assertThat(h.update("/t/Subscriptions/s/Rules/none", rule("")).status()).isEqualTo(404);
        assertThat(h.delete("/t/Subscriptions/s/Rules/big").status()).isEqualTo(200);
        assertThat(h.get("/t/Subscriptions/s/Rules/big").status()).isEqualTo(404);

        assertThat(h.update("/t/Subscriptions/s", SUBSCRIPTION.replace("/>",
                "><MaxDeliveryCount>3</MaxDeliveryCount></SubscriptionDescription>")).status()).isEqualTo(200);
        assertThat(h.broker.namespace().getSubscription("t", "s").orElseThrow().maxDeliveryCount()).isEqualTo(3);
        assertThat(h.delete("/t/Subscriptions/s").status()).isEqualTo(200);
        assertThat(h.get("/t/Subscriptions/s").status()).isEqualTo(404);
        assertThat(h.get("/missing/Subscriptions").status()).isEqualTo(404);
    }

    @Test
    void requestsWithoutAValidSignatureAre401() {
        Map<String, String> none = Map.of("host", ManagementHarness.HOST);
        Instant later = Instant.ofEpochMilli(h.time.now()).plusSeconds(60);
        String wrongKey = SasToken.create("https://localhost", ManagementHarness.KEY_NAME, "other", later).text();
        String wrongName = SasToken.create("https://localhost", "Other", ManagementHarness.KEY, later).text();
        String expired = SasToken.create("https://localhost", ManagementHarness.KEY_NAME, ManagementHarness.KEY,
                Instant.ofEpochMilli(h.time.now()).minusSeconds(1)).text();

        ManagementHarness.Reply missing = h.sendRaw(HttpMethod.GET, "/$Resources/queues", null, none);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>401</Code>"
                + "<Detail>Unauthorized access. The request has no Authorization header with a SharedAccessSignature."
                + "</Detail></Error>");
        for (String token : List.of(wrongKey, wrongName, expired, "Bearer abc", "SharedAccessSignature sr=x")) {
            assertThat(h.sendRaw(HttpMethod.GET, "/$Resources/queues", null,
                    Map.of("host", ManagementHarness.HOST, "authorization", token)).status()).as(token).isEqualTo(401);
        }
    }

    @Test
    void jsStyleTokenOverTheFullUrlIsAccepted() {
        // The JS client signs the lower-cased, URL-encoded request URL and puts sig first.
        SasToken token = SasToken.create("http://localhost:5300/$resources/queues?api-version=2021-05",
                ManagementHarness.KEY_NAME, ManagementHarness.KEY, Instant.ofEpochMilli(h.time.now()).plusSeconds(300));
        String header = "SharedAccessSignature sig=" + java.net.URLEncoder.encode(token.signature(),
                java.nio.charset.StandardCharsets.UTF_8) + "&se=" + token.expiry() + "&skn=" + token.keyName()
                + "&sr=" + token.encodedResource();

        assertThat(h.sendRaw(HttpMethod.GET, "/$Resources/Queues", null,
                Map.of("host", ManagementHarness.HOST, "authorization", header)).status()).isEqualTo(200);
    }

    @Test
    void beforeTheBrokerOpensRequestsAre503() {
        HttpRouter router = new HttpRouter(ManagementApi.routes(() -> null, "k", "v", Instant.EPOCH));
        HttpReply reply = router.dispatch(new HttpRequestView(HttpMethod.GET, "/q", Map.of(), Map.of(),
                new byte[0])).toCompletableFuture().join();

        assertThat(reply.status().code()).isEqualTo(503);
        assertThat(reply.bodyText()).contains("<Code>503</Code>");
    }

    @Test
    void unsupportedOperationsAreRefused() {
        assertThat(h.create("/$Resources/queues", QUEUE).status()).isEqualTo(400);
        assertThat(h.delete("/$namespaceinfo").status()).isEqualTo(400);
        assertThat(h.get("/t/Subscriptions/s/Rules/r/extra").status()).isEqualTo(400);
        assertThat(fixture("java-create-queue.xml")).isNotEmpty();
    }
}
