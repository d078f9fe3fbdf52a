package dev.omnibus.client.implementation;

import dev.omnibus.amqp.SasToken;
import dev.omnibus.amqp.ServiceBusNames;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Supplies a token for an audience ({@code sb://host/entity}). Called on the connection's I/O thread: must not block. */
@FunctionalInterface
public interface TokenProvider {
    /** A token valid for {@code audience}. */
    AccessToken token(String audience);

    /** Signs a fresh SAS token per audience with a shared access key; each is valid for {@code validity}. */
    static TokenProvider sharedKey(String keyName, String key, Duration validity, Clock clock) {
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(key, "key");
        return audience -> {
            SasToken token = SasToken.create(audience, keyName, key, clock.instant().plus(validity));
            return new AccessToken(token.text(), ServiceBusNames.SAS_TOKEN_TYPE, token.expiresAt());
        };
    }

    /** Always the same pre-made SAS token (from a connection string's SharedAccessSignature or the builder). */
    static TokenProvider fixedSas(String sharedAccessSignature) {
        SasToken parsed = SasToken.parse(Objects.requireNonNull(sharedAccessSignature, "sharedAccessSignature"));
        AccessToken token = new AccessToken(sharedAccessSignature, ServiceBusNames.SAS_TOKEN_TYPE, parsed.expiresAt());
        return audience -> token;
    }
}
