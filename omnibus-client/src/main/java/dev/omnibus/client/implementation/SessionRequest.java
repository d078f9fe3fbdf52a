package dev.omnibus.client.implementation;

import dev.omnibus.amqp.DotNetTicks;
import dev.omnibus.amqp.ServiceBusNames;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.types.Symbol;

/**
 * What a session receive link asks for (§3.4 of the protocol notes), and how to read the service's answer: the
 * request is the source filter {@code com.microsoft:session-filter} with a session id, or null for the next available
 * session; the service names the session it locked in its attach's source filter, and the lock's expiry in the
 * attach properties ({@code com.microsoft:locked-until-utc}, a long of .NET ticks).
 *
 * @param sessionId the session to lock, or null for the next available one
 * @param maxWait how long the service may wait for a session (sent as {@code com.microsoft:timeout})
 */
record SessionRequest(String sessionId, Duration maxWait) {
    private static final Symbol SESSION_FILTER = Symbol.valueOf(ServiceBusNames.SESSION_FILTER);
    private static final Symbol LOCKED_UNTIL_UTC = Symbol.valueOf(ServiceBusNames.LOCKED_UNTIL_UTC);

    /** The source filter to attach with. */
    Map<Symbol, Object> sourceFilter() {
        Map<Symbol, Object> filter = new HashMap<>();
        filter.put(SESSION_FILTER, sessionId); // null: the next available session
        return filter;
    }

    /**
     * The session the service locked for the attached link, or null when it named none, or another one than asked
     * for (as the SDKs do, that counts as "cannot be locked").
     */
    String lockedSession(Receiver attached) {
        Map<Symbol, Object> remoteFilter = attached.getRemoteSource() == null ? null
                : attached.getRemoteSource().getFilter();
        Object id = remoteFilter == null ? null : remoteFilter.get(SESSION_FILTER);
        if (id == null || (sessionId != null && !sessionId.equals(id.toString()))) {
            return null;
        }
        return id.toString();
    }

    /** The session lock's expiry the service gave on attach, or null. */
    static OffsetDateTime lockedUntil(Receiver attached) {
        Map<Symbol, Object> properties = attached.getRemoteProperties();
        Object ticks = properties == null ? null : properties.get(LOCKED_UNTIL_UTC);
        return ticks instanceof Number n ? DotNetTicks.toInstant(n.longValue()).atOffset(ZoneOffset.UTC) : null;
    }
}
