package dev.omnibus.store.embedded;

import dev.omnibus.core.store.StoreOp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the group the store writer is building has done so far but the database cannot show yet: read-modify-write
 * ops (UpdateMeta's existence check, PutSequence's maximum) consult it before the database. Writer thread only.
 */
final class GroupOverlay {
    /** Whether a batch of the group updates metas: only then do the group's puts and deletes need tracking. */
    boolean trackMessages;
    /** Messages the group put (true) or deleted (false) so far. */
    final Map<MessageKey, Boolean> messages = new HashMap<>();
    /** The highest sequence mark of each entity the group touched, stored or noted. */
    final Map<Long, Long> sequences = new HashMap<>();
    /** Entities whose mark the group raised and has not written yet. */
    final Set<Long> unwrittenSequences = new LinkedHashSet<>();
    final Set<Long> deletedEntities = new HashSet<>();

    record MessageKey(long queueId, long seq) {
    }

    /** Notes a message put or delete, when the group needs to know. */
    void track(StoreOp op) {
        if (!trackMessages) {
            return;
        }
        if (op instanceof StoreOp.PutMessage p) {
            messages.put(new MessageKey(p.queueId(), p.meta().sequenceNumber()), Boolean.TRUE);
        } else if (op instanceof StoreOp.DeleteMessage d) {
            messages.put(new MessageKey(d.queueId(), d.sequenceNumber()), Boolean.FALSE);
        }
    }

    /** Whether the group put (true) or deleted (false) the message so far; null when it did neither. */
    Boolean message(long queueId, long seq) {
        return messages.get(new MessageKey(queueId, seq));
    }
}
