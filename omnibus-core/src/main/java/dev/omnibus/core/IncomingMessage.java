package dev.omnibus.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message as a sender hands it to the broker. The payload is the protocol's encoding of the whole message and is
 * opaque to the core; the system properties beside it are what the core acts on (duplicate detection, sessions, TTL,
 * scheduling) and, with the application properties, what topic filters read.
 *
 * @param messageId {@code MessageId}, or null
 * @param correlationId {@code CorrelationId}, or null
 * @param sessionId {@code SessionId}, or null
 * @param replyTo {@code ReplyTo}, or null
 * @param replyToSessionId {@code ReplyToSessionId}, or null
 * @param to {@code To}, or null
 * @param subject {@code Subject} (Label), or null
 * @param contentType {@code ContentType}, or null
 * @param partitionKey {@code PartitionKey}, or null
 * @param timeToLive the sender's {@code TimeToLive}, or null for the entity default
 * @param scheduledEnqueueTime {@code ScheduledEnqueueTime}, or null
 * @param applicationProperties user properties (read-only view for filters; the payload keeps the originals)
 * @param payload the encoded message
 */
public record IncomingMessage(String messageId, String correlationId, String sessionId, String replyTo,
                              String replyToSessionId, String to, String subject, String contentType,
                              String partitionKey, Duration timeToLive, Instant scheduledEnqueueTime,
                              Map<String, Object> applicationProperties, byte[] payload) {

    public IncomingMessage {
        Objects.requireNonNull(payload, "payload");
        applicationProperties = applicationProperties == null ? Map.of() : applicationProperties;
    }

    public static Builder builder(byte[] payload) {
        return new Builder(payload);
    }

    /** Size counted against message-size limits and quotas. */
    public int size() {
        return payload.length;
    }

    /** Fluent builder for tests and protocol adapters. */
    public static final class Builder {
        private final byte[] payload;
        private String messageId;
        private String correlationId;
        private String sessionId;
        private String replyTo;
        private String replyToSessionId;
        private String to;
        private String subject;
        private String contentType;
        private String partitionKey;
        private Duration timeToLive;
        private Instant scheduledEnqueueTime;
        private Map<String, Object> applicationProperties = Map.of();

        private Builder(byte[] payload) {
            this.payload = payload;
        }

        public Builder messageId(String v) {
            messageId = v;
            return this;
        }

        public Builder correlationId(String v) {
            correlationId = v;
            return this;
        }

        public Builder sessionId(String v) {
            sessionId = v;
            return this;
        }

        public Builder replyTo(String v) {
            replyTo = v;
            return this;
        }

        public Builder replyToSessionId(String v) {
            replyToSessionId = v;
            return this;
        }

        public Builder to(String v) {
            to = v;
            return this;
        }

        public Builder subject(String v) {
            subject = v;
            return this;
        }

        public Builder contentType(String v) {
            contentType = v;
            return this;
        }

        public Builder partitionKey(String v) {
            partitionKey = v;
            return this;
        }

        public Builder timeToLive(Duration v) {
            timeToLive = v;
            return this;
        }

        public Builder scheduledEnqueueTime(Instant v) {
            scheduledEnqueueTime = v;
            return this;
        }

        public Builder applicationProperties(Map<String, Object> v) {
            applicationProperties = v;
            return this;
        }

        public IncomingMessage build() {
            return new IncomingMessage(messageId, correlationId, sessionId, replyTo, replyToSessionId, to, subject,
                    contentType, partitionKey, timeToLive, scheduledEnqueueTime, applicationProperties, payload);
        }
    }
}
