package dev.omnibus.client.models;

import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.implementation.BrokerProperties;
import dev.omnibus.client.implementation.ModelAccess;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A message as received or peeked: what the sender set, plus what the broker stamped on it (sequence number,
 * enqueued time, lock, delivery count, state, dead-letter information).
 *
 * <p>Thread-safe: the content is immutable; the lock expiry, settlement flag and auto-renew error change as the
 * receiver and an {@code AutoLockRenewer} work on the message and are published safely.
 */
public final class ServiceBusReceivedMessage {
    static {
        ModelAccess.register(new Access());
    }

    private final ServiceBusMessage content;
    private final Map<String, Object> applicationProperties;
    private final BrokerProperties broker;
    private final Object handle;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile OffsetDateTime lockedUntil;
    private volatile ServiceBusException autoRenewError;

    private ServiceBusReceivedMessage(ServiceBusMessage content, BrokerProperties broker, Object handle) {
        this.content = content;
        this.applicationProperties = Collections.unmodifiableMap(content.getApplicationProperties());
        this.broker = broker;
        this.handle = handle;
        this.lockedUntil = broker.lockedUntil();
    }

    /** @return the body; a shared array, do not change it */
    public byte[] getBody() {
        return content.getBody();
    }

    /** @return the body decoded as UTF-8 */
    public String getBodyAsString() {
        return content.getBodyAsString();
    }

    /** @return the message id, or null */
    public String getMessageId() {
        return content.getMessageId();
    }

    /** @return the content type, or null */
    public String getContentType() {
        return content.getContentType();
    }

    /** @return the correlation id, or null */
    public String getCorrelationId() {
        return content.getCorrelationId();
    }

    /** @return the subject (label), or null */
    public String getSubject() {
        return content.getSubject();
    }

    /** @return the "to" address, or null */
    public String getTo() {
        return content.getTo();
    }

    /** @return the reply-to address, or null */
    public String getReplyTo() {
        return content.getReplyTo();
    }

    /** @return the reply-to session id, or null */
    public String getReplyToSessionId() {
        return content.getReplyToSessionId();
    }

    /** @return the session id, or null */
    public String getSessionId() {
        return content.getSessionId();
    }

    /** @return the partition key, or null */
    public String getPartitionKey() {
        return content.getPartitionKey();
    }

    /** @return the time to live the message was enqueued with, or null */
    public java.time.Duration getTimeToLive() {
        return content.getTimeToLive();
    }

    /** @return the scheduled enqueue time, or null if the message was not scheduled */
    public OffsetDateTime getScheduledEnqueueTime() {
        return content.getScheduledEnqueueTime();
    }

    /** @return the application properties, read-only */
    public Map<String, Object> getApplicationProperties() {
        return applicationProperties;
    }

    /** @return the sequence number the broker assigned: unique and increasing within the entity */
    public long getSequenceNumber() {
        return broker.sequenceNumber();
    }

    /** @return when the broker accepted the message, or null if it did not say */
    public OffsetDateTime getEnqueuedTime() {
        return broker.enqueuedTime();
    }

    /** @return the original sequence number of an auto-forwarded message, or 0 */
    public long getEnqueuedSequenceNumber() {
        return broker.enqueuedSequenceNumber();
    }

    /** @return when the message expires ({@link #getEnqueuedTime()} + {@link #getTimeToLive()}), or null */
    public OffsetDateTime getExpiresAt() {
        OffsetDateTime enqueued = broker.enqueuedTime();
        java.time.Duration ttl = content.getTimeToLive();
        return enqueued == null || ttl == null ? null : enqueued.plus(ttl);
    }

    /** @return how many times the message was delivered before this delivery (0 on the first) */
    public long getDeliveryCount() {
        return broker.deliveryCount();
    }

    /** @return the lock token, or null for peeked messages and RECEIVE_AND_DELETE deliveries */
    public String getLockToken() {
        UUID token = broker.lockToken();
        return token == null ? null : token.toString();
    }

    /** @return when the lock expires; updated when the lock is renewed; null when there is no lock */
    public OffsetDateTime getLockedUntil() {
        return lockedUntil;
    }

    /** @return the state in the entity: active, deferred or scheduled */
    public ServiceBusMessageState getState() {
        return broker.state();
    }

    /** @return the entity a dead-lettered message came from, if it was forwarded, or null */
    public String getDeadLetterSource() {
        return broker.deadLetterSource();
    }

    /** @return why the message was dead-lettered, or null */
    public String getDeadLetterReason() {
        Object reason = applicationProperties.get("DeadLetterReason");
        return reason == null ? null : reason.toString();
    }

    /** @return the description given when the message was dead-lettered, or null */
    public String getDeadLetterErrorDescription() {
        Object description = applicationProperties.get("DeadLetterErrorDescription");
        return description == null ? null : description.toString();
    }

    /**
     * Why an {@code AutoLockRenewer} (or a processor's lock renewal) stopped renewing this message's lock: an
     * {@code AutoLockRenewFailedException} or an {@code AutoLockRenewTimeoutException}.
     *
     * @return the error, or null while renewal works or was never registered
     */
    public ServiceBusException getAutoRenewError() {
        return autoRenewError;
    }

    /** @return whether this client has settled the message (or received it pre-settled) */
    public boolean isSettled() {
        return settled.get();
    }

    @Override
    public String toString() {
        return "ServiceBusReceivedMessage{sequenceNumber=" + broker.sequenceNumber() + ", messageId="
                + content.getMessageId() + ", deliveryCount=" + broker.deliveryCount() + ", state=" + broker.state()
                + "}";
    }

    private static final class Access implements ModelAccess.ReceivedAccess {
        @Override
        public ServiceBusReceivedMessage create(ServiceBusMessage content, BrokerProperties broker, Object handle) {
            return new ServiceBusReceivedMessage(content, broker, handle);
        }

        @Override
        public Object handle(ServiceBusReceivedMessage message) {
            return message.handle;
        }

        @Override
        public void setLockedUntil(ServiceBusReceivedMessage message, OffsetDateTime lockedUntil) {
            message.lockedUntil = lockedUntil;
        }

        @Override
        public boolean markSettled(ServiceBusReceivedMessage message) {
            return message.settled.compareAndSet(false, true);
        }

        @Override
        public void clearSettled(ServiceBusReceivedMessage message) {
            message.settled.set(false);
        }

        @Override
        public void setAutoRenewError(ServiceBusReceivedMessage message, ServiceBusException error) {
            message.autoRenewError = error;
        }
    }
}
