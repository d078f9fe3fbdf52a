package dev.omnibus.core.filter;

import static dev.omnibus.core.filter.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CorrelationFilterTest {

    @Test
    void eachSystemFieldIsAnExactCaseSensitiveEquality() {
        Map<SystemProperty, CorrelationFilter> byField = Map.of(
                SystemProperty.CORRELATION_ID, CorrelationFilter.builder().correlationId("v").build(),
                SystemProperty.MESSAGE_ID, CorrelationFilter.builder().messageId("v").build(),
                SystemProperty.TO, CorrelationFilter.builder().to("v").build(),
                SystemProperty.REPLY_TO, CorrelationFilter.builder().replyTo("v").build(),
                SystemProperty.LABEL, CorrelationFilter.builder().subject("v").build(),
                SystemProperty.SESSION_ID, CorrelationFilter.builder().sessionId("v").build(),
                SystemProperty.REPLY_TO_SESSION_ID, CorrelationFilter.builder().replyToSessionId("v").build(),
                SystemProperty.CONTENT_TYPE, CorrelationFilter.builder().contentType("v").build());
        byField.forEach((property, filter) -> {
            assertThat(filter.matches(message().sys(property, "v"))).as(property.toString()).isTrue();
            assertThat(filter.matches(message().sys(property, "V"))).as(property.toString()).isFalse();
            assertThat(filter.matches(message())).as(property.toString()).isFalse();
            assertThat(filter.matches(message().with(property.canonicalName(), "v"))).isFalse();
        });
    }

    @Test
    void fieldsAndPropertiesCombineWithAnd() {
        CorrelationFilter f = CorrelationFilter.builder().subject("abc").replyTo("xdeu@hotmail.com")
                .property("prop1", "abc").property("prop2", "xyz").build();
        TestMessage all = message().sys(SystemProperty.LABEL, "abc").sys(SystemProperty.REPLY_TO, "xdeu@hotmail.com")
                .with("prop1", "abc").with("prop2", "xyz").with("other", 1);
        assertThat(f.matches(all)).isTrue();
        assertThat(f.matches(message().sys(SystemProperty.LABEL, "abc").sys(SystemProperty.REPLY_TO,
                "xdeu@hotmail.com").with("prop1", "abc"))).isFalse();
        assertThat(f.matches(message().sys(SystemProperty.LABEL, "abc").with("prop1", "abc").with("prop2", "xyz")))
                .isFalse();
    }

    @Test
    void propertyValuesCompareLikeSqlEquality() {
        CorrelationFilter five = CorrelationFilter.builder().property("n", 5).build();
        assertThat(five.matches(message().with("n", 5))).isTrue();
        assertThat(five.matches(message().with("n", 5L))).isTrue();
        assertThat(five.matches(message().with("n", 5.0))).isTrue();
        assertThat(five.matches(message().with("n", "5"))).isFalse();
        assertThat(five.matches(message().with("n", null))).isFalse();
        assertThat(five.matches(message())).isFalse();
        CorrelationFilter text = CorrelationFilter.builder().property("s", "Red").build();
        assertThat(text.matches(message().with("s", "Red"))).isTrue();
        assertThat(text.matches(message().with("s", "red"))).isFalse();
        assertThat(text.matches(message().with("S", "Red"))).as("names are case-insensitive").isTrue();
        CorrelationFilter flag = CorrelationFilter.builder().property("b", true).build();
        assertThat(flag.matches(message().with("b", true))).isTrue();
        assertThat(flag.matches(message().with("b", "true"))).isFalse();
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("x", null);
        CorrelationFilter nulls = CorrelationFilter.builder().properties(nullValue).build();
        assertThat(nulls.matches(message().with("x", null))).as("null never matches").isFalse();
    }

    @Test
    void emptyFilterMatchesEverything() {
        CorrelationFilter empty = CorrelationFilter.builder().build();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.properties()).isEmpty();
        assertThat(empty.matches(message())).isTrue();
        assertThat(empty.matches(message().sys(SystemProperty.LABEL, "x").with("a", 1))).isTrue();
        assertThat(CorrelationFilter.ofCorrelationId("x").isEmpty()).isFalse();
    }

    @Test
    void valueSemanticsAndValidation() {
        CorrelationFilter a = CorrelationFilter.builder().correlationId("c").property("p", 1).build();
        CorrelationFilter b = CorrelationFilter.builder().correlationId("c").property("p", 1).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(CorrelationFilter.builder().correlationId("c").property("p", 2).build());
        assertThatThrownBy(() -> a.properties().put("q", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> CorrelationFilter.builder().property("l", List.of(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CorrelationFilter(null, null, null, null, null, null, null, null, null).isEmpty()).isTrue();
        Filter f = a;
        assertThat(f).isInstanceOf(CorrelationFilter.class);
    }
}
