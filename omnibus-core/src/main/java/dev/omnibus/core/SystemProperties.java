package dev.omnibus.core;

/**
 * The Service Bus system properties a sender sets, as the core keeps them with each stored message (they are also
 * inside the encoded payload; these copies are what filters, sessions and duplicate detection read).
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
 */
public record SystemProperties(String messageId, String correlationId, String sessionId, String replyTo,
                               String replyToSessionId, String to, String subject, String contentType,
                               String partitionKey) {
    public static final SystemProperties NONE = new SystemProperties(null, null, null, null, null, null, null, null,
            null);

    /** The system properties of a message being sent. */
    public static SystemProperties of(IncomingMessage m) {
        return new SystemProperties(m.messageId(), m.correlationId(), m.sessionId(), m.replyTo(),
                m.replyToSessionId(), m.to(), m.subject(), m.contentType(), m.partitionKey());
    }
}
