package dev.omnibus.server.amqp;

import dev.omnibus.amqp.DotNetTicks;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.Receiver;
import dev.omnibus.core.SessionReceiver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.DescribedType;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.messaging.Source;

/**
 * A receiver attach that asks for a session: {@code source.filter} holds {@code com.microsoft:session-filter}, with
 * a session id (that session) or null (the next session that has messages and is free).
 *
 * <p>The attach is answered once the core locked a session: the reply's source is the client's own (address exactly
 * as sent: Python compares it) with the filter naming the session locked (every SDK reads the session id from there),
 * and its properties carry {@code com.microsoft:locked-until-utc} as a {@code long} of .NET ticks (Java casts it to
 * long; JavaScript reads properties without checking they exist). A next-available request waits up to the link's
 * {@code com.microsoft:timeout} (60 s at most, as Service Bus); when no session comes, or the named one is held, or
 * the entity has no sessions, the attach is refused with the core's error: {@code com.microsoft:timeout},
 * {@code com.microsoft:session-cannot-be-locked}, {@code amqp:not-allowed}.
 */
final class SessionAttach implements ReceiverOpener {
    static final Symbol SESSION_FILTER = Symbol.valueOf(ServiceBusNames.SESSION_FILTER);
    private static final Symbol LOCKED_UNTIL_UTC = Symbol.valueOf(ServiceBusNames.LOCKED_UNTIL_UTC);
    private static final Symbol TIMEOUT = Symbol.valueOf(ServiceBusNames.TIMEOUT);
    /** Service Bus waits at most this long for a free session (the Java SDK calls it the service's hard limit). */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final QueueEndpoint endpoint;
    private final ReceiveMode mode;
    private final String sessionId;
    private final Duration wait;

    private SessionAttach(QueueEndpoint endpoint, ReceiveMode mode, String sessionId, Duration wait) {
        this.endpoint = endpoint;
        this.mode = mode;
        this.sessionId = sessionId;
        this.wait = wait;
    }

    /** Whether the client's source asks for a session receiver. */
    static boolean requested(Source source) {
        return source != null && source.getFilter() != null && source.getFilter().containsKey(SESSION_FILTER);
    }

    /** The opener for a link whose source {@link #requested asks for a session}. */
    static SessionAttach of(QueueEndpoint endpoint, ReceiveMode mode, Sender link) {
        return new SessionAttach(endpoint, mode, sessionId(link.getRemoteSource().getFilter().get(SESSION_FILTER)),
                wait(link.getRemoteProperties()));
    }

    /** The session asked for, or null for the next available one. */
    String sessionId() {
        return sessionId;
    }

    Duration waitLimit() {
        return wait;
    }

    @Override
    public CompletableFuture<? extends Receiver> open(DeliverySink sink) {
        return endpoint.acceptSession(sessionId, mode, sink, wait);
    }

    @Override
    public void describe(Sender link, Receiver receiver) {
        SessionReceiver session = (SessionReceiver) receiver;
        Source source = link.getRemoteSource().copy();
        Map<Symbol, Object> filter = new LinkedHashMap<>(source.getFilter());
        filter.put(SESSION_FILTER, session.sessionId());
        link.setSource(source.setFilter(filter));
        link.setProperties(Map.of(LOCKED_UNTIL_UTC, DotNetTicks.fromEpochMillis(session.lockedUntil())));
    }

    /** A string names a session; null (also described null, as some clients send it) means the next available. */
    private static String sessionId(Object value) {
        Object v = value instanceof DescribedType d ? d.getDescribed() : value;
        return v == null ? null : v.toString();
    }

    /** The link's {@code com.microsoft:timeout} (milliseconds, any integer type), within {@link #MAX_WAIT}. */
    private static Duration wait(Map<Symbol, Object> properties) {
        Object v = properties == null ? null : properties.get(TIMEOUT);
        if (!(v instanceof Number n) || n.longValue() < 0) {
            return MAX_WAIT;
        }
        Duration asked = Duration.ofMillis(n.longValue());
        return asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
    }
}
