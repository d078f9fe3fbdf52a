package dev.omnibus.client.exceptions;

/**
 * The credentials are valid but lack the right (Send, Listen, Manage) the operation needs. Not transient.
 */
public class ServiceBusAuthorizationException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public ServiceBusAuthorizationException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.UNAUTHORIZED, false, cause);
    }
}
