package dev.omnibus.amqp;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one error catalogue. Every error the broker reports, on any protocol, is one of these; the client maps
 * conditions back through {@link #fromCondition(String)}.
 *
 * <p>Each entry holds the AMQP condition symbol, the status code used in {@code $management} responses and
 * {@code $cbs}, the HTTP status of the management REST API, whether the official SDKs retry it, and a
 * description template worded as Service Bus words it (the SDKs classify some errors by their wording, e.g.
 * the Java SDK treats {@code amqp:not-found} as permanent only when the text says the messaging entity could
 * not be found).
 */
public enum ServiceBusError {
    ENTITY_NOT_FOUND("amqp:not-found", 404, 404, false,
            "The messaging entity '%s' could not be found. To know more visit https://aka.ms/sbResourceMgrExceptions."),
    UNAUTHORIZED("amqp:unauthorized-access", 401, 401, false, "Unauthorized access. %s"),
    QUOTA_EXCEEDED("amqp:resource-limit-exceeded", 403, 403, false, "%s"),
    NOT_ALLOWED("amqp:not-allowed", 400, 400, false, "%s"),
    NOT_IMPLEMENTED("amqp:not-implemented", 501, 501, false, "%s"),
    INTERNAL_ERROR("amqp:internal-error", 500, 500, true, "The service was unable to process the request: %s"),
    DECODE_ERROR("amqp:decode-error", 400, 400, false, "%s"),
    INVALID_FIELD("amqp:invalid-field", 400, 400, false, "%s"),
    ILLEGAL_STATE("amqp:illegal-state", 400, 400, false, "%s"),
    PRECONDITION_FAILED("amqp:precondition-failed", 412, 412, false, "%s"),
    MESSAGE_SIZE_EXCEEDED("amqp:link:message-size-exceeded", 413, 413, false,
            "The received message (size: %d bytes) exceeds the limit (%d bytes) currently allowed on the link."),
    /** Arguments: the link name, the code ({@code consumer(link3)}), the details (the idle timer's, for one). */
    DETACH_FORCED("amqp:link:detach-forced", 410, 410, true, "The link '%s' is force detached. Code: %s. Details: %s"),
    LINK_STOLEN("amqp:link:stolen", 410, 410, false, "%s"),
    CONNECTION_FORCED("amqp:connection:forced", 503, 503, true, "%s"),
    FRAMING_ERROR("amqp:connection:framing-error", 400, 400, true, "%s"),
    TIMEOUT("com.microsoft:timeout", 408, 408, true, "%s"),
    SERVER_BUSY("com.microsoft:server-busy", 503, 503, true, "%s"),
    ARGUMENT_ERROR("com.microsoft:argument-error", 400, 400, false, "%s"),
    ARGUMENT_OUT_OF_RANGE("com.microsoft:argument-out-of-range", 400, 400, false, "%s"),
    ENTITY_DISABLED("com.microsoft:entity-disabled", 400, 403, false,
            "Messaging entity '%s' is currently disabled. %s"),
    ENTITY_ALREADY_EXISTS("com.microsoft:entity-already-exists", 409, 409, false,
            "The messaging entity '%s' already exists."),
    MESSAGE_LOCK_LOST("com.microsoft:message-lock-lost", 410, 410, false,
            "The lock supplied is invalid. Either the lock expired, or the message has already been removed from "
                    + "the queue, or was received by a different receiver instance."),
    SESSION_LOCK_LOST("com.microsoft:session-lock-lost", 410, 410, false,
            "The session lock has expired on the MessageSession. Accept a new MessageSession."),
    SESSION_CANNOT_BE_LOCKED("com.microsoft:session-cannot-be-locked", 410, 410, false,
            "The requested session '%s' cannot be accepted. It may be locked by another receiver."),
    MESSAGE_NOT_FOUND("com.microsoft:message-not-found", 404, 404, false, "%s"),
    SESSION_NOT_FOUND("com.microsoft:session-not-found", 404, 404, false, "%s"),
    TRANSACTION_UNKNOWN_ID("amqp:transaction:unknown-id", 400, 400, false, "%s");

    private static final Map<String, ServiceBusError> BY_CONDITION = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ServiceBusError::condition, Function.identity()));

    private final String condition;
    private final int statusCode;
    private final int httpStatus;
    private final boolean transientError;
    private final String template;

    ServiceBusError(String condition, int statusCode, int httpStatus, boolean transientError, String template) {
        this.condition = condition;
        this.statusCode = statusCode;
        this.httpStatus = httpStatus;
        this.transientError = transientError;
        this.template = template;
    }

    /** The AMQP error condition symbol. */
    public String condition() {
        return condition;
    }

    /** The {@code statusCode} of a {@code $management} or {@code $cbs} response. */
    public int statusCode() {
        return statusCode;
    }

    /** The HTTP status of the management REST API. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the official SDKs retry this error. */
    public boolean isTransient() {
        return transientError;
    }

    /** The description template ({@link String#format} style). */
    public String template() {
        return template;
    }

    /** Formats the description with the template's arguments. */
    public String describe(Object... args) {
        return args.length == 0 && !template.contains("%") ? template : String.format(template, args);
    }

    /** The catalogue entry for a condition symbol, if the catalogue knows it. */
    public static Optional<ServiceBusError> fromCondition(String condition) {
        return Optional.ofNullable(condition == null ? null : BY_CONDITION.get(condition));
    }
}
