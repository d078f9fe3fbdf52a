package dev.omnibus.client.exceptions;

import java.util.Objects;

/**
 * The root of every error the Omnibus client reports. Unchecked, like every exception of this client.
 *
 * <p>{@link #getReason()} says what went wrong in Service Bus terms; {@link #isTransient()} says whether trying
 * the same operation again may succeed. The client already retried transient errors as its retry options allow
 * before reporting one.
 */
public class ServiceBusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ServiceBusFailureReason reason;
    private final boolean transientError;

    /**
     * Creates an exception.
     *
     * @param message what failed
     * @param reason why it failed
     * @param transientError whether retrying may succeed
     * @param cause the underlying error, or null
     * @throws NullPointerException if {@code reason} is null
     */
    public ServiceBusException(String message, ServiceBusFailureReason reason, boolean transientError,
                               Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.transientError = transientError;
    }

    /** @return why the operation failed */
    public ServiceBusFailureReason getReason() {
        return reason;
    }

    /** @return whether trying the operation again may succeed */
    public boolean isTransient() {
        return transientError;
    }
}
