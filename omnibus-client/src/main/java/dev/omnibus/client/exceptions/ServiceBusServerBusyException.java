package dev.omnibus.client.exceptions;

/**
 * The service is busy and asks the client to back off. Transient.
 */
public class ServiceBusServerBusyException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public ServiceBusServerBusyException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.SERVICE_BUSY, true, cause);
    }
}
