package dev.omnibus.client.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException;
import dev.omnibus.client.exceptions.ServiceBusCommunicationException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The management REST API's HTTP statuses, mapped in the same one class as the AMQP conditions. */
class ServiceBusExceptionsHttpTest {

    @ParameterizedTest
    @CsvSource({
        "400, ServiceBusException, false",
        "401, ServiceBusAuthorizationException, false",
        "403, ServiceBusQuotaExceededException, false",
        "404, MessagingEntityNotFoundException, false",
        "408, OperationTimeoutException, true",
        "409, MessagingEntityAlreadyExistsException, false",
        "412, ServiceBusException, false",
        "429, ServiceBusServerBusyException, true",
        "500, ServiceBusException, true",
        "502, ServiceBusException, true",
        "503, ServiceBusServerBusyException, true",
        "504, OperationTimeoutException, true",
        "418, ServiceBusException, false"
    })
    void statusesMapToTheCatalogueExceptionAndTransience(int status, String type, boolean transientError) {
        ServiceBusException e = ServiceBusExceptions.fromHttpStatus(status, "the detail", "Creating queue 'q'");

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.isTransient()).isEqualTo(transientError);
        assertThat(e.getMessage()).isEqualTo("Creating queue 'q': the detail [HTTP " + status + "]");
    }

    @Test
    void subCodesTurnConflictsAndForbiddenIntoInvalidOperations() {
        assertThat(ServiceBusExceptions.fromHttpStatus(409, "Conflicting operation. SubCode=40901.", "op"))
                .isNotInstanceOf(MessagingEntityAlreadyExistsException.class)
                .extracting(ServiceBusException::getReason).isEqualTo(ServiceBusFailureReason.INVALID_OPERATION);
        assertThat(ServiceBusExceptions.fromHttpStatus(403, "Not allowed. SubCode=40301.", "op").getReason())
                .isEqualTo(ServiceBusFailureReason.INVALID_OPERATION);
        assertThat(ServiceBusExceptions.fromHttpStatus(404, null, "op").getMessage())
                .isEqualTo("op: no detail [HTTP 404]");
    }

    @Test
    void theAmqpConditionForAnExistingEntityIsTheSameException() {
        assertThat(ServiceBusExceptions.fromCondition("com.microsoft:entity-already-exists", "exists", "add-rule"))
                .isInstanceOf(MessagingEntityAlreadyExistsException.class);
    }

    @Test
    void noAnswerIsATransientCommunicationErrorOrATimeout() {
        ServiceBusException refused = ServiceBusExceptions.httpFailure("http://h:1/q",
                new CompletionException(new ConnectException("Connection refused")), "Getting queue 'q'");
        assertThat(refused).isInstanceOf(ServiceBusCommunicationException.class)
                .hasMessage("Getting queue 'q': cannot reach http://h:1/q: Connection refused");
        assertThat(refused.isTransient()).isTrue();
        assertThat(ServiceBusExceptions.httpFailure("u", new HttpTimeoutException("t"), "op").getReason())
                .isEqualTo(ServiceBusFailureReason.SERVICE_TIMEOUT);
    }
}
