package dev.omnibus.client.exceptions;

/**
 * The queue, topic or subscription does not exist. Not transient.
 */
public class MessagingEntityNotFoundException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public MessagingEntityNotFoundException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND, false, cause);
    }
}
