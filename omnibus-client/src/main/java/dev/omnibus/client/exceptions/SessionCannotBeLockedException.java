package dev.omnibus.client.exceptions;

/**
 * The requested session is locked by another receiver. Not transient.
 */
public class SessionCannotBeLockedException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public SessionCannotBeLockedException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.SESSION_CANNOT_BE_LOCKED, false, cause);
    }
}
