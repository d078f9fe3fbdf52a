package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.time.TimeSource;
import dev.omnibus.server.auth.AccessPolicies;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code $cbs} node: validates {@code put-token} requests and records what they authorize on the connection.
 *
 * <p>A SAS token is valid when its key name is one of the server's shared access policies, its HMAC-SHA256 signature
 * over the resource as written in the token matches that policy's key, and it has not expired, whatever the policy's
 * rights. It then authorizes its resource, with those rights, (reduced
 * to an entity path, so {@code amqp://host/q}, {@code sb://host:5672/q} and {@code https://host/q} are all the same
 * scope, and a namespace-root resource covers every entity). The audience the client names must lie within it.
 * Confined to the connection's event loop.
 */
final class CbsNode {
    private static final Logger LOG = LoggerFactory.getLogger(CbsNode.class);
    static final int OK = 200;

    private final AccessPolicies policies;
    private final TimeSource time;
    private final Grants grants;

    CbsNode(AccessPolicies policies, TimeSource time, Grants grants) {
        this.policies = policies;
        this.time = time;
        this.grants = grants;
    }

    /** Handles one request and returns the encoded response. */
    byte[] handle(NodeRequest request) {
        String operation = request.property(ServiceBusNames.OPERATION);
        String failure;
        if (!ServiceBusNames.PUT_TOKEN.equals(operation)) {
            return respond(request, ServiceBusError.NOT_IMPLEMENTED.statusCode(),
                    "The $cbs operation '" + operation + "' is not supported.");
        }
        failure = putToken(request.property(ServiceBusNames.CBS_TYPE), request.property(ServiceBusNames.CBS_NAME),
                request.body());
        if (failure != null) {
            LOG.debug("put-token refused: {}", failure);
            return respond(request, ServiceBusError.UNAUTHORIZED.statusCode(),
                    ServiceBusError.UNAUTHORIZED.describe(failure));
        }
        return respond(request, OK, "OK");
    }

    /** Validates and records a token; returns why it was refused, or null. */
    private String putToken(String type, String audience, Object token) {
        if (!ServiceBusNames.SAS_TOKEN_TYPE.equals(type)) {
            return "Only shared access signature tokens are supported, not '" + type + "'.";
        }
        if (!(token instanceof String text)) {
            return "The token must be a string.";
        }
        AccessPolicies.Check check = policies.verify(text, time.now());
        if (!check.valid()) {
            return check.refusal();
        }
        String scope = Grants.normalise(check.token().resource());
        if (audience != null && !Grants.within(Grants.normalise(audience), scope)) {
            return "The token for '" + check.token().resource() + "' does not cover the audience '" + audience + "'.";
        }
        grants.grant(scope, check.policy().rights(), check.token().expiresAt().toEpochMilli());
        return null;
    }

    private static byte[] respond(NodeRequest request, int status, String description) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ServiceBusNames.CBS_STATUS_CODE, status);
        props.put(ServiceBusNames.CBS_STATUS_DESCRIPTION, description);
        return request.response(props, null);
    }
}
