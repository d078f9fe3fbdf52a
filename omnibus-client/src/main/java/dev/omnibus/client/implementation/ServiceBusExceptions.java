package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.client.exceptions.MessageLockLostException;
import dev.omnibus.client.exceptions.MessageNotFoundException;
import dev.omnibus.client.exceptions.MessageSizeExceededException;
import dev.omnibus.client.exceptions.MessagingEntityDisabledException;
import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.exceptions.OperationTimeoutException;
import dev.omnibus.client.exceptions.ServiceBusAuthenticationException;
import dev.omnibus.client.exceptions.ServiceBusAuthorizationException;
import dev.omnibus.client.exceptions.ServiceBusCommunicationException;
import dev.omnibus.client.exceptions.ServiceBusConnectionException;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import dev.omnibus.client.exceptions.ServiceBusQuotaExceededException;
import dev.omnibus.client.exceptions.ServiceBusServerBusyException;
import dev.omnibus.client.exceptions.SessionCannotBeLockedException;
import dev.omnibus.client.exceptions.SessionLockLostException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;

/**
 * The one place that turns what the service says into client exceptions: AMQP error conditions (on detach, end,
 * close and rejected outcomes), {@code $management} status codes with their {@code errorCondition}, and
 * {@code $cbs} status codes. Whether an error is transient comes from the shared catalogue,
 * {@link ServiceBusError}; conditions the catalogue does not know are permanent general errors.
 */
public final class ServiceBusExceptions {
    /** Low-level I/O errors proton reports with this condition; always worth a reconnect. */
    private static final String PROTON_IO = "proton:io";

    private ServiceBusExceptions() {
    }

    /** The exception for an AMQP error condition; {@code context} says what was being done. */
    public static ServiceBusException fromCondition(ErrorCondition error, String context) {
        if (error == null || error.getCondition() == null) {
            return new ServiceBusConnectionException(context + ": closed by the service without an error", null);
        }
        return fromCondition(error.getCondition().toString(), error.getDescription(), context);
    }

    /** The exception for an AMQP condition symbol and its description. */
    public static ServiceBusException fromCondition(String condition, String description, String context) {
        String message = context + ": " + (description == null || description.isEmpty() ? condition
                : description + " [" + condition + "]");
        if (PROTON_IO.equals(condition)) {
            return new ServiceBusConnectionException(message, null);
        }
        ServiceBusError error = ServiceBusError.fromCondition(condition).orElse(null);
        if (error == null) {
            return new ServiceBusException(message, ServiceBusFailureReason.GENERAL_ERROR, false, null);
        }
        return switch (error) {
            case ENTITY_NOT_FOUND -> new MessagingEntityNotFoundException(message, null);
            case UNAUTHORIZED -> new ServiceBusAuthorizationException(message, null);
            case QUOTA_EXCEEDED -> new ServiceBusQuotaExceededException(message, null);
            case MESSAGE_SIZE_EXCEEDED -> new MessageSizeExceededException(message, null);
            case DETACH_FORCED, CONNECTION_FORCED, FRAMING_ERROR -> new ServiceBusConnectionException(message, null);
            case TIMEOUT -> new OperationTimeoutException(message, null);
            case SERVER_BUSY -> new ServiceBusServerBusyException(message, null);
            case ENTITY_DISABLED -> new MessagingEntityDisabledException(message, null);
            case MESSAGE_LOCK_LOST -> new MessageLockLostException(message, null);
            case SESSION_LOCK_LOST -> new SessionLockLostException(message, null);
            case SESSION_CANNOT_BE_LOCKED -> new SessionCannotBeLockedException(message, null);
            case MESSAGE_NOT_FOUND -> new MessageNotFoundException(message, null);
            case NOT_ALLOWED, NOT_IMPLEMENTED, ILLEGAL_STATE -> new ServiceBusException(message,
                    ServiceBusFailureReason.INVALID_OPERATION, false, null);
            default -> new ServiceBusException(message, ServiceBusFailureReason.GENERAL_ERROR, error.isTransient(),
                    null);
        };
    }

    /**
     * The exception for a failed {@code $management} response: the condition decides when present, else the
     * status code's catalogue entry.
     */
    public static ServiceBusException fromManagementStatus(int status, String condition, String description,
                                                           String operation) {
        if (condition != null) {
            return fromCondition(condition, description, operation);
        }
        String fallback = switch (status) {
            case 401 -> ServiceBusError.UNAUTHORIZED.condition();
            case 404 -> ServiceBusError.ENTITY_NOT_FOUND.condition();
            case 408 -> ServiceBusError.TIMEOUT.condition();
            case 410 -> ServiceBusError.MESSAGE_LOCK_LOST.condition();
            case 500 -> ServiceBusError.INTERNAL_ERROR.condition();
            case 503 -> ServiceBusError.SERVER_BUSY.condition();
            default -> "status-" + status;
        };
        return fromCondition(fallback, description == null ? "status " + status : description, operation);
    }

    /** The exception for a failed {@code $cbs} put-token: the token itself was refused (401) or the entity is unknown. */
    public static ServiceBusException fromCbsStatus(int status, String description, String audience) {
        String message = "Authorising " + audience + " failed: " + status + " " + description;
        return switch (status) {
            case 401 -> new ServiceBusAuthenticationException(message, null);
            case 403 -> new ServiceBusAuthorizationException(message, null);
            case 404 -> new MessagingEntityNotFoundException(message, null);
            default -> fromManagementStatus(status, null, description, "put-token for " + audience);
        };
    }

    /** SASL did not succeed. */
    public static ServiceBusException saslFailed(String detail) {
        return new ServiceBusAuthenticationException("SASL authentication failed: " + detail, null);
    }

    /** The connection (or a link on it) went away. */
    public static ServiceBusException connectionLost(String detail, Throwable cause) {
        return new ServiceBusConnectionException(detail, cause);
    }

    /** The service could not be reached at all. */
    public static ServiceBusException unreachable(String endpoint, Throwable cause) {
        return new ServiceBusCommunicationException("Cannot reach " + endpoint + ": " + cause, cause);
    }

    /** An operation's try timeout elapsed. */
    public static ServiceBusException timeout(String operation, java.time.Duration timeout) {
        return new OperationTimeoutException(operation + " did not complete within " + timeout, null);
    }

    /**
     * The {@link ServiceBusException} behind a failure from a future, or a wrapper for anything else. Programming
     * errors ({@link IllegalArgumentException}, {@link IllegalStateException}, {@link NullPointerException}) pass
     * through unchanged.
     */
    public static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ServiceBusException e) {
            return e;
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                || cause instanceof NullPointerException || cause instanceof UnsupportedOperationException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof CancellationException) {
            return new ServiceBusException("The operation was cancelled", ServiceBusFailureReason.GENERAL_ERROR,
                    false, cause);
        }
        return new ServiceBusException(String.valueOf(cause), ServiceBusFailureReason.GENERAL_ERROR, false, cause);
    }

    /** Whether retrying the failed operation may succeed. */
    public static boolean isTransient(Throwable failure) {
        return unwrap(failure) instanceof ServiceBusException e && e.isTransient();
    }
}
