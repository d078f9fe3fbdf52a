package dev.omnibus.store.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key and value layouts of the embedded store. All numbers are big-endian, so RocksDB's bytewise key order is
 * numeric order for the non-negative ids and sequence numbers the store accepts (see {@code EmbeddedMessageStore}).
 *
 * <pre>
 * entities   entityId(8)                      -> definition bytes
 * meta       queueId(8) seq(8)                -> MessageMetaCodec bytes
 * payload    queueId(8) seq(8)                -> payload bytes
 * sequences  entityId(8)                      -> lastSequenceNumber(8)
 * duplicates entityId(8) UTF-8(messageId)     -> expiresAt(8)
 * sessions   entityId(8) UTF-8(sessionId)     -> updatedAt(8) state bytes
 * default    "format-version" (ASCII)         -> version(4)
 * </pre>
 */
final class Keys {
    static final byte[] FORMAT_VERSION_KEY = "format-version".getBytes(StandardCharsets.US_ASCII);

    private Keys() {
    }

    static byte[] id(long id) {
        byte[] key = new byte[8];
        putLong(key, 0, id);
        return key;
    }

    static byte[] message(long queueId, long seq) {
        // Written by hand: two keys per message op, and a ByteBuffer per key showed in the allocation profile.
        byte[] key = new byte[16];
        putLong(key, 0, queueId);
        putLong(key, 8, seq);
        return key;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    /** An entity id followed by a UTF-8 name: duplicate detection and session state keys. */
    static byte[] named(long entityId, String name) {
        byte[] utf = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + utf.length).putLong(entityId).put(utf).array();
    }

    static long firstLong(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    static long secondLong(byte[] key) {
        return ByteBuffer.wrap(key, 8, 8).getLong();
    }

    static String name(byte[] key) {
        return new String(key, 8, key.length - 8, StandardCharsets.UTF_8);
    }

    static byte[] session(long updatedAt, byte[] state) {
        return ByteBuffer.allocate(8 + state.length).putLong(updatedAt).put(state).array();
    }

    static byte[] sessionState(byte[] value) {
        byte[] state = new byte[value.length - 8];
        System.arraycopy(value, 8, state, 0, state.length);
        return state;
    }

    static byte[] int4(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static int int4(byte[] v) {
        return ByteBuffer.wrap(v).getInt();
    }
}
