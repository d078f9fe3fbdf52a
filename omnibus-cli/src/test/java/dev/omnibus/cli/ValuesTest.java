package dev.omnibus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ValuesTest {

    @Test
    void durationsInShortIsoAndUnlimitedForms() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("14d")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("p1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("unlimited")).isEqualTo(Durations.UNLIMITED);
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofDays(1).plusHours(2))).isEqualTo("1d2h");
        assertThat(Durations.format(Durations.UNLIMITED)).isEqualTo("unlimited");
        assertThat(Durations.iso(Durations.UNLIMITED)).isEqualTo("P10675199DT2H48M5.4775807S");
        assertThat(Durations.iso(Duration.ofSeconds(90))).isEqualTo("PT1M30S");
        assertThat(Durations.parse(Durations.format(Duration.ofMillis(93_784_005))))
                .isEqualTo(Duration.ofMillis(93_784_005));
    }

    @Test
    void propertiesAreTypedByInferenceOrByName() {
        Map<String, Object> values = TypedValues.parse(List.of("n=42", "x=1.5", "b=true", "s=red", "forced:string=42",
                "i:int=7", "d:double=2", "flag:bool=false", "empty=", "eq=a=b"));

        assertThat(values).containsExactly(Map.entry("n", 42L), Map.entry("x", 1.5), Map.entry("b", true),
                Map.entry("s", "red"), Map.entry("forced", "42"), Map.entry("i", 7), Map.entry("d", 2.0),
                Map.entry("flag", false), Map.entry("empty", ""), Map.entry("eq", "a=b"));
        assertThatThrownBy(() -> TypedValues.parse(List.of("i:int=x"))).hasMessageContaining("is not a int");
        assertThatThrownBy(() -> TypedValues.parse(List.of("k:uuid=x"))).hasMessageContaining("unknown type");
        assertThatThrownBy(() -> TypedValues.parse(List.of("=x"))).hasMessageContaining("not key=value");
    }
}
