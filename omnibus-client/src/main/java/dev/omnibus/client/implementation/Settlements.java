package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.exceptions.ServiceBusFailureReason;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.types.messaging.Rejected;
import org.apache.qpid.protonj2.types.messaging.Released;
import org.apache.qpid.protonj2.types.transport.DeliveryState;

/**
 * Settlement of peek-lock deliveries on their receive link (rcv-settle-mode {@code second}): the client sends its
 * outcome unsettled and waits for the service to settle it. Success is the service echoing the <em>same outcome
 * type</em>; a {@code rejected} carrying an error is a failure with that error (for example
 * {@code com.microsoft:message-lock-lost}), except the {@code com.microsoft:dead-letter} echo of a dead-letter
 * request; {@code released} means the service gave up on the message.
 *
 * <p>Confined to the connection's event loop.
 */
final class Settlements {
    private record Pending(DeliveryState outcome, CompletableFuture<Void> done) {
    }

    private final String address;
    private final Map<IncomingDelivery, Pending> pending = new HashMap<>();

    Settlements(String address) {
        this.address = address;
    }

    /** Sends {@code outcome} for {@code delivery}; {@code done} completes when the service confirms. */
    void settle(IncomingDelivery delivery, DeliveryState outcome, CompletableFuture<Void> done) {
        if (pending.containsKey(delivery)) {
            done.completeExceptionally(new ServiceBusException("A settlement of this message is in progress",
                    ServiceBusFailureReason.INVALID_OPERATION, false, null));
            return;
        }
        pending.put(delivery, new Pending(outcome, done));
        delivery.disposition(outcome, false);
    }

    /** The service updated or settled a delivery. */
    void onRemoteUpdate(IncomingDelivery delivery) {
        if (!delivery.isRemotelySettled()) {
            return;
        }
        Pending settlement = pending.remove(delivery);
        if (!delivery.isSettled()) {
            delivery.settle();
        }
        if (settlement == null) {
            return;
        }
        DeliveryState remote = delivery.getRemoteState();
        String context = "Settling a message received from " + address;
        if (remote instanceof Rejected rejected && rejected.getError() != null
                && !ServiceBusNames.DEAD_LETTER_CONDITION.equals(String.valueOf(rejected.getError().getCondition()))) {
            settlement.done().completeExceptionally(ServiceBusExceptions.fromCondition(rejected.getError(), context));
        } else if (remote != null && remote.getType() == settlement.outcome().getType()) {
            settlement.done().complete(null);
        } else if (remote instanceof Released) {
            settlement.done().completeExceptionally(new ServiceBusException(context + ": the service released it",
                    ServiceBusFailureReason.GENERAL_ERROR, false, null));
        } else {
            settlement.done().completeExceptionally(new ServiceBusException(context + ": the service answered "
                    + remote + " to " + settlement.outcome(), ServiceBusFailureReason.GENERAL_ERROR, false, null));
        }
    }

    /** The link ended: every unconfirmed settlement fails with its error. */
    void failAll(ServiceBusException error) {
        pending.values().forEach(p -> p.done().completeExceptionally(error));
        pending.clear();
    }
}
