package dev.omnibus.client;

import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.util.Map;

/**
 * One message handed to a {@link ServiceBusProcessor}'s or {@link ServiceBusSessionProcessor}'s message handler, with
 * the operations to settle it explicitly (and, in a session processor, its session). With auto-complete on, a message
 * the handler did not settle is completed when the handler returns and abandoned when it throws.
 */
public final class ProcessMessageContext {
    private final ServiceBusReceivedMessage message;
    private final ServiceBusReceiver receiver;

    ProcessMessageContext(ServiceBusReceivedMessage message, ServiceBusReceiver receiver) {
        this.message = message;
        this.receiver = receiver;
    }

    /**
     * The session the message belongs to, held by the session processor while the handler runs: read or set its
     * state, renew its lock.
     *
     * @return the session
     * @throws IllegalStateException if the message did not come from a session processor
     */
    public ServiceBusSession getSession() {
        return receiver.session();
    }

    /** @return the message */
    public ServiceBusReceivedMessage getMessage() {
        return message;
    }

    /** Completes the message. */
    public void complete() {
        receiver.completeMessage(message);
    }

    /** Abandons the message: it is delivered again. */
    public void abandon() {
        receiver.abandonMessage(message);
    }

    /**
     * Abandons the message and sets application properties on it.
     *
     * @param propertiesToModify application properties to set
     */
    public void abandon(Map<String, Object> propertiesToModify) {
        receiver.abandonMessage(message, propertiesToModify);
    }

    /**
     * Moves the message to the dead-letter queue.
     *
     * @param reason why, or null
     * @param description more detail, or null
     */
    public void deadLetter(String reason, String description) {
        receiver.deadLetterMessage(message, reason, description);
    }

    /** Defers the message. */
    public void defer() {
        receiver.deferMessage(message);
    }

    /**
     * Renews the message's lock now (the processor also renews it automatically). In a session processor, renew the
     * session's lock instead ({@code getSession().renewLock()}).
     */
    public void renewMessageLock() {
        receiver.renewMessageLock(message);
    }

    /** @return the entity the message came from */
    public String getEntityPath() {
        return receiver.getEntityPath();
    }
}
