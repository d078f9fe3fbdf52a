package dev.omnibus.core.filter;

import static dev.omnibus.core.filter.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RuleAndBooleanFiltersTest {

    @Test
    void booleanFiltersAreSqlFiltersWithFixedExpressions() {
        assertThat(TrueFilter.INSTANCE.matches(message())).isTrue();
        assertThat(FalseFilter.INSTANCE.matches(message())).isFalse();
        assertThat(TrueFilter.INSTANCE.expression()).isEqualTo("1=1");
        assertThat(FalseFilter.INSTANCE.expression()).isEqualTo("1=0");
        assertThat(TrueFilter.INSTANCE.compatibilityLevel()).isEqualTo(20);
        assertThat(SqlFilter.parse(TrueFilter.EXPRESSION).matches(message())).isTrue();
        assertThat(SqlFilter.parse(FalseFilter.EXPRESSION).matches(message())).isFalse();
    }

    @Test
    void fromSqlRecognisesTheBooleanFilters() {
        assertThat(Filter.fromSql("1=1")).isSameAs(TrueFilter.INSTANCE);
        assertThat(Filter.fromSql(" 1 = 1 ")).isSameAs(TrueFilter.INSTANCE);
        assertThat(Filter.fromSql("1=0")).isSameAs(FalseFilter.INSTANCE);
        assertThat(Filter.fromSql("a = 1")).isInstanceOf(SqlFilter.class);
        assertThatThrownBy(() -> Filter.fromSql("a =")).isInstanceOf(FilterParseException.class);
    }

    @Test
    void rules() {
        Rule plain = new Rule("r1", CorrelationFilter.ofCorrelationId("x"));
        assertThat(plain.hasAction()).isFalse();
        assertThat(plain.action()).isNull();
        Rule withAction = new Rule("r2", TrueFilter.INSTANCE, SqlRuleAction.parse("SET a = 1"));
        assertThat(withAction.hasAction()).isTrue();
        assertThat(withAction).isEqualTo(new Rule("r2", TrueFilter.INSTANCE, SqlRuleAction.parse("SET a = 1")));
        assertThat(new Rule("x".repeat(Rule.MAX_NAME_LENGTH), TrueFilter.INSTANCE).name()).hasSize(50);
        assertThatThrownBy(() -> new Rule("x".repeat(51), TrueFilter.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rule("", TrueFilter.INSTANCE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rule("a", null)).isInstanceOf(NullPointerException.class);
        assertThat(Rule.DEFAULT).isEqualTo(new Rule("$Default", TrueFilter.INSTANCE));
    }
}
