package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.client.exceptions.MessageAlreadySettledException;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Modified;
import org.apache.qpid.protonj2.types.messaging.Rejected;
import org.apache.qpid.protonj2.types.transport.DeliveryState;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;

/**
 * Settles and renews peek-lock messages for one receiver. A message is settled on the link it arrived on while
 * that link lives (an AMQP disposition, §5.1); otherwise, and for deferred messages received by sequence number,
 * through {@code $management update-disposition} with its lock token, which is what the service requires
 * (§3.3, obligation 6). Either way a failure leaves the message unsettled so the caller may try again. Messages of
 * a session receiver name the session in {@code update-disposition}, and their locks are the session's: they are
 * renewed with the session ({@code renew-session-lock}), not one by one.
 */
public final class MessageSettler {
    /** What to do with a message. */
    public enum Disposition {
        /** Remove it: accepted / {@code completed}. */
        COMPLETE(ServiceBusNames.DISPOSITION_COMPLETED),
        /** Unlock it for redelivery: modified / {@code abandoned}. */
        ABANDON(ServiceBusNames.DISPOSITION_ABANDONED),
        /** Set it aside: modified with undeliverable-here / {@code defered}. */
        DEFER(ServiceBusNames.DISPOSITION_DEFERRED),
        /** Move it to the dead-letter queue: rejected with com.microsoft:dead-letter / {@code suspended}. */
        DEAD_LETTER(ServiceBusNames.DISPOSITION_SUSPENDED);

        private final String status;
        /** Computed once: settling is a hot path, and the name is only needed if it fails. */
        private final String operation;
        private final String onMessage;

        Disposition(String status) {
            this.status = status;
            this.operation = name().toLowerCase(Locale.ROOT);
            this.onMessage = operation + " message";
        }

        /** @return the operation's name in messages: {@code complete}, {@code abandon}, ... */
        public String operation() {
            return operation;
        }
    }

    private final LinkSlot<ManagementChannel> management;
    private final RetryPolicy retry;
    private final Supplier<String> sessionId;

    /**
     * @param sessionId the session of a session receiver (null until it is accepted), or always null
     */
    MessageSettler(LinkSlot<ManagementChannel> management, RetryPolicy retry, Supplier<String> sessionId) {
        this.management = management;
        this.retry = retry;
        this.sessionId = sessionId;
    }

    /**
     * Settles {@code message}.
     *
     * @param reason dead-letter reason, or null
     * @param description dead-letter description, or null
     * @param propertiesToModify application properties to set on the message, or null
     */
    public CompletableFuture<Void> settle(ServiceBusReceivedMessage message, Disposition disposition, String reason,
                                          String description, Map<String, Object> propertiesToModify) {
        ModelAccess.ReceivedAccess access = ModelAccess.received();
        Object handle = access.handle(message);
        if (message.getLockToken() == null && handle == null) {
            if (message.isSettled()) {
                return CompletableFuture.failedFuture(new MessageAlreadySettledException(
                        "The message was received in RECEIVE_AND_DELETE mode: it cannot be settled", null));
            }
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "The message has no lock (a peeked message?): it cannot be settled"));
        }
        if (!access.markSettled(message)) {
            return CompletableFuture.failedFuture(new MessageAlreadySettledException(
                    "The message (sequence number " + message.getSequenceNumber() + ") is already settled", null));
        }
        CompletableFuture<Void> result = retry.run(disposition.onMessage,
                () -> settleOnce(message, handle, disposition, reason, description, propertiesToModify));
        result.whenComplete((ok, error) -> {
            if (error != null) {
                access.clearSettled(message);
            }
        });
        return result;
    }

    private CompletableFuture<Void> settleOnce(ServiceBusReceivedMessage message, Object handle,
                                               Disposition disposition, String reason, String description,
                                               Map<String, Object> propertiesToModify) {
        if (handle instanceof ReceiveLink.DeliveryHandle delivery && delivery.link().isUsable()) {
            return delivery.link().settle(delivery.delivery(),
                    outcome(disposition, reason, description, propertiesToModify));
        }
        UUID token = UUID.fromString(message.getLockToken());
        CompletableFuture<ManagementChannel> channel = handle instanceof ManagementChannel own && own.isUsable()
                ? CompletableFuture.completedFuture(own) : management.get();
        return channel.thenCompose(c -> c.updateDisposition(token, disposition.status,
                disposition == Disposition.DEAD_LETTER ? reason : null,
                disposition == Disposition.DEAD_LETTER ? description : null, propertiesToModify, sessionId.get()));
    }

    /** Renews the message's lock and records the new expiry on it. */
    public CompletableFuture<OffsetDateTime> renewLock(ServiceBusReceivedMessage message) {
        if (message.getLockToken() == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "The message has no lock to renew (peeked, or received in RECEIVE_AND_DELETE mode)"));
        }
        if (message.getSessionId() != null && sessionId.get() != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("The message belongs to session '"
                    + message.getSessionId() + "', whose lock covers it: renew the session's lock instead "
                    + "(receiver.session().renewLock(), or AutoLockRenewer.register(receiver, session, ...))"));
        }
        UUID token = UUID.fromString(message.getLockToken());
        Object handle = ModelAccess.received().handle(message);
        String linkName = handle instanceof ReceiveLink.DeliveryHandle delivery ? delivery.link().name() : null;
        return retry.run("renew message lock", () -> management.get().thenCompose(c -> c.renewLock(token, linkName)))
                .thenApply(expiry -> {
                    ModelAccess.received().setLockedUntil(message, expiry);
                    return expiry;
                });
    }

    private static DeliveryState outcome(Disposition disposition, String reason, String description,
                                         Map<String, Object> propertiesToModify) {
        if (disposition == Disposition.COMPLETE) {
            return Accepted.getInstance();
        }
        Map<Symbol, Object> annotations = new LinkedHashMap<>();
        if (propertiesToModify != null) {
            propertiesToModify.forEach((key, value) -> annotations.put(Symbol.valueOf(key), value));
        }
        return switch (disposition) {
            case COMPLETE -> Accepted.getInstance();
            case ABANDON -> new Modified(false, false, annotations.isEmpty() ? null : annotations);
            case DEFER -> new Modified(false, true, annotations.isEmpty() ? null : annotations);
            case DEAD_LETTER -> {
                Map<Symbol, Object> info = new LinkedHashMap<>(annotations);
                if (reason != null) {
                    info.put(Symbol.valueOf(ServiceBusNames.DEAD_LETTER_REASON), reason);
                }
                if (description != null) {
                    info.put(Symbol.valueOf(ServiceBusNames.DEAD_LETTER_ERROR_DESCRIPTION), description);
                }
                yield new Rejected(new ErrorCondition(Symbol.valueOf(ServiceBusNames.DEAD_LETTER_CONDITION), null,
                        info));
            }
        };
    }
}
