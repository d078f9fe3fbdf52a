package dev.omnibus.server.management;

import dev.omnibus.amqp.SasToken;
import java.util.function.LongSupplier;

/**
 * Checks the {@code Authorization: SharedAccessSignature ...} header of a management request against the server's
 * key, which has the Manage right. The audience is not checked: the clients sign {@code https://localhost...} even
 * when a rewrite policy sends the request to {@code http://127.0.0.1:port}, and the JS client signs the full URL.
 * The signature is recomputed over the resource exactly as the token carries it.
 */
final class SasAuthorizer {
    private final String keyName;
    private final String key;
    private final LongSupplier nowMillis;

    SasAuthorizer(String keyName, String key, LongSupplier nowMillis) {
        this.keyName = keyName;
        this.key = key;
        this.nowMillis = nowMillis;
    }

    /** Why the header does not authorize the request, or null when it does. */
    String refusal(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "The request has no Authorization header with a SharedAccessSignature.";
        }
        SasToken token;
        try {
            token = SasToken.parse(authorization.trim());
        } catch (IllegalArgumentException e) {
            return "Malformed SharedAccessSignature: " + e.getMessage() + ".";
        }
        if (!keyName.equals(token.keyName())) {
            return "The key name '" + token.keyName() + "' is not known.";
        }
        if (!token.isSignedWith(key)) {
            return "The token signature is not valid.";
        }
        if (token.expiresAt().toEpochMilli() <= nowMillis.getAsLong()) {
            return "The token has expired.";
        }
        return null;
    }
}
