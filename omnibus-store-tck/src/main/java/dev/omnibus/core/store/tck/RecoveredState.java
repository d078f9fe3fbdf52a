package dev.omnibus.core.store.tck;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.store.RecoveryVisitor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one {@link MessageStore#recover(RecoveryVisitor)} call reported, in comparable form (byte arrays as
 * Base64), so two recoveries can be compared with {@code equals}. Records contract violations seen while visiting:
 * messages out of ascending order within a queue and values reported twice.
 */
public final class RecoveredState implements RecoveryVisitor {
    public final Map<Long, String> entities = new TreeMap<>();
    public final Map<Long, Long> sequences = new TreeMap<>();
    public final Map<Long, Map<String, Long>> duplicates = new TreeMap<>();
    /** Session states as {@code updatedAt + ":" + Base64(state)}. */
    public final Map<Long, Map<String, String>> sessions = new TreeMap<>();
    public final Map<Long, List<MessageMeta>> messages = new TreeMap<>();
    public final List<String> violations = new ArrayList<>();

    /** Runs a recovery of {@code store} into a new instance. */
    public static RecoveredState of(MessageStore store) {
        RecoveredState s = new RecoveredState();
        store.recover(s);
        return s;
    }

    @Override
    public void entity(long entityId, byte[] definition) {
        if (entities.put(entityId, b64(definition)) != null) {
            violations.add("entity reported twice: " + entityId);
        }
    }

    @Override
    public void sequence(long entityId, long lastSequenceNumber) {
        if (sequences.put(entityId, lastSequenceNumber) != null) {
            violations.add("sequence reported twice: " + entityId);
        }
    }

    @Override
    public void duplicate(long entityId, String messageId, long expiresAt) {
        if (duplicates.computeIfAbsent(entityId, k -> new TreeMap<>()).put(messageId, expiresAt) != null) {
            violations.add("duplicate reported twice: " + entityId + "/" + messageId);
        }
    }

    @Override
    public void sessionState(long entityId, String sessionId, byte[] state, long updatedAt) {
        String v = updatedAt + ":" + b64(state);
        if (sessions.computeIfAbsent(entityId, k -> new TreeMap<>()).put(sessionId, v) != null) {
            violations.add("session state reported twice: " + entityId + "/" + sessionId);
        }
    }

    @Override
    public void message(long queueId, MessageMeta meta) {
        List<MessageMeta> q = messages.computeIfAbsent(queueId, k -> new ArrayList<>());
        if (!q.isEmpty() && q.get(q.size() - 1).sequenceNumber() >= meta.sequenceNumber()) {
            violations.add("queue " + queueId + ": sequence " + meta.sequenceNumber() + " after "
                    + q.get(q.size() - 1).sequenceNumber());
        }
        q.add(meta);
    }

    /** The metas of one queue, empty when it has none. */
    public List<MessageMeta> queue(long queueId) {
        return messages.getOrDefault(queueId, List.of());
    }

    public int messageCount() {
        return messages.values().stream().mapToInt(List::size).sum();
    }

    static String b64(byte[] b) {
        return b == null ? "null" : Base64.getEncoder().encodeToString(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecoveredState r && entities.equals(r.entities) && sequences.equals(r.sequences)
                && duplicates.equals(r.duplicates) && sessions.equals(r.sessions) && messages.equals(r.messages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entities, sequences, duplicates, sessions, messages);
    }

    @Override
    public String toString() {
        return "RecoveredState{entities=" + entities + ", sequences=" + sequences + ", duplicates=" + duplicates
                + ", sessions=" + sessions + ", messages=" + messageCount() + " in " + messages.keySet() + "}";
    }
}
