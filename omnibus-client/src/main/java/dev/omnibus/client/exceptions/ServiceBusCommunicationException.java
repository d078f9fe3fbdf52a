package dev.omnibus.client.exceptions;

/**
 * The client could not reach the service: the host did not answer, refused the connection, or TLS or WebSocket negotiation failed. Transient.
 */
public class ServiceBusCommunicationException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public ServiceBusCommunicationException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.SERVICE_COMMUNICATION_ERROR, true, cause);
    }
}
