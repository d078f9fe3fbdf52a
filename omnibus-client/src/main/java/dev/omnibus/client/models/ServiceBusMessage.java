package dev.omnibus.client.models;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send. The body is bytes (a String body is sent as its UTF-8 bytes); every system property Service
 * Bus knows can be set, plus application properties. Setters return {@code this} so a message can be built in one
 * expression:
 *
 * <pre>{@code
 * ServiceBusMessage message = new ServiceBusMessage("{\"id\": 42}")
 *         .setContentType("application/json")
 *         .setMessageId("order-42")
 *         .setTimeToLive(Duration.ofMinutes(5));
 * message.getApplicationProperties().put("priority", 1);
 * }</pre>
 *
 * <p>Not thread-safe: build it on one thread, then send it.
 */
public class ServiceBusMessage {
    /** Service Bus limits message ids, session ids and partition keys to 128 characters. */
    private static final int MAX_ID_LENGTH = 128;

    private byte[] body;
    private String messageId;
    private String contentType;
    private String correlationId;
    private String subject;
    private String to;
    private String replyTo;
    private String replyToSessionId;
    private String sessionId;
    private String partitionKey;
    private Duration timeToLive;
    private OffsetDateTime scheduledEnqueueTime;
    private final Map<String, Object> applicationProperties = new LinkedHashMap<>();

