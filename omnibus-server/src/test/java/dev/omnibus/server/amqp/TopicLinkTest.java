package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.Namespace;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.core.filter.Filter;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlRuleAction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.Binary;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.apache.qpid.protonj2.types.messaging.Rejected;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Topics and subscriptions on the wire: addresses in every spelling, fan-out, dead letters, rule-action copies. */
@Timeout(20)
class TopicLinkTest {
    private TestPeer peer;
    private Namespace namespace;
    private final Map<IncomingDelivery, byte[]> payloads = new IdentityHashMap<>();

    @BeforeEach
    void open() {
        peer = new TestPeer().open();
        namespace = peer.broker.namespace();
        namespace.createTopic(TopicDescription.builder("t").build()).join();
        namespace.createSubscription(SubscriptionDescription.builder("t", "s1").build(), null).join();
        namespace.createSubscription(SubscriptionDescription.builder("t", "s2").build(), null).join();
        peer.putToken("sb://localhost/");
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private byte[] payload(IncomingDelivery d) {
        return payloads.computeIfAbsent(d, AmqpConnection::readAll);
    }

    private void publish(byte[]... messages) {
        Sender s = peer.sender("t");
        for (byte[] m : messages) {
            peer.send(s, m, false);
        }
        peer.pump();
    }

    private List<IncomingDelivery> receive(String address, int n) {
        List<IncomingDelivery> got = new ArrayList<>();
        Receiver r = peer.receiver(address, true, got);
        r.addCredit(n);
        peer.pump();
        return got;
    }

    private static String condition(ErrorCondition e) {
        return e == null ? null : e.getCondition().toString();
    }

    @Test
    void everySubscriptionGetsACopyWhateverTheSpellingOfItsAddress() {
        publish(Messages.message("hello", "m1", Map.of("k", "v")));

        List<IncomingDelivery> lower = receive("t/subscriptions/s1", 5);
        List<IncomingDelivery> upper = receive("amqps://localhost:5671/T/Subscriptions/S2", 5);

        assertThat(lower).hasSize(1);
        assertThat(upper).hasSize(1);
        assertThat(Messages.body(payload(lower.get(0)))).isEqualTo("hello");
        assertThat(Messages.applicationProperty(payload(upper.get(0)), "k")).isEqualTo("v");
        assertThat(Messages.annotation(payload(upper.get(0)), "x-opt-sequence-number")).isEqualTo(1L);
    }

    @Test
    void aSubscriptionsDeadLetterQueueIsReceivable() {
        publish(Messages.message("poison"));
        IncomingDelivery d = receive("t/Subscriptions/s1", 1).get(0);
        d.disposition(new Rejected().setError(new ErrorCondition(Symbol.valueOf("com.microsoft:dead-letter"), null,
                Map.of(Symbol.valueOf("DeadLetterReason"), "Bad"))), false);
        peer.pump();

        List<IncomingDelivery> dead = receive("t/subscriptions/s1/$deadletterqueue", 1);

        assertThat(dead).hasSize(1);
        assertThat(Messages.applicationProperty(payload(dead.get(0)), "DeadLetterReason")).isEqualTo("Bad");
        assertThat(receive("t/subscriptions/s2/$DeadLetterQueue", 1)).isEmpty();
    }

    @Test
    void sendingToASubscriptionOrATopicsDeadLetterQueueIsNotAllowed() {
        assertThat(condition(peer.sender("t/Subscriptions/s1").getRemoteCondition())).isEqualTo("amqp:not-allowed");
        assertThat(condition(peer.sender("t/Subscriptions/s1/$DeadLetterQueue").getRemoteCondition()))
                .isEqualTo("amqp:not-allowed");
    }

    @Test
    void receivingFromATopicItselfIsNotAllowed() {
        Receiver r = peer.receiver("t", true, new ArrayList<>());

        assertThat(r.getRemoteSource()).isNull();
        assertThat(condition(r.getRemoteCondition())).isEqualTo("amqp:not-allowed");
    }

    @Test
    void aMissingSubscriptionIsNotFoundInTheWordingTheSdksMatch() {
        Receiver r = peer.receiver("t/Subscriptions/nope", true, new ArrayList<>());

        assertThat(condition(r.getRemoteCondition())).isEqualTo("amqp:not-found");
        assertThat(r.getRemoteCondition().getDescription()).matches("The messaging entity '.*' could not be found.*");
    }

    @Test
    void entityTypeLinkPropertiesOfEverySdkAreAccepted() {
        // Java: an int (2 = subscription) on receive links; older .NET: the string "entity-mgmt" on management links.
        Receiver r = peer.session.receiver("java-receiver")
                .setSource(new Source().setAddress("t/subscriptions/s1")).setTarget(new Target().setAddress("id"))
                .setSenderSettleMode(SenderSettleMode.UNSETTLED).setReceiverSettleMode(ReceiverSettleMode.SECOND)
                .setProperties(Map.of(Symbol.valueOf("com.microsoft:entity-type"), 2,
                        Symbol.valueOf("com.microsoft:timeout"), org.apache.qpid.protonj2.types.UnsignedInteger
                                .valueOf(9000)))
                .open();
        Sender mgmt = peer.session.sender("dotnet-mgmt").setSource(new Source().setAddress("reply"))
                .setTarget(new Target().setAddress("t/Subscriptions/s1/$management"))
                .setProperties(Map.of(Symbol.valueOf("com.microsoft:entity-type"), "entity-mgmt")).open();
        peer.pump();

        assertThat(r.isRemotelyOpen()).isTrue();
        assertThat(mgmt.isRemotelyOpen()).isTrue();
    }

    @Test
    void managementOfASubscriptionPeeksItsCopies() {
        publish(Messages.message("a"), Messages.message("b"));
        TestPeer.Node mgmt = peer.node("t/Subscriptions/s2/$management", "s2-reply");

        List<Object> response = mgmt.request(UnsignedLong.valueOf(1), "s2-reply",
                Map.of("operation", "com.microsoft:peek-message"), Map.of("from-sequence-number", 0L,
                        "message-count", 10));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) ((Map<String, Object>)
                ((AmqpValue<?>) response.get(2)).getValue()).get("messages");
        assertThat(messages).extracting(m -> Messages.body(((Binary) m.get("message")).asByteArray()))
                .containsExactly("a", "b");
    }

