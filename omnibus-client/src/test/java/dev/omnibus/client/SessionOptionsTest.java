package dev.omnibus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.exceptions.ServiceBusConnectionException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import dev.omnibus.client.exceptions.SessionLockLostException;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Session options of receivers and of the session processor, and the session errors' mapping. */
class SessionOptionsTest {

    @Test
    void aSessionIdAndNextAvailableExcludeEachOther() {
        ReceiverOptions named = ReceiverOptions.defaults().sessionId("s");
        assertThat(named.isSessionReceiver()).isTrue();
        assertThat(named.getSessionId()).isEqualTo("s");
        assertThat(named.isNextAvailableSession()).isFalse();

        ReceiverOptions next = named.nextAvailableSession(true);
        assertThat(next.getSessionId()).isNull();
        assertThat(next.isNextAvailableSession()).isTrue();
        assertThat(next.sessionId("t").isNextAvailableSession()).isFalse();
        assertThat(next.nextAvailableSession(false).isSessionReceiver()).isFalse();
        assertThat(ReceiverOptions.defaults().isSessionReceiver()).isFalse();
        assertThatThrownBy(() -> ReceiverOptions.defaults().sessionId("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(named.receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).getSessionId()).isEqualTo("s");
    }

    @Test
    void sessionProcessorDefaultsAndChecks() {
        SessionProcessorOptions defaults = SessionProcessorOptions.defaults();
        assertThat(defaults.getMaxConcurrentSessions()).isEqualTo(8);
        assertThat(defaults.getMaxConcurrentCallsPerSession()).isEqualTo(1);
        assertThat(defaults.getSessionIdleTimeout()).isEqualTo(Duration.ZERO);
        assertThat(defaults.isAutoCompleteMessages()).isTrue();
        assertThat(defaults.getMaxAutoLockRenewDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.getReceiveMode()).isEqualTo(ServiceBusReceiveMode.PEEK_LOCK);
        assertThat(defaults.getPrefetchCount()).isZero();

        SessionProcessorOptions changed = defaults.maxConcurrentSessions(2).maxConcurrentCallsPerSession(3)
                .sessionIdleTimeout(Duration.ZERO).prefetchCount(16).autoCompleteMessages(false);
        assertThat(changed.getMaxConcurrentSessions()).isEqualTo(2);
        assertThat(changed.getMaxConcurrentCallsPerSession()).isEqualTo(3);
        assertThat(changed.getSessionIdleTimeout()).isZero();
        assertThat(changed.getPrefetchCount()).isEqualTo(16);
        assertThat(changed.isAutoCompleteMessages()).isFalse();
        assertThat(defaults.getMaxConcurrentSessions()).as("immutable").isEqualTo(8);

        assertThatThrownBy(() -> defaults.maxConcurrentSessions(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.maxConcurrentCallsPerSession(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.sessionIdleTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.prefetchCount(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.maxAutoLockRenewDuration(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEndOfASessionLinkIsTheLossOfItsLock() {
        ServiceBusConnectionException dropped = new ServiceBusConnectionException("connection reset", null);

        assertThat(ServiceBusExceptions.sessionLinkEnded("s", dropped))
                .isInstanceOfSatisfying(SessionLockLostException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.SESSION_LOCK_LOST);
                    assertThat(e).hasMessageContaining("'s'").hasCause(dropped);
                });
        SessionLockLostException lost = new SessionLockLostException("expired", null);
        assertThat(ServiceBusExceptions.sessionLinkEnded("s", lost)).isSameAs(lost);
        assertThat(ServiceBusExceptions.fromCondition("com.microsoft:session-cannot-be-locked", "held", "attach"))
                .extracting(e -> e.getReason()).isEqualTo(ServiceBusFailureReason.SESSION_CANNOT_BE_LOCKED);
        assertThat(ServiceBusExceptions.fromCondition("com.microsoft:timeout", "no session", "attach"))
                .extracting(e -> e.getReason()).isEqualTo(ServiceBusFailureReason.SERVICE_TIMEOUT);
    }
}
