package dev.omnibus.client.exceptions;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a Service Bus operation failed. An expandable enumeration: well-known reasons are constants, and
 * {@link #fromString(String)} returns (and remembers) a new value for a reason this client version does not know,
 * so a new reason from the service never breaks an older client.
 */
public final class ServiceBusFailureReason {
    private static final Map<String, ServiceBusFailureReason> VALUES = new ConcurrentHashMap<>();

    /** The messaging entity (queue, topic, subscription) does not exist. */
    public static final ServiceBusFailureReason MESSAGING_ENTITY_NOT_FOUND = fromString("MessagingEntityNotFound");
    /** A messaging entity (queue, topic, subscription, rule) with that name exists already. */
    public static final ServiceBusFailureReason MESSAGING_ENTITY_ALREADY_EXISTS =
            fromString("MessagingEntityAlreadyExists");
    /** The messaging entity is disabled. */
    public static final ServiceBusFailureReason MESSAGING_ENTITY_DISABLED = fromString("MessagingEntityDisabled");
    /** The message is larger than the link allows. */
    public static final ServiceBusFailureReason MESSAGE_SIZE_EXCEEDED = fromString("MessageSizeExceeded");
    /** The lock on the message was lost: it expired, or the message was received by another receiver. */
    public static final ServiceBusFailureReason MESSAGE_LOCK_LOST = fromString("MessageLockLost");
    /** The message was already settled (completed, abandoned, deferred, dead-lettered) or received pre-settled. */
    public static final ServiceBusFailureReason MESSAGE_ALREADY_SETTLED = fromString("MessageAlreadySettled");
    /** The lock on the session was lost. */
    public static final ServiceBusFailureReason SESSION_LOCK_LOST = fromString("SessionLockLost");
    /** The requested session cannot be locked: another receiver holds it. */
    public static final ServiceBusFailureReason SESSION_CANNOT_BE_LOCKED = fromString("SessionCannotBeLocked");
    /** No message has the requested sequence number (or it is not in the expected state). */
    public static final ServiceBusFailureReason MESSAGE_NOT_FOUND = fromString("MessageNotFound");
    /** A namespace or entity quota was exceeded. */
    public static final ServiceBusFailureReason QUOTA_EXCEEDED = fromString("QuotaExceeded");
    /** The service is busy; the operation may succeed later. */
    public static final ServiceBusFailureReason SERVICE_BUSY = fromString("ServiceBusy");
    /** The operation did not complete in time, on the client or in the service. */
    public static final ServiceBusFailureReason SERVICE_TIMEOUT = fromString("ServiceTimeout");
    /** The connection to the service failed or was closed. */
    public static final ServiceBusFailureReason SERVICE_COMMUNICATION_ERROR = fromString("ServiceCommunicationError");
    /** The credentials were not accepted. */
    public static final ServiceBusFailureReason UNAUTHORIZED = fromString("Unauthorized");
    /** The operation is not valid in the entity's or the client's current state. */
    public static final ServiceBusFailureReason INVALID_OPERATION = fromString("InvalidOperation");
    /** Lock renewal by an {@code AutoLockRenewer} failed or ran out of time. */
    public static final ServiceBusFailureReason AUTO_LOCK_RENEW_FAILED = fromString("AutoLockRenewFailed");
    /** Any other error. */
    public static final ServiceBusFailureReason GENERAL_ERROR = fromString("GeneralError");

    private final String name;

    private ServiceBusFailureReason(String name) {
        this.name = name;
    }

    /**
     * The reason with the given name, created on first use.
     *
     * @param name the reason's name, e.g. {@code MessageLockLost}
     * @return the reason; the same instance for names that differ only in case
     * @throws NullPointerException if {@code name} is null
     */
    public static ServiceBusFailureReason fromString(String name) {
        Objects.requireNonNull(name, "name");
        return VALUES.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ServiceBusFailureReason(name));
    }

    /** @return the reason's name */
    @Override
    public String toString() {
        return name;
    }
}