    @Test
    void ruleActionChangesLandInPropertiesAndAnnotationsAndNeverAmongApplicationProperties() {
        namespace.createSubscription(SubscriptionDescription.builder("t", "acts").build(), new Rule("r1",
                Filter.fromSql("color = 'red'"), SqlRuleAction.parse("SET sys.To = 'Entity'; SET sys.Label = 'routed';"
                + " SET sys.CorrelationId = 'corr'; SET sys.PartitionKey = 'pk2'; SET COLOR = 'blue'; REMOVE gone;"
                + " SET added = 1"))).join();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("Color", "red");
        app.put("gone", 1);
        app.put("kept", "yes");
        publish(Messages.withProperties("body", new Properties().setMessageId("m1").setTo("original"), app));

        byte[] m = payload(receive("t/subscriptions/acts", 1).get(0));

        Properties p = Messages.properties(m);
        assertThat(p.getTo()).isEqualTo("Entity");
        assertThat(p.getSubject()).isEqualTo("routed");
        assertThat(p.getCorrelationId()).isEqualTo("corr");
        assertThat(p.getMessageId()).isEqualTo("m1");
        assertThat(Messages.annotation(m, "x-opt-partition-key")).isEqualTo("pk2");
        Map<String, Object> delivered = Messages.applicationProperties(m);
        assertThat(delivered).containsOnlyKeys("Color", "kept", "added", "RuleName")
                .containsEntry("Color", "blue").containsEntry("added", 1L).containsEntry("RuleName", "r1");
    }
}
