package dev.omnibus.store.embedded;

import java.util.Arrays;
import java.util.List;

/**
 * Records of a RocksDB write batch in its serialized form ({@code WriteBatch.data()}), built in Java: column family
 * puts, deletes and range deletes, each a tag, the family id as a varint, then length-prefixed key and value. This
 * is the layout of RocksDB's write-ahead log records, which RocksDB keeps stable across versions.
 *
 * <p>Why: filling a native {@code WriteBatch} costs a JNI call per op, each copying its arrays in and out of the
 * JVM, and the single store writer was spending a third of its time there. Records built here on the committing
 * threads reach the writer as bytes: it concatenates the records of a group and hands them to RocksDB in one call.
 * RocksDB checks the record count against the records when it applies the batch, and refuses a malformed one.
 * Not thread-safe.
 */
final class BatchRep {
    /** Sequence number (8 bytes) and count (4 bytes), little-endian; RocksDB assigns the sequence number. */
    static final int HEADER = 12;

    private static final byte COLUMN_FAMILY_DELETION = 0x4;
    private static final byte COLUMN_FAMILY_VALUE = 0x5;
    private static final byte COLUMN_FAMILY_RANGE_DELETION = 0xE;

    private byte[] buf;
    private int length;
    private int count;

    BatchRep(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Records so far. */
    int count() {
        return count;
    }

    /** Bytes of the records so far (no header). */
    int length() {
        return length;
    }

    void put(int family, byte[] key, byte[] value) {
        reserve(1 + 5 + 5 + key.length + 5 + value.length);
        buf[length++] = COLUMN_FAMILY_VALUE;
        varint(family);
        slice(key);
        slice(value);
        count++;
    }

    void delete(int family, byte[] key) {
        reserve(1 + 5 + 5 + key.length);
        buf[length++] = COLUMN_FAMILY_DELETION;
        varint(family);
        slice(key);
        count++;
    }

    /** Deletes the keys from {@code from} (inclusive) to {@code to} (exclusive). */
    void deleteRange(int family, byte[] from, byte[] to) {
        reserve(1 + 5 + 5 + from.length + 5 + to.length);
        buf[length++] = COLUMN_FAMILY_RANGE_DELETION;
        varint(family);
        slice(from);
        slice(to);
        count++;
    }

    /** Appends the records of {@code other}. */
    void append(BatchRep other) {
        reserve(other.length);
        System.arraycopy(other.buf, 0, buf, length, other.length);
        length += other.length;
        count += other.count;
    }

    /** The serialized batch: header (sequence 0, count) then the records. */
    byte[] serialize() {
        return concat(List.of(this));
    }

    /** One serialized batch of the records of {@code parts}, in order; each record is copied once. */
    static byte[] concat(List<BatchRep> parts) {
        int total = 0;
        int count = 0;
        for (BatchRep p : parts) {
            total += p.length;
            count += p.count;
        }
        byte[] out = new byte[HEADER + total];
        out[8] = (byte) count;
        out[9] = (byte) (count >>> 8);
        out[10] = (byte) (count >>> 16);
        out[11] = (byte) (count >>> 24);
        int at = HEADER;
        for (BatchRep p : parts) {
            System.arraycopy(p.buf, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private void slice(byte[] bytes) {
        varint(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
    }

    private void varint(int v) {
        while ((v & ~0x7F) != 0) {
            buf[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[length++] = (byte) v;
    }

    private void reserve(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
