package dev.omnibus.client.implementation;

import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The messages a receive link holds for receives to come. The link's event loop fills and serves it; a receiving
 * thread may also {@linkplain #takeIfReady take} a whole batch straight out of it, so a receive that prefetch has
 * already covered costs no hop to the event loop and back. Thread-safe (one short-held monitor).
 */
final class PrefetchBuffer {
    private final ArrayDeque<ServiceBusReceivedMessage> messages = new ArrayDeque<>();

    synchronized void add(ServiceBusReceivedMessage message) {
        messages.add(message);
    }

    /** @return the oldest message, or null */
    synchronized ServiceBusReceivedMessage poll() {
        return messages.poll();
    }

    /** Puts {@code returned} back at the front, in their order. */
    synchronized void addFirst(List<ServiceBusReceivedMessage> returned) {
        for (int i = returned.size() - 1; i >= 0; i--) {
            messages.addFirst(returned.get(i));
        }
    }

    synchronized boolean isEmpty() {
        return messages.isEmpty();
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized void clear() {
        messages.clear();
    }

    /**
     * Takes the {@code max} oldest messages if that many are here and none of them is {@code lapsed}; otherwise takes
     * nothing and returns null (the event loop then serves the receive as usual, releasing lapsed messages).
     */
    synchronized List<ServiceBusReceivedMessage> takeIfReady(int max, Predicate<ServiceBusReceivedMessage> lapsed) {
        if (messages.size() < max) {
            return null;
        }
        int i = 0;
        for (ServiceBusReceivedMessage message : messages) {
            if (i++ == max) {
                break;
            }
            if (lapsed.test(message)) {
                return null;
            }
        }
        List<ServiceBusReceivedMessage> taken = new ArrayList<>(max);
        for (int n = 0; n < max; n++) {
            taken.add(messages.poll());
        }
        return taken;
    }
}
