package dev.omnibus.client;

import dev.omnibus.client.models.ServiceBusReceiveMode;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ServiceBusSessionProcessor} runs. Immutable; each method returns a changed copy:
 *
 * <pre>{@code
 * SessionProcessorOptions options = SessionProcessorOptions.defaults()
 *         .maxConcurrentSessions(8)                       // sessions processed at once, each by its own worker
 *         .maxConcurrentCallsPerSession(1)                // 1: a session's messages are handled one by one, in order
 *         .sessionIdleTimeout(Duration.ofMillis(200));   // keep a dry session this long in case more arrive
 * }</pre>
 */
public final class SessionProcessorOptions {
    private static final SessionProcessorOptions DEFAULTS = new SessionProcessorOptions(8, 1, true,
            Duration.ofMinutes(5), Duration.ZERO, ServiceBusReceiveMode.PEEK_LOCK, 0);

    private final int maxConcurrentSessions;
    private final int maxConcurrentCallsPerSession;
    private final boolean autoCompleteMessages;
    private final Duration maxAutoLockRenewDuration;
    private final Duration sessionIdleTimeout;
    private final ServiceBusReceiveMode receiveMode;
    private final int prefetchCount;

    private SessionProcessorOptions(int maxConcurrentSessions, int maxConcurrentCallsPerSession,
                                    boolean autoCompleteMessages, Duration maxAutoLockRenewDuration,
                                    Duration sessionIdleTimeout, ServiceBusReceiveMode receiveMode, int prefetchCount) {
        this.maxConcurrentSessions = maxConcurrentSessions;
        this.maxConcurrentCallsPerSession = maxConcurrentCallsPerSession;
        this.autoCompleteMessages = autoCompleteMessages;
        this.maxAutoLockRenewDuration = maxAutoLockRenewDuration;
        this.sessionIdleTimeout = sessionIdleTimeout;
        this.receiveMode = receiveMode;
        this.prefetchCount = prefetchCount;
    }

    /**
     * @return 8 sessions at once, one call per session (in order), auto-complete on, session locks renewed for up to
     *         5 minutes, a session let go as soon as a drain finds it empty, PEEK_LOCK, no prefetch
     */
    public static SessionProcessorOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param maxConcurrentSessions how many sessions are processed at once, each by its own worker
     * @return a copy with this value
     * @throws IllegalArgumentException if not positive
     */
    public SessionProcessorOptions maxConcurrentSessions(int maxConcurrentSessions) {
        positive(maxConcurrentSessions, "maxConcurrentSessions");
        return new SessionProcessorOptions(maxConcurrentSessions, maxConcurrentCallsPerSession, autoCompleteMessages,
                maxAutoLockRenewDuration, sessionIdleTimeout, receiveMode, prefetchCount);
    }

    /**
     * @param maxConcurrentCallsPerSession how many messages of one session are handled at once; with 1 (the
     *                                     default) they are handled one after another, in the session's order
     * @return a copy with this value
     * @throws IllegalArgumentException if not positive
     */
    public SessionProcessorOptions maxConcurrentCallsPerSession(int maxConcurrentCallsPerSession) {
        positive(maxConcurrentCallsPerSession, "maxConcurrentCallsPerSession");
        return new SessionProcessorOptions(maxConcurrentSessions, maxConcurrentCallsPerSession, autoCompleteMessages,
                maxAutoLockRenewDuration, sessionIdleTimeout, receiveMode, prefetchCount);
    }

    /**
     * @param autoCompleteMessages whether a message is completed when the handler returns and abandoned when it
     *                             throws (unless the handler settled it itself)
     * @return a copy with this value
     */
    public SessionProcessorOptions autoCompleteMessages(boolean autoCompleteMessages) {
        return new SessionProcessorOptions(maxConcurrentSessions, maxConcurrentCallsPerSession, autoCompleteMessages,
                maxAutoLockRenewDuration, sessionIdleTimeout, receiveMode, prefetchCount);
    }

