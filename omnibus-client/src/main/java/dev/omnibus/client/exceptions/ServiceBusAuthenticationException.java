package dev.omnibus.client.exceptions;

/**
 * The service did not accept the client's identity: SASL failed or the token was rejected by {@code $cbs}. Not transient.
 */
public class ServiceBusAuthenticationException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public ServiceBusAuthenticationException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.UNAUTHORIZED, false, cause);
    }
}
