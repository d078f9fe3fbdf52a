package dev.omnibus.client.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.exceptions.MessageLockLostException;
import dev.omnibus.client.exceptions.MessageNotFoundException;
import dev.omnibus.client.exceptions.MessageSizeExceededException;
import dev.omnibus.client.exceptions.MessagingEntityDisabledException;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.exceptions.OperationTimeoutException;
import dev.omnibus.client.exceptions.ServiceBusAuthenticationException;
import dev.omnibus.client.exceptions.ServiceBusAuthorizationException;
import dev.omnibus.client.exceptions.ServiceBusConnectionException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import dev.omnibus.client.exceptions.ServiceBusQuotaExceededException;
import dev.omnibus.client.exceptions.ServiceBusServerBusyException;
import dev.omnibus.client.exceptions.SessionCannotBeLockedException;
import dev.omnibus.client.exceptions.SessionLockLostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ServiceBusExceptionsTest {

    @ParameterizedTest
    @CsvSource({
        "amqp:not-found, MessagingEntityNotFoundException, false",
        "amqp:unauthorized-access, ServiceBusAuthorizationException, false",
        "amqp:resource-limit-exceeded, ServiceBusQuotaExceededException, false",
        "amqp:link:message-size-exceeded, MessageSizeExceededException, false",
        "amqp:link:detach-forced, ServiceBusConnectionException, true",
        "amqp:connection:forced, ServiceBusConnectionException, true",
        "com.microsoft:timeout, OperationTimeoutException, true",
        "com.microsoft:server-busy, ServiceBusServerBusyException, true",
        "com.microsoft:entity-disabled, MessagingEntityDisabledException, false",
        "com.microsoft:message-lock-lost, MessageLockLostException, false",
        "com.microsoft:session-lock-lost, SessionLockLostException, false",
        "com.microsoft:session-cannot-be-locked, SessionCannotBeLockedException, false",
        "com.microsoft:message-not-found, MessageNotFoundException, false",
        "amqp:internal-error, ServiceBusException, true",
        "amqp:not-allowed, ServiceBusException, false",
        "com.example:never-heard-of-it, ServiceBusException, false"
    })
    void conditionsMapToTheirExceptionAndTransience(String condition, String type, boolean transientError) {
        ServiceBusException e = ServiceBusExceptions.fromCondition(condition, "described", "Doing it");

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.isTransient()).isEqualTo(transientError);
        assertThat(e.getMessage()).contains("Doing it", "described", condition);
    }

    @Test
    void managementStatusWithoutConditionFallsBackToTheStatusCode() {
        assertThat(ServiceBusExceptions.fromManagementStatus(410, null, "gone", "renew"))
                .isInstanceOf(MessageLockLostException.class);
        assertThat(ServiceBusExceptions.fromManagementStatus(404, "com.microsoft:message-not-found", "x", "y"))
                .isInstanceOf(MessageNotFoundException.class);
        assertThat(ServiceBusExceptions.fromManagementStatus(503, null, null, "y"))
                .isInstanceOf(ServiceBusServerBusyException.class);
    }

    @Test
    void cbsRefusalsAreAuthenticationOrAuthorisationErrors() {
        assertThat(ServiceBusExceptions.fromCbsStatus(401, "bad signature", "sb://h/q"))
                .isInstanceOf(ServiceBusAuthenticationException.class)
                .extracting(ServiceBusException::getReason).isEqualTo(ServiceBusFailureReason.UNAUTHORIZED);
        assertThat(ServiceBusExceptions.fromCbsStatus(403, "no Send right", "sb://h/q"))
                .isInstanceOf(ServiceBusAuthorizationException.class);
        assertThat(ServiceBusExceptions.fromCbsStatus(404, "missing", "sb://h/q"))
                .isInstanceOf(MessagingEntityNotFoundException.class);
    }

    @Test
    void unwrapFindsTheServiceBusExceptionAndPassesPreconditionErrorsThrough() {
        ServiceBusException lost = new MessageLockLostException("lost", null);
        assertThat(ServiceBusExceptions.unwrap(new CompletionException(new ExecutionException(lost)))).isSameAs(lost);
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        assertThat(ServiceBusExceptions.unwrap(new CompletionException(bad))).isSameAs(bad);
        assertThat(ServiceBusExceptions.unwrap(new java.io.IOException("io")))
                .isInstanceOf(ServiceBusException.class).hasMessageContaining("io");
        assertThat(ServiceBusExceptions.isTransient(new CompletionException(
                new ServiceBusServerBusyException("busy", null)))).isTrue();
        assertThat(new OperationTimeoutException("t", null).getReason())
                .isEqualTo(ServiceBusFailureReason.SERVICE_TIMEOUT);
        assertThat(new MessagingEntityDisabledException("d", null).isTransient()).isFalse();
        assertThat(new MessageSizeExceededException("s", null).getReason())
                .isEqualTo(ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED);
        assertThat(new ServiceBusQuotaExceededException("q", null).isTransient()).isFalse();
        assertThat(new SessionCannotBeLockedException("c", null).isTransient()).isFalse();
        assertThat(new SessionLockLostException("l", null).isTransient()).isFalse();
    }

    @Test
    void failureReasonsAreExpandable() {
        assertThat(ServiceBusFailureReason.fromString("MessageLockLost"))
                .isSameAs(ServiceBusFailureReason.MESSAGE_LOCK_LOST);
        ServiceBusFailureReason fresh = ServiceBusFailureReason.fromString("SomethingNew");
        assertThat(fresh.toString()).isEqualTo("SomethingNew");
        assertThat(ServiceBusFailureReason.fromString("somethingnew")).isSameAs(fresh);
    }
}
