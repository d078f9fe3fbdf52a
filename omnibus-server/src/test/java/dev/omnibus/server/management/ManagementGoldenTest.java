package dev.omnibus.server.management;

import static dev.omnibus.server.management.ManagementHarness.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Requests exactly as the official clients sent them (captured from azure-messaging-servicebus 7.17.20 and
 * @azure/service-bus 7.10.0-beta.2, in {@code management/*.xml}), answered with exactly the bytes in
 * {@code management/responses/}. Besides the byte comparison, the facts each client depends on are checked on their
 * own, so a deliberate change of the golden files cannot break them unnoticed.
 */
class ManagementGoldenTest {
    /** The service's element orders (WCF data-contract order, as the SDK models write them). */
    private static final List<String> QUEUE_ORDER = List.of("LockDuration", "MaxSizeInMegabytes",
            "RequiresDuplicateDetection", "RequiresSession", "DefaultMessageTimeToLive",
            "DeadLetteringOnMessageExpiration", "DuplicateDetectionHistoryTimeWindow", "MaxDeliveryCount",
            "EnableBatchedOperations", "SizeInBytes", "MessageCount", "IsAnonymousAccessible", "AuthorizationRules",
            "Status", "ForwardTo", "UserMetadata", "CreatedAt", "UpdatedAt", "AccessedAt", "SupportOrdering",
            "CountDetails", "AutoDeleteOnIdle", "EnablePartitioning", "EntityAvailabilityStatus",
            "ForwardDeadLetteredMessagesTo", "EnableExpress", "MaxMessageSizeInKilobytes");
    private static final List<String> TOPIC_ORDER = List.of("DefaultMessageTimeToLive", "MaxSizeInMegabytes",
            "RequiresDuplicateDetection", "DuplicateDetectionHistoryTimeWindow", "EnableBatchedOperations",
            "SizeInBytes", "FilteringMessagesBeforePublishing", "IsAnonymousAccessible", "AuthorizationRules",
            "Status", "CreatedAt", "UpdatedAt", "AccessedAt", "SupportOrdering", "CountDetails", "SubscriptionCount",
            "AutoDeleteOnIdle", "EnablePartitioning", "EntityAvailabilityStatus", "EnableSubscriptionPartitioning",
            "EnableExpress", "UserMetadata", "MaxMessageSizeInKilobytes");
    private static final List<String> SUBSCRIPTION_ORDER = List.of("LockDuration", "RequiresSession",
            "DefaultMessageTimeToLive", "DeadLetteringOnMessageExpiration", "DeadLetteringOnFilterEvaluationExceptions",
            "DefaultRuleDescription", "MessageCount", "MaxDeliveryCount", "EnableBatchedOperations", "Status",
            "ForwardTo", "CreatedAt", "UpdatedAt", "AccessedAt", "CountDetails", "UserMetadata",
            "ForwardDeadLetteredMessagesTo", "AutoDeleteOnIdle", "EntityAvailabilityStatus");
    private static final List<String> RULE_ORDER = List.of("Filter", "Action", "CreatedAt", "Name");
    private static final List<String> ENTRY_ORDER = List.of("id", "title", "published", "updated", "author", "link",
            "content");

    private final ManagementHarness h = new ManagementHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void javaCreateQueueAnswersTheGoldenEntry() {
        ManagementHarness.Reply reply = h.create("/q1?api-version=2021-05", fixture("java-create-queue.xml"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).isEqualTo("application/atom+xml;type=entry;charset=utf-8");
        assertThat(reply.body()).isEqualTo(fixture("responses/queue-entry.xml"));
        Element queue = description(reply.body());
        assertThat(childNames(queue)).isSubsetOf(QUEUE_ORDER).isSortedAccordingTo(by(QUEUE_ORDER));
        // The Java client sent "https://localhost/q2"; the broker stored the name and answers in the URL form.
        assertThat(XmlIn.text(queue, "ForwardTo")).isEqualTo("https://localhost:5300/q2");
        assertCountDetailsAsJsReadsThem(queue);
    }

    @Test
    void jsCreateTopicAnswersTheGoldenEntry() {
        ManagementHarness.Reply reply = h.create("/t1", fixture("js-create-topic.xml"));

        assertThat(reply.body()).isEqualTo(fixture("responses/topic-entry.xml"));
        Element topic = description(reply.body());
        assertThat(childNames(topic)).isSubsetOf(TOPIC_ORDER).isSortedAccordingTo(by(TOPIC_ORDER));
        // The JS client requires these to be present (it throws on a missing boolean).
        assertThat(childNames(topic)).contains("EnableExpress", "SupportOrdering", "EnablePartitioning",
                "SubscriptionCount", "MaxMessageSizeInKilobytes");
    }

    @Test
    void subscriptionWithDefaultRuleAnswersTheGoldenEntryAndStartsWithThatRule() {
        h.create("/t1", fixture("js-create-topic.xml"));

        ManagementHarness.Reply reply = h.create("/t1/Subscriptions/s1",
                fixture("js-create-subscription-with-default-rule.xml"));

        assertThat(reply.body()).isEqualTo(fixture("responses/subscription-entry.xml"));
        Element subscription = description(reply.body());
        assertThat(childNames(subscription)).isSubsetOf(SUBSCRIPTION_ORDER)
                .isSortedAccordingTo(by(SUBSCRIPTION_ORDER)).contains("Status", "EntityAvailabilityStatus");
        assertThat(entryId(reply.body())).isEqualTo("https://localhost:5300/t1/Subscriptions/s1?api-version=2021-05");
        assertThat(h.broker.namespace().listRules("t1", "s1")).extracting(r -> r.name()).containsExactly("first");
    }

    @Test
    void correlationRuleAnswersTheGoldenEntryWithTypedValues() {
        h.create("/t1", fixture("js-create-topic.xml"));
        h.create("/t1/Subscriptions/s1", fixture("js-create-subscription-with-default-rule.xml"));

        ManagementHarness.Reply reply = h.create("/t1/subscriptions/s1/rules/corr",
                fixture("js-create-rule-correlation.xml"));

        assertThat(reply.body()).isEqualTo(fixture("responses/rule-correlation-entry.xml"));
        Element rule = description(reply.body());
        assertThat(childNames(rule)).isEqualTo(RULE_ORDER);
        assertThat(entryId(reply.body())).contains("/t1/Subscriptions/s1/Rules/corr?");
        // JS: Value["$"]["i:type"].substring(5): the attribute is literally i:type, the prefix four characters.
        assertThat(reply.body()).contains("<Value i:type=\"d6p1:string\" xmlns:d6p1=\"http://www.w3.org/2001/XMLSchema\">red</Value>",
                "<Value i:type=\"d6p1:double\" xmlns:d6p1=\"http://www.w3.org/2001/XMLSchema\">3</Value>",
                "<Value i:type=\"d6p1:boolean\" xmlns:d6p1=\"http://www.w3.org/2001/XMLSchema\">true</Value>",
                "<Action i:type=\"EmptyRuleAction\">");
    }

    @Test
    void ruleFeedPagesWithANextLinkOnlyWhileMoreFollow() {
        h.create("/t1", fixture("js-create-topic.xml"));
        h.create("/t1/Subscriptions/s1", fixture("js-create-subscription-with-default-rule.xml"));
        h.create("/t1/subscriptions/s1/rules/corr", fixture("js-create-rule-correlation.xml"));

        assertThat(h.get("/t1/Subscriptions/s1/Rules?$top=1").body())
                .isEqualTo(fixture("responses/rules-feed-page1.xml"))
                .contains("<link rel=\"next\" href=\"https://localhost:5300/t1/Subscriptions/s1/Rules?$skip=1&amp;$top=1&amp;api-version=2021-05\">");
        assertThat(h.get("/t1/Subscriptions/s1/Rules?$skip=1&$top=1").body())
                .isEqualTo(fixture("responses/rules-feed-last-page.xml"))
                .doesNotContain("rel=\"next\"");
    }

    @Test
    void namespaceInfoAndNotFoundAnswerTheGoldenBodies() {
        assertThat(h.get("/$namespaceinfo").body()).isEqualTo(fixture("responses/namespace-info.xml"));

        ManagementHarness.Reply missing = h.get("/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/xml");
        assertThat(missing.body()).isEqualTo(fixture("responses/error-not-found.xml"));
    }

    @Test
    void everyCapturedClientRequestIsAccepted() {
        assertThat(h.create("/q1", fixture("java-create-queue.xml")).status()).isEqualTo(201);
        assertThat(h.create("/q2", fixture("js-create-queue.xml").replace("/q2<", "/elsewhere<")).status())
                .isEqualTo(201);
        assertThat(h.create("/t1", fixture("java-create-topic.xml")).status()).isEqualTo(201);
        assertThat(h.create("/t2", fixture("js-create-topic.xml")).status()).isEqualTo(201);
        assertThat(h.create("/t1/subscriptions/s1", fixture("java-create-subscription-with-default-rule.xml"))
                .status()).isEqualTo(201);
        assertThat(h.create("/t2/Subscriptions/s1", fixture("js-create-subscription-with-default-rule.xml"))
                .status()).isEqualTo(201);
        for (String rule : List.of("java-create-rule-correlation", "java-create-rule-sql-parameters",
                "java-create-rule-true", "js-create-rule-correlation", "js-create-rule-sql")) {
            assertThat(h.create("/t1/subscriptions/s1/rules/" + rule, fixture(rule + ".xml")).status())
                    .as(rule).isEqualTo(201);
        }
    }

    /** JS getXMLNSPrefix: CountDetails has exactly one attribute, xmlns:PREFIX, and children PREFIX:Name. */
    static void assertCountDetailsAsJsReadsThem(Element description) {
        Element counts = XmlIn.child(description, "CountDetails");
        NamedNodeMap attributes = counts.getAttributes();
        assertThat(attributes.getLength()).isEqualTo(1);
        assertThat(attributes.item(0).getNodeName()).isEqualTo("xmlns:d2p1");
        List<String> children = new ArrayList<>();
        for (Node n = counts.getFirstChild(); n != null; n = n.getNextSibling()) {
            children.add(n.getNodeName());
        }
        assertThat(children).containsExactly("d2p1:ActiveMessageCount", "d2p1:DeadLetterMessageCount",
                "d2p1:ScheduledMessageCount", "d2p1:TransferDeadLetterMessageCount", "d2p1:TransferMessageCount");
    }

    static Element description(String entry) {
        Element root = XmlIn.parse(entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(childNames(root)).isSortedAccordingTo(by(ENTRY_ORDER));
        Element content = XmlIn.child(root, AtomNs.ATOM, "content");
        for (Node n = content.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("no description in " + entry);
    }

    static String entryId(String entry) {
        Element root = XmlIn.parse(entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return XmlIn.child(root, AtomNs.ATOM, "id").getTextContent();
    }

    static List<String> childNames(Element e) {
        List<String> names = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                names.add(child.getLocalName());
            }
        }
        return names;
    }

    private static java.util.Comparator<String> by(List<String> order) {
        return java.util.Comparator.comparingInt(order::indexOf);
    }
}
