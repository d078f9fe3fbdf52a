package dev.omnibus.client.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.RetryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void theLongestWaitCoversEveryTryAndDelayPlusASecond() {
        RetryPolicy retry = new RetryPolicy(RetryOptions.defaults().maxRetries(3).maxDelay(Duration.ofSeconds(30)),
                null, () -> false);

        assertThat(retry.maxTotal(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10 * 4 + 30 * 3 + 1));
        assertThat(retry.maxTotal(Duration.ofMillis(1500))).isEqualTo(Duration.ofMillis(1500 * 4 + 30_000 * 3 + 1000));
    }

    @Test
    void hugeDurationsSaturateInsteadOfOverflowing() {
        RetryPolicy retry = new RetryPolicy(RetryOptions.defaults().maxRetries(9), null, () -> false);

        assertThat(retry.maxTotal(Duration.ofDays(365L * 200))).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(retry.maxTotal(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }
}
