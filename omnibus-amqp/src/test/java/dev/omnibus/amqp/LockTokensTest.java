package dev.omnibus.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LockTokensTest {
    @Test
    void deliveryTagUsesDotNetGuidLayout() {
        UUID token = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        assertThat(HexFormat.of().formatHex(LockTokens.toDeliveryTag(token)))
                .isEqualTo("67452301ab89efcd0123456789abcdef");
    }

    @Test
    void roundTrips() {
        UUID token = UUID.randomUUID();
        assertThat(LockTokens.fromDeliveryTag(LockTokens.toDeliveryTag(token))).isEqualTo(token);
    }

    @Test
    void rejectsTagsOfOtherLengths() {
        assertThatThrownBy(() -> LockTokens.fromDeliveryTag(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dotNetTicksMatchTheEpochOffset() {
        assertThat(DotNetTicks.fromEpochMillis(0)).isEqualTo(621_355_968_000_000_000L);
        assertThat(DotNetTicks.toEpochMillis(DotNetTicks.fromEpochMillis(1_700_000_000_123L)))
                .isEqualTo(1_700_000_000_123L);
    }
}
