package dev.omnibus.core;

import dev.omnibus.amqp.ServiceBusError;
import java.util.Objects;

/** An operation failed with an error from the catalogue; {@link #getMessage()} is the wire description. */
public final class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ServiceBusError error;

    public BrokerException(ServiceBusError error, String description) {
        super(description, null, false, false);
        this.error = Objects.requireNonNull(error);
    }

    public BrokerException(ServiceBusError error, String description, Throwable cause) {
        super(description, cause, false, false);
        this.error = Objects.requireNonNull(error);
    }

    /** Builds the exception with the catalogue's own wording. */
    public static BrokerException of(ServiceBusError error, Object... args) {
        return new BrokerException(error, error.describe(args));
    }

    public ServiceBusError error() {
        return error;
    }

    /** The BrokerException inside a completion exception, or an internal error wrapping anything else. */
    public static BrokerException unwrap(Throwable t) {
        Throwable cause = t;
        while (cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) {
            if (cause.getCause() == null) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof BrokerException be) {
            return be;
        }
        return new BrokerException(ServiceBusError.INTERNAL_ERROR,
                ServiceBusError.INTERNAL_ERROR.describe(String.valueOf(cause)), cause);
    }
}
