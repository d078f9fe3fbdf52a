package dev.omnibus.core.filter;

/**
 * A filter or rule action failed while it evaluated a message: an integer division by zero, an operator applied to
 * types C# has no operator for, a LIKE pattern that is not a string, and the like.
 *
 * <p>The broker dead-letters the subscription's copy when the subscription has
 * {@code DeadLetteringOnFilterEvaluationExceptions} enabled, and drops it otherwise. Service Bus records the
 * exception's type name as the {@code DeadLetterReason} and its message as the {@code DeadLetterErrorDescription}
 * (doc "Service Bus dead-letter queues"); {@link #DEAD_LETTER_REASON} is the .NET type the docs name for
 * filter errors.
 */
public final class FilterEvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * The {@code DeadLetterReason} for a copy dead-lettered because of this exception. The docs name
     * {@code FilterException} as what filter evaluation throws; the exact reason text of the cloud is unverified.
     */
    public static final String DEAD_LETTER_REASON = "FilterException";

    /**
     * Creates the exception.
     *
     * @param message what failed, worded for the dead-letter description
     */
    public FilterEvaluationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the JDK exception that revealed the failure.
     *
     * @param message what failed, worded for the dead-letter description
     * @param cause the underlying exception
     */
    public FilterEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
