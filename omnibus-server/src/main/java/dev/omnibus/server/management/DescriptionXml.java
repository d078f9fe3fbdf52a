package dev.omnibus.server.management;

import dev.omnibus.amqp.EntityAddress;
import dev.omnibus.core.EntityStatus;
import java.time.Duration;
import java.util.function.Consumer;
import org.w3c.dom.Element;

/** Pieces every description shares: the root element, counts, statuses, and typed readers of child elements. */
final class DescriptionXml {
    static final String AVAILABLE = "Available";

    private DescriptionXml() {
    }

    /** {@code <Name xmlns="...connect" xmlns:i="...XMLSchema-instance">}: the default namespace, {@code i} for types. */
    static void open(XmlOut out, String name) {
        out.open(name).defaultNamespace(AtomNs.SB).namespace(AtomNs.XSI_PREFIX, AtomNs.XSI);
    }

    /**
     * {@code CountDetails} with exactly one attribute, the {@code xmlns:d2p1} declaration: the JS client requires
     * that and reads the children by that prefix. Children in the order the service writes them.
     */
    static void countDetails(XmlOut out, long active, long deadLetter, long scheduled, long transferDeadLetter,
                             long transfer) {
        out.open("CountDetails").namespace(AtomNs.SB_2011_PREFIX, AtomNs.SB_2011);
        count(out, "ActiveMessageCount", active);
        count(out, "DeadLetterMessageCount", deadLetter);
        count(out, "ScheduledMessageCount", scheduled);
        count(out, "TransferDeadLetterMessageCount", transferDeadLetter);
        count(out, "TransferMessageCount", transfer);
        out.close();
    }

    private static void count(XmlOut out, String name, long value) {
        out.element(AtomNs.SB_2011_PREFIX, name, AtomNs.SB_2011, value);
    }

    // ---- readers: each applies the child's value when the child is present ----------------------------------

    static void duration(Element e, String name, Consumer<Duration> apply) {
        XmlIn.ifPresent(e, name, text -> apply.accept(XmlValues.duration(name, text)));
    }

    static void bool(Element e, String name, Consumer<Boolean> apply) {
        XmlIn.ifPresent(e, name, text -> apply.accept(XmlValues.bool(name, text)));
    }

    static void int32(Element e, String name, Consumer<Integer> apply) {
        XmlIn.ifPresent(e, name, text -> apply.accept(XmlValues.int32(name, text)));
    }

    static void int64(Element e, String name, Consumer<Long> apply) {
        XmlIn.ifPresent(e, name, text -> apply.accept(XmlValues.integer(name, text)));
    }

    static void status(Element e, Consumer<EntityStatus> apply) {
        XmlIn.ifPresent(e, "Status", text -> {
            try {
                apply.accept(EntityStatus.parse(text.trim()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("The value '" + text + "' of Status is not valid; expected "
                        + "Active, Disabled, SendDisabled or ReceiveDisabled.");
            }
        });
    }

    /**
     * A forwarding target. The clients send absolute URLs ({@code https://host/target}, {@code sb://host/target});
     * the broker stores the entity name, the path of the URL.
     */
    static String forwardTarget(Element e, String name) {
        String text = XmlIn.text(e, name);
        if (text == null || text.isBlank()) {
            return null;
        }
        String path = EntityAddress.parse(text.trim()).entityPath();
        return path.isEmpty() ? null : path;
    }
}
