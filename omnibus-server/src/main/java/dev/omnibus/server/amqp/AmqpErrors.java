package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import org.apache.qpid.protonj2.engine.Link;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.messaging.Rejected;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transport.ErrorCondition;

/**
 * The one place where catalogue errors become AMQP: error conditions, {@code rejected} outcomes and refused links.
 * No condition symbol is written anywhere else in the AMQP adapter.
 */
final class AmqpErrors {
    private AmqpErrors() {
    }

    static ErrorCondition condition(ServiceBusError error, String description) {
        return new ErrorCondition(Symbol.valueOf(error.condition()), description);
    }

    static ErrorCondition condition(BrokerException e) {
        return condition(e.error(), e.getMessage());
    }

    /** Any failure as a condition; what is not a catalogue error becomes an internal error. */
    static ErrorCondition condition(Throwable t) {
        return condition(BrokerException.unwrap(t));
    }

    static Rejected rejected(Throwable t) {
        return new Rejected(condition(t));
    }

    static Rejected rejected(ServiceBusError error, String description) {
        return new Rejected(condition(error, description));
    }

    /**
     * Refuses a link the client attached: the reply carries a null terminus on the client's side of the link (the
     * source of a link the broker would send on, the target of one it would receive on), then the link is closed
     * with the error, which is how Service Bus tells the SDKs that the attach failed.
     */
    static void refuse(Link<?> link, ServiceBusError error, String description) {
        if (link.isLocallyClosedOrDetached()) {
            return;
        }
        if (!link.isLocallyOpen()) {
            if (link instanceof Sender) {
                link.setSource((Source) null);
                link.setTarget(link.getRemoteTarget() instanceof Target t ? t : null);
            } else if (link instanceof Receiver) {
                link.setSource(link.getRemoteSource());
                link.setTarget((Target) null);
            }
            link.open();
        }
        link.setCondition(condition(error, description));
        link.close();
    }

    static void refuse(Link<?> link, BrokerException e) {
        refuse(link, e.error(), e.getMessage());
    }
}
