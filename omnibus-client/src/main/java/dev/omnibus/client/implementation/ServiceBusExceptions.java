package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.client.exceptions.MessageLockLostException;
import dev.omnibus.client.exceptions.MessageNotFoundException;
import dev.omnibus.client.exceptions.MessageSizeExceededException;
import dev.omnibus.client.exceptions.MessagingEntityAlreadyExistsException;
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
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;

/**
 * The one place that turns what the service says into client exceptions: AMQP error conditions (on detach, end,
 * close and rejected outcomes), {@code $management} status codes with their {@code errorCondition}, {@code $cbs}
 * status codes, and the HTTP statuses of the management REST API. Whether an error is transient comes from the shared
 * catalogue, {@link ServiceBusError}; conditions the catalogue does not know are permanent general errors.
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
        return fromError(error, message, null);
    }

    /** The exception for a catalogue error; the one switch from catalogue entries to exception types. */
    private static ServiceBusException fromError(ServiceBusError error, String message, Throwable cause) {
        return switch (error) {
            case ENTITY_NOT_FOUND -> new MessagingEntityNotFoundException(message, cause);
            case ENTITY_ALREADY_EXISTS -> new MessagingEntityAlreadyExistsException(message, cause);
            case UNAUTHORIZED -> new ServiceBusAuthorizationException(message, cause);
            case QUOTA_EXCEEDED -> new ServiceBusQuotaExceededException(message, cause);
            case MESSAGE_SIZE_EXCEEDED -> new MessageSizeExceededException(message, cause);
            case DETACH_FORCED, CONNECTION_FORCED, FRAMING_ERROR -> new ServiceBusConnectionException(message, cause);
            case TIMEOUT -> new OperationTimeoutException(message, cause);
            case SERVER_BUSY -> new ServiceBusServerBusyException(message, cause);
            case ENTITY_DISABLED -> new MessagingEntityDisabledException(message, cause);
            case MESSAGE_LOCK_LOST -> new MessageLockLostException(message, cause);
            case SESSION_LOCK_LOST -> new SessionLockLostException(message, cause);
            case SESSION_CANNOT_BE_LOCKED -> new SessionCannotBeLockedException(message, cause);
            case MESSAGE_NOT_FOUND -> new MessageNotFoundException(message, cause);
            case NOT_ALLOWED, NOT_IMPLEMENTED, ILLEGAL_STATE -> new ServiceBusException(message,
                    ServiceBusFailureReason.INVALID_OPERATION, false, cause);
            default -> new ServiceBusException(message, ServiceBusFailureReason.GENERAL_ERROR, error.isTransient(),
                    cause);
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

    /**
     * The exception for a failed request to the management REST API (ATOM over HTTP). The status picks the
     * catalogue entry, as the official administration clients map it: 401 unauthorized, 403 quota exceeded (or an
     * invalid operation, {@code SubCode=40301}), 404 not found, 409 already exists (or a conflicting operation,
     * {@code SubCode=40901}), 408 and 504 timeouts, 429 and 503 busy, other 5xx internal errors; anything else is a
     * permanent general error carrying the service's detail.
     *
     * @param status the HTTP status
     * @param detail the service's explanation ({@code <Error><Detail>}), or null
     * @param operation what was being done, e.g. {@code "Creating queue 'orders'"}
     */
    public static ServiceBusException fromHttpStatus(int status, String detail, String operation) {
        String text = detail == null || detail.isBlank() ? "no detail" : detail.strip();
        String message = operation + ": " + text + " [HTTP " + status + "]";
        ServiceBusError error = switch (status) {
            case 400 -> ServiceBusError.ARGUMENT_ERROR;
            case 401 -> ServiceBusError.UNAUTHORIZED;
            case 403 -> text.contains("SubCode=40301") ? ServiceBusError.NOT_ALLOWED : ServiceBusError.QUOTA_EXCEEDED;
            case 404 -> ServiceBusError.ENTITY_NOT_FOUND;
            case 408, 504 -> ServiceBusError.TIMEOUT;
            case 409 -> text.contains("SubCode=40901") ? ServiceBusError.NOT_ALLOWED
                    : ServiceBusError.ENTITY_ALREADY_EXISTS;
            case 412 -> ServiceBusError.PRECONDITION_FAILED;
            case 429, 503 -> ServiceBusError.SERVER_BUSY;
            default -> status >= 500 ? ServiceBusError.INTERNAL_ERROR : null;
        };
        if (error == null) {
            return new ServiceBusException(message, ServiceBusFailureReason.GENERAL_ERROR, false, null);
        }
        return fromError(error, message, null);
    }

    /**
     * A management request that got no HTTP answer: the connection failed or the try timed out. Both are transient.
     *
     * @param endpoint the URL the request went to
     * @param failure what the HTTP client reported
     * @param operation what was being done
     */
    public static ServiceBusException httpFailure(String endpoint, Throwable failure, String operation) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ServiceBusException e) {
            return e;
        }
        if (cause instanceof HttpTimeoutException) {
            return new OperationTimeoutException(operation + ": " + endpoint + " did not answer in time", cause);
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ServiceBusCommunicationException(operation + ": cannot reach " + endpoint + ": " + reason, cause);
    }

    /**
     * The service answered with something the management API never sends (not XML, or not the expected shape).
     * Permanent: the same request gets the same answer.
     */
    public static ServiceBusException unexpectedAnswer(String operation, RuntimeException problem) {
        return new ServiceBusException(operation + ": unexpected answer from the service: " + problem.getMessage(),
                ServiceBusFailureReason.GENERAL_ERROR, false, problem);
    }

    /** SASL did not succeed. */
    public static ServiceBusException saslFailed(String detail) {
        return new ServiceBusAuthenticationException("SASL authentication failed: " + detail, null);
    }

    /** The connection (or a link on it) went away. */
    public static ServiceBusException connectionLost(String detail, Throwable cause) {
        return new ServiceBusConnectionException(detail, cause);
    }

    /**
     * A session receiver's link ended after it had locked its session: whatever ended it (the lock expired, the
     * connection dropped, the entity went away), the session's lock is gone with it, so it is reported as
     * {@link SessionLockLostException} (not transient: retrying cannot bring the lock back) with the original error
     * as the cause.
     *
     * @param sessionId the session the link held
     * @param cause why the link ended
     */
    public static ServiceBusException sessionLinkEnded(String sessionId, ServiceBusException cause) {
        if (cause instanceof SessionLockLostException) {
            return cause;
        }
        return new SessionLockLostException("The lock of session '" + sessionId + "' is lost: its link ended: "
                + cause.getMessage(), cause);
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
