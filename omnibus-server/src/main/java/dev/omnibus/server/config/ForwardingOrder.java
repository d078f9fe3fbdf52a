package dev.omnibus.server.config;

import dev.omnibus.core.EntityNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders configured queues so that each one's {@code ForwardTo} target is applied before it. A queue may then point
 * at a queue declared further down the file, and an update that reverses a chain never passes through a loop.
 */
final class ForwardingOrder {
    private final Map<String, QueueConfig> byKey = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Set<String> visiting = new LinkedHashSet<>();
    private final List<QueueConfig> ordered = new ArrayList<>();

    private ForwardingOrder(List<QueueConfig> queues) {
        queues.forEach(q -> byKey.put(EntityNames.key(q.name()), q));
    }

    /** The queues, targets first, otherwise in document order; a ForwardTo loop is a {@link ConfigException}. */
    static List<QueueConfig> of(List<QueueConfig> queues) {
        ForwardingOrder order = new ForwardingOrder(queues);
        queues.forEach(order::visit);
        return order.ordered;
    }

    private void visit(QueueConfig queue) {
        String key = EntityNames.key(queue.name());
        if (done.contains(key)) {
            return;
        }
        if (!visiting.add(key)) {
            List<String> chain = new ArrayList<>(visiting);
            chain = chain.subList(chain.indexOf(key), chain.size());
            throw new ConfigException(queue.path() + ".Properties.ForwardTo", "ForwardTo makes a loop: "
                    + String.join(" -> ", chain) + " -> " + key);
        }
        String target = queue.description().forwardTo();
        QueueConfig next = target == null ? null : byKey.get(EntityNames.key(target));
        if (next != null) {
            visit(next);
        }
        visiting.remove(key);
        done.add(key);
        ordered.add(queue);
    }
}
