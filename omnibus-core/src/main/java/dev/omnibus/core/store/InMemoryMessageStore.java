package dev.omnibus.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A store that keeps everything in the heap and forgets it on close: for tests and {@code --in-memory}. Commits
 * complete at once, on the calling thread. Thread-safe through one monitor.
 */
public final class InMemoryMessageStore implements MessageStore {
    private final Map<Long, byte[]> entities = new TreeMap<>();
    private final Map<Long, Long> sequences = new HashMap<>();
    private final Map<Long, Map<String, Long>> duplicates = new HashMap<>();
    private final Map<Long, Map<String, SessionStateValue>> sessionStates = new HashMap<>();
    private final Map<Long, NavigableMap<Long, StoredMessage>> queues = new TreeMap<>();
    private boolean closed;

    private record SessionStateValue(byte[] state, long updatedAt) {
    }

    @Override
    public synchronized void recover(RecoveryVisitor visitor) {
        entities.forEach(visitor::entity);
        sequences.forEach(visitor::sequence);
        duplicates.forEach((entity, ids) -> ids.forEach((id, exp) -> visitor.duplicate(entity, id, exp)));
        sessionStates.forEach((entity, states) ->
                states.forEach((id, v) -> visitor.sessionState(entity, id, v.state(), v.updatedAt())));
        queues.forEach((queueId, messages) -> messages.values().forEach(m -> visitor.message(queueId, m.meta())));
    }

    @Override
    public synchronized CompletableFuture<Void> commit(StoreBatch batch) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("store is closed"));
        }
        for (StoreOp op : batch.ops()) {
            apply(op);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void apply(StoreOp op) {
        if (op instanceof StoreOp.PutEntity p) {
            entities.put(p.entityId(), p.definition());
        } else if (op instanceof StoreOp.DeleteEntity d) {
            entities.remove(d.entityId());
            sequences.remove(d.entityId());
            duplicates.remove(d.entityId());
            sessionStates.remove(d.entityId());
            long first = QueueIds.firstOf(d.entityId());
            for (long q = first; q < first + 4; q++) {
                queues.remove(q);
            }
        } else if (op instanceof StoreOp.PutMessage p) {
            queue(p.queueId()).put(p.meta().sequenceNumber(), new StoredMessage(p.meta(), p.payload()));
        } else if (op instanceof StoreOp.UpdateMeta u) {
            NavigableMap<Long, StoredMessage> q = queues.get(u.queueId());
            StoredMessage old = q == null ? null : q.get(u.meta().sequenceNumber());
            if (old != null) {
                q.put(u.meta().sequenceNumber(), new StoredMessage(u.meta(), old.payload()));
            }
        } else if (op instanceof StoreOp.DeleteMessage d) {
            NavigableMap<Long, StoredMessage> q = queues.get(d.queueId());
            if (q != null) {
                q.remove(d.sequenceNumber());
            }
        } else if (op instanceof StoreOp.PutSequence s) {
            sequences.merge(s.entityId(), s.lastSequenceNumber(), Math::max);
        } else if (op instanceof StoreOp.PutDuplicate p) {
            duplicates.computeIfAbsent(p.entityId(), k -> new HashMap<>()).put(p.messageId(), p.expiresAt());
        } else if (op instanceof StoreOp.DeleteDuplicate d) {
            Map<String, Long> ids = duplicates.get(d.entityId());
            if (ids != null) {
                ids.remove(d.messageId());
            }
        } else if (op instanceof StoreOp.PutSessionState s) {
            Map<String, SessionStateValue> states = sessionStates.computeIfAbsent(s.entityId(), k -> new HashMap<>());
            if (s.state() == null) {
                states.remove(s.sessionId());
            } else {
                states.put(s.sessionId(), new SessionStateValue(s.state(), s.updatedAt()));
            }
        }
    }

    private NavigableMap<Long, StoredMessage> queue(long queueId) {
        return queues.computeIfAbsent(queueId, k -> new TreeMap<>());
    }

    @Override
    public synchronized StoredMessage read(long queueId, long sequenceNumber) {
        NavigableMap<Long, StoredMessage> q = queues.get(queueId);
        return q == null ? null : q.get(sequenceNumber);
    }

    @Override
    public synchronized List<StoredMessage> scan(long queueId, long fromSequenceNumber, int maxCount) {
        NavigableMap<Long, StoredMessage> q = queues.get(queueId);
        List<StoredMessage> out = new ArrayList<>();
        if (q == null) {
            return out;
        }
        for (StoredMessage m : q.tailMap(fromSequenceNumber, true).values()) {
            if (out.size() >= maxCount) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    /** Number of messages held in a queue (for tests). */
    public synchronized int messageCount(long queueId) {
        NavigableMap<Long, StoredMessage> q = queues.get(queueId);
        return q == null ? 0 : q.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Reopens after {@link #close()}, keeping the content: simulates a restart in tests. */
    public synchronized InMemoryMessageStore reopen() {
        closed = false;
        return this;
    }

}
