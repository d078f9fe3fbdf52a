package dev.omnibus.store.embedded;

import dev.omnibus.core.store.StoreOp;

/**
 * Turns store ops into write batch records ({@link BatchRep}) by the key layout of {@link Keys}. Ops whose records
 * depend only on the op ("blind" ones) are encoded on the committing thread; the writer encodes the ones that read
 * what is stored (a meta update of a message that may be gone, the highest sequence number, an entity's deletion).
 * New messages are the exception: their records go to the journal only ({@link HeldMessages}).
 */
final class OpRecords {
    /** Ids of the column families, as RocksDB numbers them in write batch records. */
    record Families(int entities, int meta, int payload, int sequences, int duplicates, int sessions) {
    }

    private static final byte[] EMPTY = new byte[0];

    private OpRecords() {
    }

    /** The journal's records of a new message, meta and payload; RocksDB gets them later ({@link HeldMessages}). */
    static void held(BatchRep rep, Families f, StoreOp.PutMessage p, byte[] encodedMeta) {
        byte[] key = Keys.message(p.queueId(), p.meta().sequenceNumber());
        rep.put(f.meta(), key, encodedMeta);
        rep.put(f.payload(), key, p.payload() == null ? EMPTY : p.payload());
    }

    /** Deletes a queue's messages {@code fromSeq} (inclusive) to {@code toSeq} (exclusive): one record a family. */
    static void deleteMessages(BatchRep rep, Families f, long queueId, long fromSeq, long toSeq) {
        byte[] from = Keys.message(queueId, fromSeq);
        byte[] to = Keys.message(queueId, toSeq);
        rep.deleteRange(f.meta(), from, to);
        rep.deleteRange(f.payload(), from, to);
    }

    /** Encodes a blind op. A PutMessage is not one: its records go to the journal only ({@link #held}). */
    static void blind(BatchRep rep, Families f, StoreOp op) {
        if (op instanceof StoreOp.DeleteMessage d) {
            byte[] key = Keys.message(d.queueId(), d.sequenceNumber());
            rep.delete(f.meta(), key);
            rep.delete(f.payload(), key);
        } else if (op instanceof StoreOp.PutDuplicate p) {
            rep.put(f.duplicates(), Keys.named(p.entityId(), p.messageId()), Keys.id(p.expiresAt()));
        } else if (op instanceof StoreOp.DeleteDuplicate d) {
            rep.delete(f.duplicates(), Keys.named(d.entityId(), d.messageId()));
        } else if (op instanceof StoreOp.PutSessionState s) {
            byte[] key = Keys.named(s.entityId(), s.sessionId());
            if (s.state() == null) {
                rep.delete(f.sessions(), key);
            } else {
                rep.put(f.sessions(), key, Keys.session(s.updatedAt(), s.state()));
            }
        } else if (op instanceof StoreOp.PutEntity p) {
            rep.put(f.entities(), Keys.id(p.entityId()), p.definition());
        } else {
            throw new IllegalArgumentException("not a blind op: " + op.getClass().getSimpleName());
        }
    }
}
