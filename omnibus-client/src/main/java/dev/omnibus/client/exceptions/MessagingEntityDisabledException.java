package dev.omnibus.client.exceptions;

/**
 * The entity is disabled for this operation (Status Disabled, SendDisabled or ReceiveDisabled). Not transient.
 */
public class MessagingEntityDisabledException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public MessagingEntityDisabledException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.MESSAGING_ENTITY_DISABLED, false, cause);
    }
}
