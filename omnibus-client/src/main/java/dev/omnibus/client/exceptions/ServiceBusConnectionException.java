package dev.omnibus.client.exceptions;

/**
 * An established connection or link was closed by the service or lost (for example when the server restarts). Transient: the client reconnects.
 */
public class ServiceBusConnectionException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public ServiceBusConnectionException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.SERVICE_COMMUNICATION_ERROR, true, cause);
    }
}
