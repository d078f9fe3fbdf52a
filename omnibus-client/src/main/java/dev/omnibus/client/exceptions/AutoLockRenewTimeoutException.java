package dev.omnibus.client.exceptions;

/**
 * An {@code AutoLockRenewer} stopped renewing because the registration's maximum renewal duration elapsed. Not transient.
 */
public class AutoLockRenewTimeoutException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public AutoLockRenewTimeoutException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.AUTO_LOCK_RENEW_FAILED, false, cause);
    }
}
