package dev.omnibus.client.exceptions;

/**
 * No message (in the expected state) has the given sequence number. Not transient.
 */
public class MessageNotFoundException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public MessageNotFoundException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.MESSAGE_NOT_FOUND, false, cause);
    }
}
