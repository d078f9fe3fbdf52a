package dev.omnibus.client.implementation.admin;

import dev.omnibus.client.admin.models.EntityStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import org.w3c.dom.Element;

/** What every description shares: typed readers of child elements, counts, statuses and forwarding targets. */
final class DescriptionXml {
    private DescriptionXml() {
    }

    static void duration(Element e, String name, Consumer<Duration> apply) {
        XmlReader.ifPresent(e, name, text -> apply.accept(XmlValues.duration(name, text)));
    }

    static void bool(Element e, String name, Consumer<Boolean> apply) {
        XmlReader.ifPresent(e, name, text -> apply.accept(XmlValues.bool(name, text)));
    }

    static void int32(Element e, String name, Consumer<Integer> apply) {
        XmlReader.ifPresent(e, name, text -> apply.accept((int) XmlValues.integer(name, text)));
    }

    static void int64(Element e, String name, Consumer<Long> apply) {
        XmlReader.ifPresent(e, name, text -> apply.accept(XmlValues.integer(name, text)));
    }

    static void status(Element e, Consumer<EntityStatus> apply) {
        XmlReader.ifPresent(e, "Status", text -> apply.accept(EntityStatus.fromString(text)));
    }

    static String duration(Duration d) {
        return d == null ? null : XmlValues.duration(d);
    }

    /** The entity name of a forwarding target: the service writes absolute URLs ({@code https://host/q2}). */
    static String forwardTarget(Element e, String name) {
        String text = XmlReader.text(e, name);
        return text == null || text.isBlank() ? null : entityName(text.strip());
    }

    /** {@code https://host:port/a/b?x} is {@code a/b}; a bare name stays as it is. */
    static String entityName(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return target;
        }
        int pathStart = target.indexOf('/', scheme + 3);
        String path = pathStart < 0 ? "" : target.substring(pathStart + 1);
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() ? null : path;
    }

    /**
     * A forwarding target as the clients send it: the absolute URL of the entity in this namespace, unless it is a URL
     * already.
     */
    static String forwardUrl(String target, String namespaceHost) {
        if (target == null || target.isBlank()) {
            return null;
        }
        return target.contains("://") ? target : "https://" + namespaceHost + "/" + target;
    }

    /** The counts and times of a queue, topic or subscription description. */
    static EntityRuntime runtime(Element e) {
        Element counts = XmlReader.child(e, "CountDetails");
        return new EntityRuntime(long64(e, "SizeInBytes"), long64(e, "MessageCount"),
                count(counts, "ActiveMessageCount"), count(counts, "DeadLetterMessageCount"),
                count(counts, "ScheduledMessageCount"), count(counts, "TransferDeadLetterMessageCount"),
                count(counts, "TransferMessageCount"), (int) long64(e, "SubscriptionCount"),
                time(e, "CreatedAt"), time(e, "UpdatedAt"), time(e, "AccessedAt"));
    }

    static OffsetDateTime time(Element e, String name) {
        String text = XmlReader.text(e, name);
        return text == null ? null : XmlValues.dateTime(name, text);
    }

    private static long long64(Element e, String name) {
        String text = XmlReader.text(e, name);
        return text == null ? 0 : XmlValues.integer(name, text);
    }

    private static long count(Element counts, String name) {
        if (counts == null) {
            return 0;
        }
        Element child = XmlReader.child(counts, AtomNs.SB_2011, name);
        return child == null || child.getTextContent().isBlank() ? 0
                : XmlValues.integer(name, child.getTextContent());
    }
}
