package dev.omnibus.server.management;

import dev.omnibus.server.auth.AccessPolicies;
import dev.omnibus.server.auth.AccessRight;
import io.netty.handler.codec.http.HttpMethod;
import java.util.function.LongSupplier;

/**
 * Checks the {@code Authorization: SharedAccessSignature ...} header of a management request against the server's
 * shared access policies: it must be signed by a policy with the Manage right. The audience is not checked: the
 * clients sign {@code https://localhost...} even when a rewrite policy sends the request to
 * {@code http://127.0.0.1:port}, and the JS client signs the full URL. The signature is recomputed over the resource
 * exactly as the token carries it.
 */
final class SasAuthorizer {
    private final AccessPolicies policies;
    private final LongSupplier nowMillis;

    SasAuthorizer(AccessPolicies policies, LongSupplier nowMillis) {
        this.policies = policies;
        this.nowMillis = nowMillis;
    }

    /**
     * Why the header does not authorize the request, or null when it does. A valid token without Manage gets Service
     * Bus's own words ({@code Manage,EntityRead claims required for this operation.}; EntityWrite for PUT,
     * EntityDelete for DELETE).
     */
    String refusal(String authorization, HttpMethod method) {
        if (authorization == null || authorization.isBlank()) {
            return "The request has no Authorization header with a SharedAccessSignature.";
        }
        AccessPolicies.Check check = policies.verify(authorization, nowMillis.getAsLong());
        if (!check.valid()) {
            return check.refusal();
        }
        if (!check.policy().has(AccessRight.MANAGE)) {
            String claim = method.equals(HttpMethod.PUT) ? "EntityWrite"
                    : method.equals(HttpMethod.DELETE) ? "EntityDelete" : "EntityRead";
            return AccessRight.MANAGE.claim() + "," + claim + " claims required for this operation.";
        }
        return null;
    }
}