    /**
     * A message whose body is the UTF-8 encoding of {@code body}.
     *
     * @param body the body text
     * @throws NullPointerException if {@code body} is null
     */
    public ServiceBusMessage(String body) {
        this(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A message with the given body bytes. The array is not copied: do not change it afterwards.
     *
     * @param body the body
     * @throws NullPointerException if {@code body} is null
     */
    public ServiceBusMessage(byte[] body) {
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * A copy of a received message, to send it again (for example from a dead-letter queue back to its queue).
     * Copies the body, the settable system properties and the application properties, except the dead-letter
     * reason and description; broker-set properties (sequence number, lock, ...) are not copied.
     *
     * @param received the message to copy
     * @throws NullPointerException if {@code received} is null
     */
    public ServiceBusMessage(ServiceBusReceivedMessage received) {
        this(Objects.requireNonNull(received, "received").getBody().clone());
        this.messageId = received.getMessageId();
        this.contentType = received.getContentType();
        this.correlationId = received.getCorrelationId();
        this.subject = received.getSubject();
        this.to = received.getTo();
        this.replyTo = received.getReplyTo();
        this.replyToSessionId = received.getReplyToSessionId();
        this.sessionId = received.getSessionId();
        this.partitionKey = received.getPartitionKey();
        this.timeToLive = received.getTimeToLive();
        this.applicationProperties.putAll(received.getApplicationProperties());
        this.applicationProperties.remove("DeadLetterReason");
        this.applicationProperties.remove("DeadLetterErrorDescription");
    }

    /** @return the body; the array itself, not a copy */
    public byte[] getBody() {
        return body;
    }

    /** @return the body decoded as UTF-8 */
    public String getBodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Replaces the body. The array is not copied.
     *
     * @param body the new body
     * @return this message
     * @throws NullPointerException if {@code body} is null
     */
    public ServiceBusMessage setBody(byte[] body) {
        this.body = Objects.requireNonNull(body, "body");
        return this;
    }

    /** @return the message id ({@code properties.message-id}), used for duplicate detection; null if unset */
    public String getMessageId() {
        return messageId;
    }

    /**
     * Sets the message id.
     *
     * @param messageId at most 128 characters, or null
     * @return this message
     * @throws IllegalArgumentException if longer than 128 characters
     */
    public ServiceBusMessage setMessageId(String messageId) {
        this.messageId = checkLength(messageId, "messageId");
        return this;
    }

    /** @return the content type ({@code properties.content-type}), or null */
    public String getContentType() {
        return contentType;
    }

    /**
     * Sets the content type, e.g. {@code application/json}.
     *
     * @param contentType the MIME type, or null
     * @return this message
     */
    public ServiceBusMessage setContentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    /** @return the correlation id ({@code properties.correlation-id}), or null */
    public String getCorrelationId() {
        return correlationId;
    }

    /**
     * Sets the correlation id.
     *
     * @param correlationId the id, or null
     * @return this message
     */
    public ServiceBusMessage setCorrelationId(String correlationId) {
        this.correlationId = correlationId;
        return this;
    }

    /** @return the subject, called label in older SDKs ({@code properties.subject}), or null */
    public String getSubject() {
        return subject;
    }

    /**
     * Sets the subject (label).
     *
     * @param subject the subject, or null
     * @return this message
     */
    public ServiceBusMessage setSubject(String subject) {
        this.subject = subject;
        return this;
    }

    /** @return the "to" address ({@code properties.to}), or null */
    public String getTo() {
        return to;
    }

    /**
     * Sets the "to" address, for the application's own routing.
     *
     * @param to the address, or null
     * @return this message
     */
    public ServiceBusMessage setTo(String to) {
        this.to = to;
        return this;
    }

    /** @return the reply-to address ({@code properties.reply-to}), or null */
    public String getReplyTo() {
        return replyTo;
    }

    /**
     * Sets the address replies should go to.
     *
     * @param replyTo the address, or null
     * @return this message
     */
    public ServiceBusMessage setReplyTo(String replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    /** @return the session replies should use ({@code properties.reply-to-group-id}), or null */
    public String getReplyToSessionId() {
        return replyToSessionId;
    }

    /**
     * Sets the session replies should use.
     *
     * @param replyToSessionId at most 128 characters, or null
     * @return this message
     * @throws IllegalArgumentException if longer than 128 characters
     */
    public ServiceBusMessage setReplyToSessionId(String replyToSessionId) {
        this.replyToSessionId = checkLength(replyToSessionId, "replyToSessionId");
        return this;
    }

    /** @return the session id ({@code properties.group-id}), or null */
    public String getSessionId() {
        return sessionId;
    }

    /**
     * Sets the session id; required for session-enabled entities.
     *
     * @param sessionId at most 128 characters, or null
     * @return this message
     * @throws IllegalArgumentException if longer than 128 characters, or if a different partition key is set
     */
    public ServiceBusMessage setSessionId(String sessionId) {
        checkLength(sessionId, "sessionId");
        if (sessionId != null && partitionKey != null && !partitionKey.equals(sessionId)) {
            throw new IllegalArgumentException("sessionId must equal partitionKey when both are set");
        }
        this.sessionId = sessionId;
        return this;
    }

    /** @return the partition key ({@code x-opt-partition-key}), or null */
    public String getPartitionKey() {
        return partitionKey;
    }

    /**
     * Sets the partition key, for partitioned entities.
     *
     * @param partitionKey at most 128 characters, or null
     * @return this message
     * @throws IllegalArgumentException if longer than 128 characters, or if a different session id is set
     */
    public ServiceBusMessage setPartitionKey(String partitionKey) {
        checkLength(partitionKey, "partitionKey");
        if (partitionKey != null && sessionId != null && !sessionId.equals(partitionKey)) {
            throw new IllegalArgumentException("partitionKey must equal sessionId when both are set");
        }
        this.partitionKey = partitionKey;
        return this;
    }

    /** @return the time to live ({@code header.ttl}), or null for the entity's default */
    public Duration getTimeToLive() {
        return timeToLive;
    }

    /**
     * Sets how long the message lives after it is enqueued. The entity's default applies when it is shorter.
     *
     * @param timeToLive a positive duration, or null for the entity's default
     * @return this message
     * @throws IllegalArgumentException if zero or negative
     */
    public ServiceBusMessage setTimeToLive(Duration timeToLive) {
        if (timeToLive != null && (timeToLive.isZero() || timeToLive.isNegative())) {
            throw new IllegalArgumentException("timeToLive must be positive: " + timeToLive);
        }
        this.timeToLive = timeToLive;
        return this;
    }

    /** @return when the message becomes available ({@code x-opt-scheduled-enqueue-time}), or null */
    public OffsetDateTime getScheduledEnqueueTime() {
        return scheduledEnqueueTime;
    }

    /**
     * Schedules the message: sent normally, it becomes available only at this time. To cancel a scheduled message
     * later, use the sender's {@code scheduleMessages}, which returns its sequence number.
     *
     * @param scheduledEnqueueTime the time, or null to enqueue at once
     * @return this message
     */
    public ServiceBusMessage setScheduledEnqueueTime(OffsetDateTime scheduledEnqueueTime) {
        this.scheduledEnqueueTime = scheduledEnqueueTime;
        return this;
    }

    /**
     * The application properties, a live mutable map. Values must be simple types: String, Boolean, Byte, Short,
     * Integer, Long, Float, Double, Character, UUID, java.util.Date, java.time.Instant, java.time.OffsetDateTime,
     * byte[], or null.
     *
     * @return the application properties
     */
    public Map<String, Object> getApplicationProperties() {
        return applicationProperties;
    }

    private static String checkLength(String value, String name) {
        if (value != null && value.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ServiceBusMessage{messageId=" + messageId + ", sessionId=" + sessionId + ", bodySize=" + body.length
                + "}";
    }
}
