package dev.omnibus.core.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message ids seen within the duplicate detection window, oldest first. The window is the same for every id of an
 * entity, so insertion order is expiry order and pruning looks at the head only. Confined to the entity mailbox.
 */
final class DuplicateDetector {
    private final LinkedHashMap<String, Long> expiryById = new LinkedHashMap<>();

    /** Whether {@code messageId} was seen and has not left the window (call {@link #prune} first). */
    boolean isDuplicate(String messageId) {
        return expiryById.containsKey(messageId);
    }

    void register(String messageId, long expiresAt) {
        expiryById.remove(messageId);
        expiryById.put(messageId, expiresAt);
    }

    /** Takes back a registration whose send failed, so a retry is not dropped. */
    void forget(String messageId) {
        expiryById.remove(messageId);
    }

    /** Removes the ids that left the window by {@code now} and returns them, so the store copy can follow. */
    List<String> prune(long now) {
        List<String> pruned = new ArrayList<>();
        Iterator<Map.Entry<String, Long>> it = expiryById.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() > now) {
                break;
            }
            pruned.add(e.getKey());
            it.remove();
        }
        return pruned;
    }

    int size() {
        return expiryById.size();
    }
}
