package dev.omnibus.client.exceptions;

/**
 * The message's lock expired or was lost (for example when its receive link closed); the message will be delivered again. Not transient.
 */
public class MessageLockLostException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public MessageLockLostException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.MESSAGE_LOCK_LOST, false, cause);
    }
}
