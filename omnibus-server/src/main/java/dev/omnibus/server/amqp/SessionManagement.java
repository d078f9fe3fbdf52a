package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.QueueEndpoint;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.protonj2.types.Binary;

/**
 * The session operations of a {@code $management} node: {@code renew-session-lock}, {@code set-session-state},
 * {@code get-session-state} and {@code get-message-sessions}. The core checks that the session is held (else
 * {@code com.microsoft:session-lock-lost}, 410) and that the entity has sessions (else {@code amqp:not-allowed}).
 */
final class SessionManagement {
    /** .NET track 1 asks with {@code DateTime.MaxValue} for "every session"; anything this far ahead means that. */
    private static final Instant ALL_SESSIONS = Instant.parse("9000-01-01T00:00:00Z");

    private SessionManagement() {
    }

    /** Response {@code expiration}: a timestamp (Java casts it to {@code Date}, JavaScript reads a Date). */
    static CompletableFuture<ManagementResult> renewLock(QueueEndpoint endpoint, Map<?, ?> body) {
        return endpoint.renewSessionLock(sessionId(body))
                .thenApply(until -> ManagementResult.ok(Map.of(ServiceBusNames.EXPIRATION, Date.from(until))));
    }

    /** Request {@code session-state}: binary, or null to clear it. */
    static CompletableFuture<ManagementResult> setState(QueueEndpoint endpoint, Map<?, ?> body) {
        Object state = body.get(ServiceBusNames.SESSION_STATE);
        byte[] bytes;
        if (state == null) {
            bytes = null;
        } else if (state instanceof Binary b) {
            bytes = b.asByteArray() == null ? new byte[0] : b.asByteArray();
        } else if (state instanceof byte[] b) {
            bytes = b;
        } else {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR,
                    "The session-state must be binary or null, not " + state.getClass().getSimpleName() + ".");
        }
        return endpoint.setSessionState(sessionId(body), bytes).thenApply(v -> ManagementResult.ok(Map.of()));
    }

    /** Response {@code session-state}: binary, or null when the session has none (the key is always there). */
    static CompletableFuture<ManagementResult> getState(QueueEndpoint endpoint, Map<?, ?> body) {
        return endpoint.getSessionState(sessionId(body)).thenApply(state -> {
            Map<String, Object> out = new HashMap<>();
            out.put(ServiceBusNames.SESSION_STATE, state == null ? null : new Binary(state));
            return ManagementResult.ok(out);
        });
    }

    /**
     * Sessions with messages or state updated after {@code last-updated-time}, paged by {@code skip} and {@code top}.
     * Response {@code sessions-ids} (a string array) and {@code skip}, the position the next page starts at; 204
     * when there are none.
     */
    static CompletableFuture<ManagementResult> list(QueueEndpoint endpoint, Map<?, ?> body) {
        Instant after = body.get(ServiceBusNames.LAST_UPDATED_TIME) == null ? Instant.EPOCH
                : RequestValues.instant(body, ServiceBusNames.LAST_UPDATED_TIME);
        if (after.isAfter(ALL_SESSIONS)) {
            after = Instant.EPOCH;
        }
        int skip = Math.max(0, RequestValues.number(body, ServiceBusNames.SKIP, 0).intValue());
        int top = RequestValues.number(body, ServiceBusNames.TOP, Integer.MAX_VALUE).intValue();
        return endpoint.listSessions(after, skip, top).thenApply(ids -> ManagementResult.okUnlessEmpty(ids, Map.of(
                ServiceBusNames.SKIP, skip + ids.size(),
                ServiceBusNames.SESSIONS_IDS, ids.toArray(String[]::new))));
    }

    private static String sessionId(Map<?, ?> body) {
        String id = RequestValues.text(body, ServiceBusNames.SESSION_ID);
        if (id == null) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "The request body has no 'session-id'.");
        }
        return id;
    }
}
