package dev.omnibus.client.exceptions;

/**
 * An {@code AutoLockRenewer} could not renew a lock; the cause says why. Not transient.
 */
public class AutoLockRenewFailedException extends ServiceBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public AutoLockRenewFailedException(String message, Throwable cause) {
        super(message, ServiceBusFailureReason.AUTO_LOCK_RENEW_FAILED, false, cause);
    }
}
