package dev.omnibus.client.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.RuleWire;
import dev.omnibus.client.admin.models.CorrelationRuleFilter;
import dev.omnibus.client.admin.models.EmptyRuleAction;
import dev.omnibus.client.admin.models.FalseRuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SqlRuleAction;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.admin.models.TrueRuleFilter;
import dev.omnibus.client.exceptions.ServiceBusException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnknownDescribedType;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.junit.jupiter.api.Test;

/** The rule descriptions of add-rule and enumerate-rules (§6.2 of the protocol notes), both ways. */
class RuleCodecTest {

    private static UnknownDescribedType described(long code, Object... fields) {
        return new UnknownDescribedType(UnsignedLong.valueOf(code), Arrays.asList(fields));
    }

    /** An enumerate-rules entry as the channel hands it over: the described types protonj2 decodes. */
    private static RuleProperties decoded(Object filter, Object action, String name) {
        return RuleCodec.decode(Map.of(RuleWire.RULE_DESCRIPTION,
                described(RuleWire.RULE_DESCRIPTION_CODE, filter, action, name, new Date(0))), "test");
    }

    /**
     * An enumerate-rules entry encoded by protonj2 and decoded again, as it reaches the client's channel (protonj2
     * cannot encode a list with nulls, which the server's own encoder writes, so correlation filters use
     * {@link #decoded}).
     */
    private static RuleProperties overTheWire(Object filter, Object action, String name) {
        Map<String, Object> entry = Map.of(RuleWire.RULE_DESCRIPTION,
                described(RuleWire.RULE_DESCRIPTION_CODE, filter, action, name, new Date(0)));
        byte[] encoded = MessageCodec.encodeSections(new AmqpValue<>(Map.of("rules", List.of(entry))));
        AmqpValue<?> value = (AmqpValue<?>) MessageCodec.decodeSections(encoded).get(0);
        Object decoded = ((List<?>) ((Map<?, ?>) value.getValue()).get("rules")).get(0);
        return RuleCodec.decode(decoded, "test");
    }

    @Test
    void aSqlFilterAndActionAreSentAsExpressionMaps() {
        Map<String, Object> description = RuleCodec.encode("big", new SqlRuleFilter("n > 10"),
                new SqlRuleAction("SET n = n * 2"));

        assertThat(description).containsEntry("sql-filter", Map.of("expression", "n > 10"))
                .containsEntry("sql-rule-action", Map.of("expression", "SET n = n * 2"))
                .containsEntry("rule-name", "big")
                .doesNotContainKey("correlation-filter");
    }

    @Test
    void trueAndFalseFiltersAreSqlAndNoActionIsNull() {
        assertThat(RuleCodec.encode("t", new TrueRuleFilter(), new EmptyRuleAction()))
                .containsEntry("sql-filter", Map.of("expression", "1=1")).containsEntry("sql-rule-action", null);
        assertThat(RuleCodec.encode("f", new FalseRuleFilter(), new EmptyRuleAction()))
                .containsEntry("sql-filter", Map.of("expression", "1=0"));
    }

    @Test
    void aCorrelationFilterSendsEveryFieldUnderTheProtocolsKeys() {
        CorrelationRuleFilter filter = new CorrelationRuleFilter("c-1").setMessageId("m").setTo("to")
                .setReplyTo("rt").setLabel("subject").setSessionId("s").setReplyToSessionId("rs")
                .setContentType("application/json");
        filter.getProperties().put("region", "eu");
        filter.getProperties().put("n", 7);

        @SuppressWarnings("unchecked")
        Map<String, Object> correlation = (Map<String, Object>) RuleCodec.encode("c", filter, new EmptyRuleAction())
                .get("correlation-filter");

        assertThat(correlation).containsEntry("correlation-id", "c-1").containsEntry("message-id", "m")
                .containsEntry("to", "to").containsEntry("reply-to", "rt").containsEntry("label", "subject")
                .containsEntry("session-id", "s").containsEntry("reply-to-session-id", "rs")
                .containsEntry("content-type", "application/json")
                .containsEntry("properties", Map.of("region", "eu", "n", 7));
    }

    @Test
    void parametersAndPropertyTypesTheProtocolCannotCarryAreRefusedBeforeSending() {
        SqlRuleFilter withParameters = new SqlRuleFilter("n > @min");
        withParameters.getParameters().put("@min", 3);
        assertThatThrownBy(() -> RuleCodec.encode("p", withParameters, new EmptyRuleAction()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
        SqlRuleAction actionWithParameters = new SqlRuleAction("SET n = @n");
        actionWithParameters.getParameters().put("@n", 1);
        assertThatThrownBy(() -> RuleCodec.encode("p", new TrueRuleFilter(), actionWithParameters))
                .isInstanceOf(IllegalArgumentException.class);
        CorrelationRuleFilter duration = new CorrelationRuleFilter();
        duration.getProperties().put("ttl", Duration.ofSeconds(1));
        assertThatThrownBy(() -> RuleCodec.encode("d", duration, new EmptyRuleAction()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    }

    @Test
    void listedRulesDecodeIntoTheAdministrationModels() {
        RuleProperties defaultRule = overTheWire(described(RuleWire.TRUE_FILTER_CODE, "1=1", 20),
                described(RuleWire.EMPTY_RULE_ACTION_CODE), "$Default");
        assertThat(defaultRule.getName()).isEqualTo("$Default");
        assertThat(defaultRule.getFilter()).isEqualTo(new TrueRuleFilter());
        assertThat(defaultRule.getAction()).isEqualTo(new EmptyRuleAction());

        RuleProperties sql = overTheWire(described(RuleWire.SQL_FILTER_CODE, "color = 'red'", 20),
                described(RuleWire.SQL_RULE_ACTION_CODE, "SET x = 1", 20), "red");
        assertThat(sql.getFilter()).isEqualTo(new SqlRuleFilter("color = 'red'"));
        assertThat(sql.getAction()).isEqualTo(new SqlRuleAction("SET x = 1"));

        assertThat(overTheWire(described(RuleWire.FALSE_FILTER_CODE, "1=0", 20),
                described(RuleWire.EMPTY_RULE_ACTION_CODE), "never").getFilter()).isInstanceOf(FalseRuleFilter.class);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("region", "eu");
        properties.put("n", 7L);
        properties.put("kind", Symbol.valueOf("order"));
        RuleProperties correlation = decoded(described(RuleWire.CORRELATION_FILTER_CODE, "c-1", null, null,
                null, "created", null, null, "application/json", properties),
                described(RuleWire.EMPTY_RULE_ACTION_CODE), "orders");
        assertThat(correlation.getFilter()).isInstanceOfSatisfying(CorrelationRuleFilter.class, c -> {
            assertThat(c.getCorrelationId()).isEqualTo("c-1");
            assertThat(c.getLabel()).isEqualTo("created");
            assertThat(c.getContentType()).isEqualTo("application/json");
            assertThat(c.getMessageId()).isNull();
            assertThat(c.getProperties()).containsEntry("region", "eu").containsEntry("n", 7L)
                    .containsEntry("kind", "order");
        });
    }

    @Test
    void anUnknownFilterIsADecodeErrorNotACrash() {
        assertThatThrownBy(() -> overTheWire(described(0x0000001370000099L, "x"),
                described(RuleWire.EMPTY_RULE_ACTION_CODE), "odd"))
                .isInstanceOf(ServiceBusException.class).hasMessageContaining("enumerate-rules");
        assertThatThrownBy(() -> RuleCodec.decode(Map.of("rule-description", "not described"), "test"))
                .isInstanceOf(ServiceBusException.class);
    }
}
