package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.QueueEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Modified;
import org.apache.qpid.protonj2.types.messaging.Rejected;
import org.apache.qpid.protonj2.types.messaging.Released;
import org.apache.qpid.protonj2.types.transport.DeliveryState;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;

/**
 * How a receiver's outcome settles a locked message, and how the broker answers it.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>client sends</th><th>broker does</th></tr>
 *   <tr><td>accepted</td><td>complete</td></tr>
 *   <tr><td>modified (undeliverable-here unset or false)</td><td>abandon, message-annotations = properties to modify</td></tr>
 *   <tr><td>modified, undeliverable-here = true</td><td>defer, same properties</td></tr>
 *   <tr><td>rejected {com.microsoft:dead-letter, info}</td><td>dead-letter with DeadLetterReason /
 *       DeadLetterErrorDescription from the info (or the description), other info entries as properties</td></tr>
 *   <tr><td>rejected, no error</td><td>dead-letter without reason</td></tr>
 *   <tr><td>released</td><td>release (the attempt is not counted)</td></tr>
 * </table>
 *
 * The answer is a settled disposition of the <em>same outcome type</em>, bare (a rejected echo carries no error,
 * or JS and .NET would report a failure); a failure is answered {@code rejected} with the catalogue error, e.g.
 * {@code com.microsoft:message-lock-lost}.
 */
final class Settlements {
    private Settlements() {
    }

    /** Applies the outcome to the lock; the future fails with the broker's error. */
    static CompletableFuture<Void> apply(QueueEndpoint endpoint, UUID token, DeliveryState state) {
        if (state instanceof Accepted) {
            return endpoint.complete(token);
        } else if (state instanceof Modified m) {
            Map<String, Object> props = MessageReader.propertiesToModify(m.getMessageAnnotations());
            return m.isUndeliverableHere() ? endpoint.defer(token, props) : endpoint.abandon(token, props);
        } else if (state instanceof Rejected r) {
            return deadLetter(endpoint, token, r.getError());
        } else if (state instanceof Released) {
            return endpoint.release(token);
        }
        return CompletableFuture.failedFuture(new BrokerException(ServiceBusError.NOT_IMPLEMENTED,
                "The outcome " + state.getType() + " is not supported by this broker yet."));
    }

    private static CompletableFuture<Void> deadLetter(QueueEndpoint endpoint, UUID token, ErrorCondition error) {
        if (error == null) {
            return endpoint.deadLetter(token, null, null, Map.of());
        }
        Map<String, Object> props = new LinkedHashMap<>(MessageReader.propertiesToModify(error.getInfo()));
        Object reason = props.remove(ServiceBusNames.DEAD_LETTER_REASON);
        Object description = props.remove(ServiceBusNames.DEAD_LETTER_ERROR_DESCRIPTION);
        if (description == null) {
            description = error.getDescription();
        }
        return endpoint.deadLetter(token, reason == null ? null : reason.toString(),
                description == null ? null : description.toString(), props);
    }

    /** Answers the client's disposition: settled, with the same outcome type, or rejected with the failure. */
    static void answer(OutgoingDelivery delivery, DeliveryState requested, Throwable failure) {
        if (delivery.isSettled()) {
            return;
        }
        if (delivery.isRemotelySettled()) {
            delivery.settle();
            return;
        }
        delivery.disposition(failure == null ? echo(requested) : AmqpErrors.rejected(failure), true);
    }

    private static DeliveryState echo(DeliveryState requested) {
        if (requested instanceof Modified) {
            return new Modified();
        } else if (requested instanceof Rejected) {
            return new Rejected();
        } else if (requested instanceof Released) {
            return Released.getInstance();
        }
        return Accepted.getInstance();
    }
}
