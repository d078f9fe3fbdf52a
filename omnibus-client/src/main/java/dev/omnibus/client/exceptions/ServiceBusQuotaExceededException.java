package dev.omnibus.client.exceptions;

/**
 * A quota was exceeded: the entity is full, or there are too many connections or links. Not transient.
 */
public class ServiceBusQuotaExceededException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public ServiceBusQuotaExceededException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.QUOTA_EXCEEDED, false, cause);
    }
}
