package dev.omnibus.core.filter;

import dev.omnibus.core.IncomingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link Filterable} over an {@link IncomingMessage} and what the broker knows about it at routing time. One view
 * serves every subscription of a topic for one message: it allocates nothing per property read except a box for the
 * numeric broker values, and answers each system property from a field.
 *
 * <p>Properties that only exist for a stored or locked message ({@code LockToken}, {@code LockedUntilUtc},
 * {@code State}, {@code DeadLetterSource}, {@code EnqueuedSequenceNumber}, {@code ViaPartitionKey},
 * {@code ForcePersistence}) read as null, which a filter sees as unknown.
 */
public final class IncomingMessageView implements Filterable {
    private final IncomingMessage message;
    private final long sequenceNumber;
    private final long enqueuedTimeMillis;
    private final int deliveryCount;
    private final long size;
    private final Duration timeToLive;

    /**
     * Creates the view.
     *
     * @param message the message as sent
     * @param sequenceNumber the sequence number the topic assigned
     * @param enqueuedTimeMillis when the topic accepted it, epoch millis
     * @param deliveryCount deliveries so far (0 while routing)
     * @param size the size counted against quotas, in bytes
     * @param timeToLive the effective time-to-live (the message's or the entity's default), or null when unlimited
     */
    public IncomingMessageView(IncomingMessage message, long sequenceNumber, long enqueuedTimeMillis,
                               int deliveryCount, long size, Duration timeToLive) {
        this.message = Objects.requireNonNull(message, "message");
        this.sequenceNumber = sequenceNumber;
        this.enqueuedTimeMillis = enqueuedTimeMillis;
        this.deliveryCount = deliveryCount;
        this.size = size;
        this.timeToLive = timeToLive;
    }

    /**
     * A view with the usual routing-time values: delivery count 0, the payload's size and the message's own TTL.
     *
     * @param message the message as sent
     * @param sequenceNumber the sequence number the topic assigned
     * @param enqueuedTimeMillis when the topic accepted it, epoch millis
     * @return the view
     */
    public static IncomingMessageView of(IncomingMessage message, long sequenceNumber, long enqueuedTimeMillis) {
        return new IncomingMessageView(message, sequenceNumber, enqueuedTimeMillis, 0, message.size(),
                message.timeToLive());
    }

    /** The message the view reads. */
    public IncomingMessage message() {
        return message;
    }

    @Override
    public Object systemProperty(SystemProperty property) {
        switch (property) {
            case MESSAGE_ID:
                return message.messageId();
            case CORRELATION_ID:
                return message.correlationId();
            case LABEL:
                return message.subject();
            case TO:
                return message.to();
            case REPLY_TO:
                return message.replyTo();
            case SESSION_ID:
                return message.sessionId();
            case REPLY_TO_SESSION_ID:
                return message.replyToSessionId();
            case CONTENT_TYPE:
                return message.contentType();
            case PARTITION_KEY:
                return message.partitionKey();
            case TIME_TO_LIVE:
                return timeToLive;
            case SCHEDULED_ENQUEUE_TIME_UTC:
                return message.scheduledEnqueueTime();
            case DELIVERY_COUNT:
                return deliveryCount;
            case SEQUENCE_NUMBER:
                return sequenceNumber;
            case ENQUEUED_TIME_UTC:
                return Instant.ofEpochMilli(enqueuedTimeMillis);
            case EXPIRES_AT_UTC:
                return expiresAt();
            case SIZE:
                return size;
            default:
                return null;
        }
    }

    @Override
    public Object userProperty(String name) {
        return PropertyMaps.get(message.applicationProperties(), name);
    }

    @Override
    public boolean hasUserProperty(String name) {
        return PropertyMaps.contains(message.applicationProperties(), name);
    }

    /** Enqueued time plus TTL, capped at the largest instant; null without a TTL. */
    private Instant expiresAt() {
        if (timeToLive == null) {
            return null;
        }
        Instant enqueued = Instant.ofEpochMilli(enqueuedTimeMillis);
        try {
            return enqueued.plus(timeToLive);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MAX;
        }
    }
}
