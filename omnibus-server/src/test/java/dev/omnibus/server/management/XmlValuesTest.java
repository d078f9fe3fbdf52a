package dev.omnibus.server.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.core.Durations;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XmlValuesTest {

    @ParameterizedTest
    @CsvSource({"PT1M, 60000", "PT30S, 30000", "P14D, 1209600000", "PT1H30M, 5400000", "PT0.5S, 500",
            "P1DT2H3M4.005S, 93784005", "PT0S, 0"})
    void durationsAreWrittenAsDotNetWritesTimeSpans(String text, long millis) {
        assertThat(XmlValues.duration(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(XmlValues.duration("X", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void timeSpanMaxValueIsUnlimitedEvenAsJavaRoundsIt() {
        assertThat(XmlValues.duration(Durations.UNLIMITED)).isEqualTo("P10675199DT2H48M5.4775807S");
        assertThat(XmlValues.duration("X", "P10675199DT2H48M5.4775807S")).isEqualTo(Durations.UNLIMITED);
        assertThat(XmlValues.duration("X", "P10675199DT2H48M5.477S")).isEqualTo(Durations.UNLIMITED);
        assertThat(XmlValues.duration("X", "PT256204778H48M5.4775807S")).isEqualTo(Durations.UNLIMITED);
    }

    @Test
    void xsdFormsWithYearsAndWeeksAreAccepted() {
        assertThat(XmlValues.duration("X", "P1Y")).isEqualTo(Duration.ofDays(365));
        assertThat(XmlValues.duration("X", "pt5m")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> XmlValues.duration("LockDuration", "5 minutes"))
                .hasMessage("The value '5 minutes' of LockDuration is not valid; expected an ISO-8601 duration such "
                        + "as PT1M or P14D.");
    }

    @Test
    void instantsAreUtcWithZAndNeverIsYearOne() {
        assertThat(XmlValues.instant(Instant.parse("2026-01-02T03:04:05.120Z"))).isEqualTo("2026-01-02T03:04:05.120Z");
        assertThat(XmlValues.instant(null)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(XmlValues.instant("X", "2026-01-02T04:04:05+01:00")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(XmlValues.instant("X", "0001-01-01T00:00:00")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @Test
    void booleansAndNumbers() {
        assertThat(XmlValues.bool("X", " True ")).isTrue();
        assertThat(XmlValues.bool("X", "0")).isFalse();
        assertThatThrownBy(() -> XmlValues.bool("RequiresSession", "yes")).hasMessageContaining("RequiresSession");
        assertThatThrownBy(() -> XmlValues.int32("MaxDeliveryCount", "99999999999"))
                .hasMessageContaining("32-bit");
    }
}
