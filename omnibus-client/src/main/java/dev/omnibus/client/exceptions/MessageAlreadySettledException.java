package dev.omnibus.client.exceptions;

/**
 * The message was already settled by this client, or was received in RECEIVE_AND_DELETE mode and cannot be settled. Not transient.
 */
public class MessageAlreadySettledException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public MessageAlreadySettledException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.MESSAGE_ALREADY_SETTLED, false, cause);
    }
}
