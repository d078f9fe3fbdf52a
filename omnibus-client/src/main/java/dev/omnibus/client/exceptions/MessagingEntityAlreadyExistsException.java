package dev.omnibus.client.exceptions;

/**
 * A queue, topic, subscription or rule with that name exists already (HTTP 409 from the management API, or
 * {@code com.microsoft:entity-already-exists}). Not transient.
 */
public class MessagingEntityAlreadyExistsException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public MessagingEntityAlreadyExistsException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.MESSAGING_ENTITY_ALREADY_EXISTS, false, cause);
    }
}
