package dev.omnibus.server.amqp;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import dev.omnibus.server.auth.AccessPolicies;
import dev.omnibus.server.auth.AccessPolicy;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.engine.sasl.SaslOutcome;
import org.apache.qpid.protonj2.engine.sasl.SaslServerContext;
import org.apache.qpid.protonj2.engine.sasl.SaslServerListener;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.transport.AMQPHeader;

/**
 * The SASL layer. Offers {@code MSSBCBS} (what .NET asks for), {@code ANONYMOUS} (Java, JavaScript, Python) and
 * {@code PLAIN}. MSSBCBS and ANONYMOUS succeed with any initial response: Service Bus authorizes afterwards, per
 * entity, through {@code $cbs}. PLAIN succeeds with a shared access policy's name and key as user name and password
 * and then authorizes the whole namespace with that policy's rights. A SASL init pipelined right after the protocol
 * header (the Java SDK does that) is handled in order by the engine. The sasl-init hostname is kept: it chooses the
 * namespace when the OPEN names no host.
 */
final class SaslAuthenticator implements SaslServerListener {
    static final Symbol MSSBCBS = Symbol.valueOf("MSSBCBS");
    static final Symbol ANONYMOUS = Symbol.valueOf("ANONYMOUS");
    static final Symbol PLAIN = Symbol.valueOf("PLAIN");

    private final AccessPolicies policies;
    private final Grants grants;
    private String hostname;

    SaslAuthenticator(AccessPolicies policies, Grants grants) {
        this.policies = policies;
        this.grants = grants;
    }

    @Override
    public void handleSaslHeader(SaslServerContext context, AMQPHeader header) {
        context.sendMechanisms(new Symbol[] {MSSBCBS, ANONYMOUS, PLAIN});
    }

    @Override
    public void handleSaslInit(SaslServerContext context, Symbol mechanism, ProtonBuffer initResponse) {
        hostname = saslHostname(context);
        boolean ok;
        if (MSSBCBS.equals(mechanism) || ANONYMOUS.equals(mechanism)) {
            ok = true;
        } else if (PLAIN.equals(mechanism)) {
            AccessPolicy policy = plainLogin(initResponse);
            ok = policy != null;
            if (ok) {
                grants.grantNamespace(policy.rights());
            }
        } else {
            ok = false;
        }
        context.sendOutcome(ok ? SaslOutcome.SASL_OK : SaslOutcome.SASL_AUTH, null);
    }

    /**
     * protonj2 keeps the sasl-init hostname only on its context implementation, a package-private class whose public
     * {@code getHostname()} the interfaces do not declare; null if that ever changes.
     */
    private static String saslHostname(SaslServerContext context) {
        try {
            Method getter = context.getClass().getMethod("getHostname");
            getter.setAccessible(true);
            return getter.invoke(context) instanceof String host ? host : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The hostname of the client's sasl-init, or null (no SASL, or none given). */
    String hostname() {
        return hostname;
    }

    @Override
    public void handleSaslResponse(SaslServerContext context, ProtonBuffer response) {
        context.sendOutcome(SaslOutcome.SASL_AUTH, null);
    }

    /** The policy a PLAIN response names, or null. It is {@code [authzid] NUL authcid NUL password}. */
    private AccessPolicy plainLogin(ProtonBuffer response) {
        if (response == null) {
            return null;
        }
        byte[] bytes = new byte[response.getReadableBytes()];
        response.copyInto(response.getReadOffset(), bytes, 0, bytes.length);
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3) {
            return null;
        }
        return policies.login(parts[1], parts[2]);
    }
}
