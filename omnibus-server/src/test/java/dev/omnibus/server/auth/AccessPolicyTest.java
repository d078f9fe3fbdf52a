package dev.omnibus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.SasToken;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessPolicyTest {
    @Test
    void parsesNameKeyAndRights() {
        AccessPolicy p = AccessPolicy.parse("app=c2VjcmV0=:send, Listen");

        assertThat(p.name()).isEqualTo("app");
        assertThat(p.key()).isEqualTo("c2VjcmV0=");
        assertThat(p.rights()).isEqualTo(EnumSet.of(AccessRight.SEND, AccessRight.LISTEN));
        assertThat(p.toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void manageImpliesSendAndListen() {
        assertThat(AccessPolicy.parse("ops=k:Manage").rights()).isEqualTo(EnumSet.allOf(AccessRight.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "app=key", "=key:Send", "app=:Send", "app=key:", "app=key:Read", "app=key:Send,"})
    void refusesWhatIsNotAPolicy(String spec) {
        assertThatThrownBy(() -> AccessPolicy.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoPoliciesOfOneNameAreRefused() {
        assertThatThrownBy(() -> AccessPolicies.of("root", "k", List.of(AccessPolicy.parse("root=x:Send"))))
                .hasMessageContaining("'root'");
    }

    @Test
    void verifyNamesThePolicyThatSigned() {
        AccessPolicies policies = AccessPolicies.of("root", "root-key",
                List.of(new AccessPolicy("app", "app-key", Set.of(AccessRight.SEND))));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String token = SasToken.create("sb://localhost/q", "app", "app-key", now.plusSeconds(60)).text();

        AccessPolicies.Check ok = policies.verify(token, now.toEpochMilli());
        AccessPolicies.Check late = policies.verify(token, now.plusSeconds(60).toEpochMilli());

        assertThat(ok.valid()).isTrue();
        assertThat(ok.policy().name()).isEqualTo("app");
        assertThat(ok.policy().has(AccessRight.LISTEN)).isFalse();
        assertThat(late.refusal()).isEqualTo("The token has expired.");
        assertThat(policies.verify(token.replace("app-key", "x"), now.toEpochMilli()).valid()).isTrue();
        assertThat(policies.login("root", "root-key").has(AccessRight.MANAGE)).isTrue();
        assertThat(policies.login("app", "root-key")).isNull();
    }
}
