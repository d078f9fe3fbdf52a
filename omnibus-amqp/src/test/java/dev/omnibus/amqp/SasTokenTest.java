package dev.omnibus.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SasTokenTest {
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void signsAndVerifies() {
        SasToken token = SasToken.create("amqp://localhost/queue.1", "RootManageSharedAccessKey", "SAS_KEY_VALUE", EXPIRY);
        SasToken parsed = SasToken.parse(token.text());
        assertThat(parsed.resource()).isEqualTo("amqp://localhost/queue.1");
        assertThat(parsed.keyName()).isEqualTo("RootManageSharedAccessKey");
        assertThat(parsed.expiresAt()).isEqualTo(EXPIRY);
        assertThat(parsed.isSignedWith("SAS_KEY_VALUE")).isTrue();
        assertThat(parsed.isSignedWith("other")).isFalse();
    }

    @Test
    void verifiesOverTheResourceAsEncodedInTheToken() {
        // The JS SDK encodes with lowercase hex; the signature covers its own encoding.
        String encoded = "sb%3a%2f%2flocalhost%3a5672%2fqueue.1";
        SasToken upper = SasToken.create("sb://localhost:5672/queue.1", "k", "secret", EXPIRY);
        SasToken lower = new SasToken(encoded, upper.signature(), upper.expiry(), "k");
        assertThat(lower.isSignedWith("secret")).isFalse();
        assertThat(lower.resource()).isEqualTo("sb://localhost:5672/queue.1");
    }

    @Test
    void rejectsMalformedTokens() {
        assertThatThrownBy(() -> SasToken.parse("Bearer x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=b&skn=k"))
                .hasMessageContaining("se");
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=b&se=x&skn=k"))
                .hasMessageContaining("not a number");
    }
}
