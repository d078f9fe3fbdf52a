package dev.omnibus.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.IncomingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IncomingMessageViewTest {
    private static final Instant ENQUEUED = Instant.parse("2026-01-02T03:04:05Z");

    private static IncomingMessage sample(Map<String, Object> props) {
        return IncomingMessage.builder(new byte[] {1, 2, 3}).messageId("m").correlationId("c").sessionId("s")
                .replyTo("r").replyToSessionId("rs").to("t").subject("orders").contentType("application/json")
                .partitionKey("s").timeToLive(Duration.ofMinutes(10))
                .scheduledEnqueueTime(Instant.parse("2030-01-01T00:00:00Z")).applicationProperties(props).build();
    }

    @Test
    void answersEverySystemPropertyFromTheMessageOrTheBroker() {
        IncomingMessageView view = new IncomingMessageView(sample(Map.of()), 77L, ENQUEUED.toEpochMilli(), 2, 300L,
                Duration.ofMinutes(10));
        assertThat(view.systemProperty(SystemProperty.MESSAGE_ID)).isEqualTo("m");
        assertThat(view.systemProperty(SystemProperty.CORRELATION_ID)).isEqualTo("c");
        assertThat(view.systemProperty(SystemProperty.SESSION_ID)).isEqualTo("s");
        assertThat(view.systemProperty(SystemProperty.REPLY_TO)).isEqualTo("r");
        assertThat(view.systemProperty(SystemProperty.REPLY_TO_SESSION_ID)).isEqualTo("rs");
        assertThat(view.systemProperty(SystemProperty.TO)).isEqualTo("t");
        assertThat(view.systemProperty(SystemProperty.LABEL)).isEqualTo("orders");
        assertThat(view.systemProperty(SystemProperty.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(view.systemProperty(SystemProperty.PARTITION_KEY)).isEqualTo("s");
        assertThat(view.systemProperty(SystemProperty.TIME_TO_LIVE)).isEqualTo(Duration.ofMinutes(10));
        assertThat(view.systemProperty(SystemProperty.SCHEDULED_ENQUEUE_TIME_UTC))
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(view.systemProperty(SystemProperty.SEQUENCE_NUMBER)).isEqualTo(77L);
        assertThat(view.systemProperty(SystemProperty.ENQUEUED_TIME_UTC)).isEqualTo(ENQUEUED);
        assertThat(view.systemProperty(SystemProperty.EXPIRES_AT_UTC)).isEqualTo(ENQUEUED.plusSeconds(600));
        assertThat(view.systemProperty(SystemProperty.DELIVERY_COUNT)).isEqualTo(2);
        assertThat(view.systemProperty(SystemProperty.SIZE)).isEqualTo(300L);
        assertThat(view.systemProperty(SystemProperty.LOCK_TOKEN)).isNull();
        for (SystemProperty p : SystemProperty.values()) {
            Object v = view.systemProperty(p);
            assertThat(v == null || p.type().isInstance(v)).as(p.toString()).isTrue();
        }
        assertThat(view.message().messageId()).isEqualTo("m");
    }

    @Test
    void defaultsAndExpiry() {
        IncomingMessage noTtl = IncomingMessage.builder(new byte[5]).build();
        IncomingMessageView view = IncomingMessageView.of(noTtl, 1, 0);
        assertThat(view.systemProperty(SystemProperty.SIZE)).isEqualTo(5L);
        assertThat(view.systemProperty(SystemProperty.DELIVERY_COUNT)).isEqualTo(0);
        assertThat(view.systemProperty(SystemProperty.EXPIRES_AT_UTC)).isNull();
        assertThat(view.systemProperty(SystemProperty.LABEL)).isNull();
        IncomingMessageView forever = new IncomingMessageView(noTtl, 1, 0, 0, 5, Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(forever.systemProperty(SystemProperty.EXPIRES_AT_UTC)).isEqualTo(Instant.MAX);
    }

    @Test
    void userPropertiesAreCaseInsensitiveAndNullAware() {
        Map<String, Object> props = new HashMap<>();
        props.put("Region", "eu");
        props.put("empty", null);
        IncomingMessageView view = IncomingMessageView.of(sample(props), 1, 0);
        assertThat(view.userProperty("Region")).isEqualTo("eu");
        assertThat(view.userProperty("region")).isEqualTo("eu");
        assertThat(view.hasUserProperty("REGION")).isTrue();
        assertThat(view.userProperty("empty")).isNull();
        assertThat(view.hasUserProperty("empty")).isTrue();
        assertThat(view.hasUserProperty("missing")).isFalse();
    }

    @Test
    void theBenchmarkFilterOverARealisticMessage() {
        Map<String, Object> props = Map.of("priority", 7, "region", "eu", "customer", "c-1", "amount", 12.5);
        IncomingMessageView view = IncomingMessageView.of(sample(props), 1, ENQUEUED.toEpochMilli());
        SqlFilter f = SqlFilter.parse("sys.Label = 'orders' AND priority > 5 AND region IN ('eu', 'us')");
        assertThat(f.matches(view)).isTrue();
        assertThat(SqlFilter.parse("sys.EnqueuedTimeUtc < sys.ExpiresAtUtc AND sys.Size = 3 AND "
                + "sys.TimeToLive = @ttl", Map.of("@ttl", Duration.ofMinutes(10))).matches(view)).isTrue();
        assertThat(CorrelationFilter.builder().subject("orders").property("region", "eu").build().matches(view))
                .isTrue();
    }
}
