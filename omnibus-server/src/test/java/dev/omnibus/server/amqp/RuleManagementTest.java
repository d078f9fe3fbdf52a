package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.Namespace;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.DescribedType;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code add-rule}, {@code remove-rule} and {@code enumerate-rules} (protocol §6.2) at frame level. */
@Timeout(20)
class RuleManagementTest {
    private static final String REPLY = "t/subscriptions/s/management-client-reply-to";

    private TestPeer peer;
    private Namespace namespace;
    private TestPeer.Node mgmt;
    private long id;

    @BeforeEach
    void open() {
        peer = new TestPeer().open();
        namespace = peer.broker.namespace();
        namespace.createTopic(TopicDescription.builder("t").build()).join();
        namespace.createSubscription(SubscriptionDescription.builder("t", "s").build(), null).join();
        peer.putToken("sb://localhost/");
        mgmt = peer.node("t/subscriptions/s/$management", REPLY);
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private List<Object> call(String operation, Map<String, Object> body) {
        return mgmt.request(UnsignedLong.valueOf(++id), REPLY, Map.of("operation", "com.microsoft:" + operation),
                body);
    }

    private static Map<String, Object> status(List<Object> response) {
        return ((ApplicationProperties) response.get(1)).getValue();
    }

    /** A rule-description as the Java SDK builds it (rule-name inside too, a null action when there is none). */
    private static Map<String, Object> description(String filterKey, Map<String, Object> filter, String action) {
        Map<String, Object> d = new HashMap<>();
        d.put(filterKey, filter);
        d.put("sql-rule-action", action == null ? null : Map.of("expression", action));
        return d;
    }

    private List<Object> addRule(String name, Map<String, Object> description) {
        return call("add-rule", Map.of("rule-name", name, "rule-description", description));
    }

    @SuppressWarnings("unchecked")
    private List<DescribedType> enumerate() {
        List<Object> response = call("enumerate-rules", Map.of("top", Integer.MAX_VALUE, "skip", 0));
        assertThat(status(response)).containsEntry("statusCode", 200);
        List<Map<String, Object>> rules = (List<Map<String, Object>>)
                ((Map<String, Object>) ((AmqpValue<?>) response.get(2)).getValue()).get("rules");
        return rules.stream().map(r -> (DescribedType) r.get("rule-description")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Object described) {
        return (List<Object>) ((DescribedType) described).getDescribed();
    }

    private static UnsignedLong descriptor(Object described) {
        return (UnsignedLong) ((DescribedType) described).getDescriptor();
    }

    private List<String> publishAndReceive(Properties properties, Map<String, Object> app) {
        Sender s = peer.sender("t");
        peer.send(s, Messages.withProperties("m", properties, app), false);
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver("t/subscriptions/s", false, got);
        r.addCredit(10);
        peer.pump();
        r.close();
        peer.pump();
        return got.stream().map(d -> String.valueOf(Messages.applicationProperty(AmqpConnection.readAll(d),
                "RuleName"))).toList();
    }

    @Test
    void theDefaultRuleIsATrueFilterWithAnEmptyActionUnderUlongDescriptors() {
        List<DescribedType> rules = enumerate();

        assertThat(rules).hasSize(1);
        DescribedType rule = rules.get(0);
        assertThat(descriptor(rule)).isEqualTo(UnsignedLong.valueOf(0x0000013700000004L));
        List<Object> f = fields(rule);
        assertThat(descriptor(f.get(0))).isEqualTo(UnsignedLong.valueOf(0x0000001370000007L));
        assertThat(fields(f.get(0))).containsExactly("1=1", 20);
        assertThat(descriptor(f.get(1))).isEqualTo(UnsignedLong.valueOf(0x0000013700000005L));
        assertThat(fields(f.get(1))).isEmpty();
        assertThat(f.get(2)).isEqualTo("$Default");
        assertThat(f).hasSize(4);
    }

    @Test
    void addedSqlAndCorrelationRulesAreListedAsTheSdksDecodeThem() {
        assertThat(status(addRule("sql", description("sql-filter", Map.of("expression", "color = 'red'"),
                "SET sys.To = 'x'")))).containsEntry("statusCode", 200);
        Map<String, Object> correlation = new HashMap<>(Map.of("correlation-id", "c1", "label", "L",
                "content-type", "application/json", "properties", Map.of("prop1", "value1", "n", 5L)));
        correlation.put("message-id", null);
        assertThat(status(addRule("corr", description("correlation-filter", correlation, null))))
                .containsEntry("statusCode", 200);
        assertThat(status(addRule("never", description("sql-filter", Map.of("expression", "1=0"), null))))
                .containsEntry("statusCode", 200);

        List<DescribedType> rules = enumerate();

        List<Object> sql = fields(rules.get(1));
        assertThat(descriptor(sql.get(0))).isEqualTo(UnsignedLong.valueOf(0x0000001370000006L));
        assertThat(fields(sql.get(0))).containsExactly("color = 'red'", 20);
        assertThat(descriptor(sql.get(1))).isEqualTo(UnsignedLong.valueOf(0x0000013700000006L));
        assertThat(fields(sql.get(1))).containsExactly("SET sys.To = 'x'", 20);
        assertThat(sql.get(2)).isEqualTo("sql");
        List<Object> corr = fields(rules.get(2));
        assertThat(descriptor(corr.get(0))).isEqualTo(UnsignedLong.valueOf(0x0000001370000009L));
        assertThat(fields(corr.get(0))).containsExactly("c1", null, null, null, "L", null, null, "application/json",
                Map.of("prop1", "value1", "n", 5L));
        assertThat(descriptor(corr.get(1))).isEqualTo(UnsignedLong.valueOf(0x0000013700000005L));
        assertThat(descriptor(fields(rules.get(3)).get(0))).isEqualTo(UnsignedLong.valueOf(0x0000001370000008L));
    }

    @Test
    void addedRulesRouteAndRemovedOnesStop() {
        call("remove-rule", Map.of("rule-name", "$Default"));
        addRule("reds", description("sql-filter", Map.of("expression", "color = 'red'"), "SET tagged = 1"));

        assertThat(publishAndReceive(new Properties(), Map.of("color", "red"))).containsExactly("reds");
        assertThat(publishAndReceive(new Properties(), Map.of("color", "blue"))).isEmpty();

        assertThat(status(call("remove-rule", Map.of("rule-name", "reds")))).containsEntry("statusCode", 200);
        assertThat(publishAndReceive(new Properties(), Map.of("color", "red"))).isEmpty();
    }

    @Test
    void noRulesIs204() {
        call("remove-rule", Map.of("rule-name", "$Default"));

        List<Object> response = call("enumerate-rules", Map.of("top", Integer.MAX_VALUE, "skip", 0));

        assertThat(status(response)).containsEntry("statusCode", 204);
        assertThat(response).hasSize(2);
    }

    @Test
    void aNameInUseIs409EntityAlreadyExists() {
        List<Object> response = addRule("$default", description("sql-filter", Map.of("expression", "1=1"), null));

        assertThat(status(response)).containsEntry("statusCode", 409)
                .containsEntry("errorCondition", Symbol.valueOf("com.microsoft:entity-already-exists"));
    }

    @Test
    void invalidSqlIs400ArgumentErrorWithTheParserMessage() {
        List<Object> filter = addRule("bad", description("sql-filter", Map.of("expression", "color = = 'red'"), null));
        List<Object> action = addRule("bad", description("sql-filter", Map.of("expression", "1=1"), "SET = 2"));

        for (List<Object> response : Arrays.asList(filter, action)) {
            assertThat(status(response)).containsEntry("statusCode", 400)
                    .containsEntry("errorCondition", Symbol.valueOf("com.microsoft:argument-error"));
            assertThat((String) status(response).get("statusDescription")).contains("is invalid at line 1, column");
        }
        assertThat(namespace.listRules("t", "s")).hasSize(1);
    }

    @Test
    void removingAnUnknownRuleIs404NotFound() {
        List<Object> response = call("remove-rule", Map.of("rule-name", "nope"));

        assertThat(status(response)).containsEntry("statusCode", 404)
                .containsEntry("errorCondition", Symbol.valueOf("amqp:not-found"));
    }

    @Test
    void rulesOnAQueueAreNotAllowed() {
        peer.createQueue("q");
        TestPeer.Node queueMgmt = peer.node("q/$management", "q-reply");

        List<Object> response = queueMgmt.request(UnsignedLong.valueOf(1), "q-reply",
                Map.of("operation", "com.microsoft:enumerate-rules"), Map.of("top", 10, "skip", 0));

        assertThat(status(response)).containsEntry("statusCode", 400)
                .containsEntry("errorCondition", Symbol.valueOf("amqp:not-allowed"));
    }
}
