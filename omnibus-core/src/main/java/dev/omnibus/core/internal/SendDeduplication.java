package dev.omnibus.core.internal;

import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.store.StoreBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Duplicate detection for one send: which messages are dropped, and which ids this send registered (to persist
 * with it, or to take back if it fails so that a retry is not dropped).
 */
final class SendDeduplication {
    private final boolean[] dropped;
    private final List<String> registered;
    private final List<IncomingMessage> fresh;
    private final long expiresAt;

    private SendDeduplication(boolean[] dropped, List<String> registered, List<IncomingMessage> fresh,
                              long expiresAt) {
        this.dropped = dropped;
        this.registered = registered;
        this.fresh = fresh;
        this.expiresAt = expiresAt;
    }

    /** Checks and registers the ids of {@code messages}; with detection off nothing is dropped. */
    static SendDeduplication check(DuplicateDetector detector, boolean enabled, List<IncomingMessage> messages,
                                   long now, long windowMillis) {
        boolean[] dropped = new boolean[messages.size()];
        List<String> registered = new ArrayList<>();
        if (!enabled) {
            return new SendDeduplication(dropped, registered, messages, 0);
        }
        List<IncomingMessage> fresh = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String messageId = messages.get(i).messageId();
            if (messageId != null && detector.isDuplicate(messageId)) {
                dropped[i] = true;
                continue;
            }
            if (messageId != null) {
                detector.register(messageId, now + windowMillis);
                registered.add(messageId);
            }
            fresh.add(messages.get(i));
        }
        return new SendDeduplication(dropped, registered, fresh, now + windowMillis);
    }

    /** The messages to store. */
    List<IncomingMessage> fresh() {
        return fresh;
    }

    /** Adds the registered ids to the send's batch. */
    void persist(StoreBatch batch, long entityId) {
        for (String messageId : registered) {
            batch.putDuplicate(entityId, messageId, expiresAt);
        }
    }

    /** The send failed: its ids leave the window again. */
    void takeBack(DuplicateDetector detector) {
        registered.forEach(detector::forget);
    }

    /** Sequence numbers of the fresh messages placed at the positions of all messages, 0 for dropped ones. */
    long[] spread(long[] freshSeqs) {
        long[] all = new long[dropped.length];
        for (int i = 0, j = 0; i < dropped.length; i++) {
            all[i] = dropped[i] ? 0 : freshSeqs[j++];
        }
        return all;
    }
}