    /**
     * @param maxAutoLockRenewDuration how long a session's lock is kept alive while the processor holds the session;
     *                                 zero disables renewal
     * @return a copy with this value
     * @throws IllegalArgumentException if negative
     */
    public SessionProcessorOptions maxAutoLockRenewDuration(Duration maxAutoLockRenewDuration) {
        Objects.requireNonNull(maxAutoLockRenewDuration, "maxAutoLockRenewDuration");
        if (maxAutoLockRenewDuration.isNegative()) {
            throw new IllegalArgumentException("maxAutoLockRenewDuration must not be negative");
        }
        return new SessionProcessorOptions(maxConcurrentSessions, maxConcurrentCallsPerSession, autoCompleteMessages,
                maxAutoLockRenewDuration, sessionIdleTimeout, receiveMode, prefetchCount);
    }

    /**
     * How long a worker keeps a session that has no message for it. When a session runs dry (a drain comes back
     * empty), the worker waits for a new message of that session up to this long after the last one, drains again,
     * and when that drain is empty too closes the session and takes the next session that has messages. Zero lets a
     * session go at the first empty drain: the quickest hand-over when many sessions are waiting.
     *
     * @param sessionIdleTimeout zero or more; default zero: move on at once (the official SDKs wait about a minute)
     * @return a copy with this value
     * @throws IllegalArgumentException if negative
     */
    public SessionProcessorOptions sessionIdleTimeout(Duration sessionIdleTimeout) {
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        if (sessionIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("sessionIdleTimeout must not be negative");
        }
        return new SessionProcessorOptions(maxConcurrentSessions, maxConcurrentCallsPerSession, autoCompleteMessages,
                maxAutoLockRenewDuration, sessionIdleTimeout, receiveMode, prefetchCount);
    }

    /**
     * @param receiveMode PEEK_LOCK (the default: settle each message) or RECEIVE_AND_DELETE
     * @return a copy with this value
     */
    public SessionProcessorOptions receiveMode(ServiceBusReceiveMode receiveMode) {
        return new SessionProcessorOptions(maxConcurrentSessions, maxConcurrentCallsPerSession, autoCompleteMessages,
                maxAutoLockRenewDuration, sessionIdleTimeout, Objects.requireNonNull(receiveMode, "receiveMode"),
                prefetchCount);
    }

    /**
     * How many messages a worker asks its session for at once (at least {@code maxConcurrentCallsPerSession}). They
     * are covered by the session's lock, which is renewed; more per round means fewer round trips. Messages of a
     * round that were not handed out when the processor stops go back to the session.
     *
     * @param prefetchCount 0 or more; 0 (the default) asks for {@code maxConcurrentCallsPerSession} at a time
     * @return a copy with this value
     * @throws IllegalArgumentException if negative
     */
    public SessionProcessorOptions prefetchCount(int prefetchCount) {
        if (prefetchCount < 0) {
            throw new IllegalArgumentException("prefetchCount must not be negative: " + prefetchCount);
        }
        return new SessionProcessorOptions(maxConcurrentSessions, maxConcurrentCallsPerSession, autoCompleteMessages,
                maxAutoLockRenewDuration, sessionIdleTimeout, receiveMode, prefetchCount);
    }

    /** @return how many sessions are processed at once */
    public int getMaxConcurrentSessions() {
        return maxConcurrentSessions;
    }

    /** @return how many messages of one session are handled at once */
    public int getMaxConcurrentCallsPerSession() {
        return maxConcurrentCallsPerSession;
    }

    /** @return whether messages are completed (or abandoned on failure) automatically */
    public boolean isAutoCompleteMessages() {
        return autoCompleteMessages;
    }

    /** @return how long session locks are renewed */
    public Duration getMaxAutoLockRenewDuration() {
        return maxAutoLockRenewDuration;
    }

    /** @return how long a session without messages is kept */
    public Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    /** @return the receive mode */
    public ServiceBusReceiveMode getReceiveMode() {
        return receiveMode;
    }

    /** @return how many messages a worker asks for at once (0: {@code maxConcurrentCallsPerSession}) */
    public int getPrefetchCount() {
        return prefetchCount;
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return "SessionProcessorOptions{maxConcurrentSessions=" + maxConcurrentSessions
                + ", maxConcurrentCallsPerSession=" + maxConcurrentCallsPerSession + ", autoCompleteMessages="
                + autoCompleteMessages + ", maxAutoLockRenewDuration=" + maxAutoLockRenewDuration
                + ", sessionIdleTimeout=" + sessionIdleTimeout + ", receiveMode=" + receiveMode + ", prefetchCount="
                + prefetchCount + "}";
    }
}
