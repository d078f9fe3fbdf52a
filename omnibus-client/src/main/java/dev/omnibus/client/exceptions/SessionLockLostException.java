package dev.omnibus.client.exceptions;

/**
 * The session's lock expired or was lost. Not transient.
 */
public class SessionLockLostException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public SessionLockLostException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.SESSION_LOCK_LOST, false, cause);
    }
}
