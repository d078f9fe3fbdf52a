package dev.omnibus.client.exceptions;

/**
 * The operation did not complete in time: the client's try timeout elapsed, or the service reported
 * {@code com.microsoft:timeout}. Transient.
 */
public class OperationTimeoutException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what timed out
     * @param cause the underlying error, or null
     */
    public OperationTimeoutException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.SERVICE_TIMEOUT, true, cause);
    }
}
