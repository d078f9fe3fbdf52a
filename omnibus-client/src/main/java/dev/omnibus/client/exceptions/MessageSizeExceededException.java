package dev.omnibus.client.exceptions;

/**
 * The message (or batch) is larger than the link's maximum message size. Not transient.
 */
public class MessageSizeExceededException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public MessageSizeExceededException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED, false, cause);
    }
}
